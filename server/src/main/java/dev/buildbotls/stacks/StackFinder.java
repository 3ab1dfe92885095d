package dev.buildbotls.stacks;

import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YNode;
import dev.buildbotls.yaml.YScalar;
import dev.buildbotls.yaml.YSeq;
import dev.buildbotls.yaml.YamlDocument;
import dev.buildbotls.yaml.YamlFile;
import dev.buildbotls.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.lsp4j.Location;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The stack a values file is deployed in, as {@code helm install -f a -f b} layers it: from the
 * user's {@code buildbot.valuesStacks} setting, else from a Helmfile ({@code releases[].values}) or an
 * Argo CD Application ({@code spec.source(s).helm.valueFiles}) beside the file. A stack is at least
 * two files, one of them this one.
 */
public final class StackFinder {
  /** Files larger than this beside a values file are not read as Helmfiles or Applications. */
  static final long MAX_DESCRIPTOR_BYTES = 1024 * 1024;
  /** YAML files beside a values file read when looking for an Argo CD Application. */
  static final int MAX_DESCRIPTORS = 50;
  /**
   * What an Argo CD Application's text holds (its apiVersion and kind), or it is not parsed. One
   * spelled with YAML escapes ("argoproj\u002eio/...") is not recognised.
   */
  private static final List<String> APPLICATION_WORDS = List.of("argoproj.io/", "Application");

  /** Larger stack layers are not read (as charts are bounded): a diagnostic says so. */
  public static final long MAX_LAYER_BYTES = 1024 * 1024;

  /**
   * The files of a stack in Helm's order, where the stack was found (for messages), and the line
   * naming each layer (a Helmfile's or an Application's; none for the setting).
   */
  public record Found(List<Path> layers, String source, Map<Path, Location> namedAt) {
    public int indexOf(Path file) {
      return layers.indexOf(normal(file));
    }
  }

  private StackFinder() {}

  /**
   * @param configured the setting's stacks: lists of paths, absolute or relative to a workspace root
   * @param roots the workspace roots
   */
  public static Optional<Found> find(Path file, List<List<String>> configured, List<Path> roots) {
    Path self = normal(file);
    for (List<String> stack : configured) {
      for (Path root : roots.isEmpty() ? List.of(self.getParent()) : roots) {
        List<Path> layers = stack.stream().map(p -> normal(root.resolve(p))).toList();
        if (layers.size() > 1 && layers.contains(self)) {
          return Optional.of(new Found(layers, "buildbot.valuesStacks", Map.of()));
        }
      }
    }
    Path dir = self.getParent();
    if (dir == null) {
      return Optional.empty();
    }
    for (String name : List.of("helmfile.yaml", "helmfile.yml")) {
      Optional<Found> found = fromHelmfile(dir.resolve(name), self);
      if (found.isPresent()) {
        return found;
      }
    }
    return fromApplications(dir, self);
  }

  private static Optional<Found> fromHelmfile(Path helmfile, Path self) {
    for (YamlDocument document : read(helmfile, List.of())) {
      for (YNode release : items(document.find(List.of("releases")))) {
        List<YScalar> named = strings(release instanceof YMap m ? m.entry("values").map(YMap.Entry::value) : Optional.empty());
        List<Path> layers = named.stream().map(v -> normal(helmfile.getParent().resolve(v.text()))).toList();
        if (layers.size() > 1 && layers.contains(self)) {
          return Optional.of(new Found(layers, helmfile.getFileName().toString(), namedAt(helmfile, layers, named)));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Found> fromApplications(Path dir, Path self) {
    List<Path> candidates;
    try (Stream<Path> files = Files.list(dir)) {
      candidates = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .filter(p -> !p.equals(self)).sorted().limit(MAX_DESCRIPTORS).toList();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    for (Path candidate : candidates) {
      for (YamlDocument document : read(candidate, APPLICATION_WORDS)) {
        if (!text(document.find(List.of("kind"))).equals("Application") || !text(document.find(List.of("apiVersion"))).startsWith("argoproj.io/")) {
          continue;
        }
        List<YNode> sources = new ArrayList<>(items(document.find(List.of("spec", "sources"))));
        document.find(List.of("spec", "source")).ifPresent(sources::add);
        for (YNode source : sources) {
          YamlDocument s = new YamlDocument(source, false);
          List<YScalar> named = strings(s.find(List.of("helm", "valueFiles")));
          List<Path> layers = named.stream().map(v -> argoPath(v.text(), text(s.find(List.of("path"))), candidate.getParent())).toList();
          if (layers.size() > 1 && layers.contains(self)) {
            return Optional.of(new Found(layers, candidate.getFileName().toString(), namedAt(candidate, layers, named)));
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Argo CD resolves value files against the chart's path in the repository ({@code $ref/...} against
   * the repository root): here, the git work tree holding the Application; without one, its directory.
   */
  private static Path argoPath(String value, String chartPath, Path applicationDir) {
    Path repository = applicationDir;
    for (Path p = applicationDir; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
        repository = p;
        break;
      }
    }
    if (value.startsWith("$")) {
      int slash = value.indexOf('/');
      return normal(repository.resolve(slash < 0 ? "" : value.substring(slash + 1)));
    }
    Path base = chartPath.isEmpty() || repository == applicationDir && !Files.isDirectory(repository.resolve(chartPath))
        ? applicationDir : repository.resolve(chartPath);
    return normal(base.resolve(value));
  }

  /**
   * The mapping documents of a YAML file, when its text has each of the words (a cheap test first:
   * the files beside a values file are mostly other values files, some of them large, and parsing
   * them held up the first diagnostics by half a second).
   */
  private static List<YamlDocument> read(Path file, List<String> words) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_DESCRIPTOR_BYTES) {
        return List.of();
      }
      String text = Files.readString(file);
      if (!words.stream().allMatch(text::contains)) {
        return List.of();
      }
      YamlFile yaml = YamlParser.parse(text);
      return yaml.documents().stream().filter(d -> d.root() instanceof YMap).toList();
    } catch (IOException | RuntimeException e) {
      return List.of(); // templated (.gotmpl syntax), unreadable or not UTF-8: no stack from it
    }
  }

  private static List<YNode> items(Optional<YNode> node) {
    return node.orElse(null) instanceof YSeq seq ? seq.items() : List.of();
  }

  /** The plain file names of a list (inline values and templated entries are not files). */
  private static List<YScalar> strings(Optional<YNode> node) {
    return items(node).stream().filter(n -> n instanceof YScalar s && s.value() instanceof String && !s.text().contains("{{"))
        .map(YScalar.class::cast).toList();
  }

  private static Map<Path, Location> namedAt(Path descriptor, List<Path> layers, List<YScalar> named) {
    Map<Path, Location> at = new HashMap<>();
    for (int i = layers.size() - 1; i >= 0; i--) { // a file named twice: its first naming
      at.put(layers.get(i), new Location(descriptor.toUri().toString(), named.get(i).range()));
    }
    return Map.copyOf(at);
  }

  /**
   * Why a stack layer is not read, or empty when it is: workspace files are data, never paths to
   * anything. A layer must be a regular file (no FIFO, device or directory: /dev/zero, a pipe or
   * /proc/self/fd/0 would hang the analysis or fill the heap) inside one of {@code allowed} once
   * links are resolved, and at most {@link #MAX_LAYER_BYTES}. A missing file is read as empty.
   */
  public static Optional<String> refusal(Path layer, List<Path> allowed) {
    try {
      if (!Files.exists(layer)) {
        return Optional.empty();
      }
      Path real = layer.toRealPath();
      boolean inside = false;
      for (Path root : allowed) {
        inside |= real.startsWith(root.toRealPath());
      }
      BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
      if (!inside) {
        return Optional.of("it lies outside the workspace" + (real.equals(normal(layer)) ? "" : " (it links to " + real + ")"));
      }
      if (!attributes.isRegularFile()) {
        return Optional.of("it is no regular file (a directory, a device, a FIFO or a socket)");
      }
      if (attributes.size() > MAX_LAYER_BYTES) {
        return Optional.of("it is larger than " + MAX_LAYER_BYTES / 1024 + " KiB (" + attributes.size() / 1024 + " KiB)");
      }
      return Optional.empty();
    } catch (java.nio.file.NoSuchFileException e) { // exists, yet no real path: /proc/self/fd/0 and its kind
      return Optional.of("it is no regular file (a link to a pipe, a socket or a deleted file)");
    } catch (IOException | RuntimeException e) {
      return Optional.of("it cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String text(Optional<YNode> node) {
    return node.orElse(null) instanceof YScalar s && s.value() instanceof String t ? t : "";
  }

  static Path normal(Path path) {
    return path.toAbsolutePath().normalize();
  }
}
