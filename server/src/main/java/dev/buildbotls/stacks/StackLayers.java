package dev.buildbotls.stacks;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.yaml.YamlDocument;
import dev.buildbotls.yaml.YamlParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * The layers of the editor's stacks: an open layer's text (unsaved edits included), else the
 * disk's, read again only when the file changed and never past {@link StackFinder#refusal}'s bounds;
 * each layer parsed once per text. Shared by every open document.
 */
public final class StackLayers {
  /** One file of a stack and its text. */
  public record Layer(Path file, String text) {}

  /** A layer on disk as last seen: why it is not read (empty: it is), and its text. */
  private record DiskText(String stamp, Optional<String> refusal, String text) {}

  private record Parsed(String text, YamlDocument document) {}

  private final Map<Path, DiskText> disk = new ConcurrentHashMap<>();
  private final Map<Path, Parsed> parsed = new ConcurrentHashMap<>();

  /**
   * @param open the open documents' texts by normalized path
   * @param allowed where layers may lie (the workspace folders)
   */
  public List<Layer> layers(StackFinder.Found found, Map<Path, String> open, List<Path> allowed) {
    List<Layer> result = new ArrayList<>();
    for (Path file : found.layers()) {
      result.add(new Layer(file, open.containsKey(file) ? open.get(file) : onDisk(file, allowed).text()));
    }
    return result;
  }

  /** What Helm reads of a layer (its first document), parsed once per text. */
  public YamlDocument document(Layer layer) {
    Parsed known = parsed.get(layer.file());
    if (known == null || !known.text().equals(layer.text())) {
      known = new Parsed(layer.text(), YamlParser.parse(layer.text()).firstDocument());
      parsed.put(layer.file(), known);
    }
    return known.document();
  }

  /** A stack-layer diagnostic, at the document's start, for each layer neither open nor read, related to the line naming it. */
  public List<Diagnostic> refused(StackFinder.Found found, Set<Path> open, List<Path> allowed) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (Path layer : new LinkedHashSet<>(found.layers())) {
      if (open.contains(layer)) {
        continue;
      }
      onDisk(layer, allowed).refusal().ifPresent(why -> {
        Location named = found.namedAt().get(layer);
        Diagnostic d = new Diagnostic(new Range(new Position(0, 0), new Position(0, 0)), "stack layer " + layer + " (from " + found.source()
            + ") is not read: " + why + "; the analysis goes on without it", Code.STACK_LAYER.severity(), Code.SOURCE, Code.STACK_LAYER.id());
        if (named != null) {
          d.setRelatedInformation(List.of(new DiagnosticRelatedInformation(named, "the layer is named here")));
        }
        diagnostics.add(d);
      });
    }
    return diagnostics;
  }

  /**
   * A layer that is not open, from disk: a stat per call, its refusal and a bounded read only when the
   * file (or where layers may lie) changed. Missing, it is empty and not refused.
   */
  private DiskText onDisk(Path file, List<Path> allowed) {
    String stamp;
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      stamp = attributes.size() + "@" + attributes.lastModifiedTime() + "@" + attributes.fileKey() + "@" + allowed;
    } catch (IOException | RuntimeException e) {
      return new DiskText("", StackFinder.refusal(file, allowed), "");
    }
    DiskText known = disk.get(file);
    if (known == null || !known.stamp().equals(stamp)) {
      Optional<String> refusal = StackFinder.refusal(file, allowed);
      known = new DiskText(stamp, refusal, refusal.isPresent() ? "" : read(file));
      disk.put(file, known);
    }
    return known;
  }

  /** At most {@link StackFinder#MAX_LAYER_BYTES} of a file refusal let through: more is read as nothing. */
  private static String read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) StackFinder.MAX_LAYER_BYTES + 1);
      return bytes.length > StackFinder.MAX_LAYER_BYTES ? "" : new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
