package dev.buildbotls.stacks;

import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YNode;
import dev.buildbotls.yaml.YScalar;
import dev.buildbotls.yaml.YSeq;
import dev.buildbotls.yaml.YamlDocument;
import dev.buildbotls.yaml.YamlFile;
import dev.buildbotls.yaml.YamlParser;
import java.io.IOException;
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

  /** The files of a stack in Helm's order, and where the stack was found (for messages). */
  public record Found(List<Path> layers, String source) {
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
          return Optional.of(new Found(layers, "buildbot.valuesStacks"));
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
    for (YamlDocument document : read(helmfile)) {
      for (YNode release : items(document.find(List.of("releases")))) {
        List<Path> layers = strings(release instanceof YMap m ? m.entry("values").map(YMap.Entry::value) : Optional.empty())
            .stream().map(v -> normal(helmfile.getParent().resolve(v))).toList();
        if (layers.size() > 1 && layers.contains(self)) {
          return Optional.of(new Found(layers, helmfile.getFileName().toString()));
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
      for (YamlDocument document : read(candidate)) {
        if (!text(document.find(List.of("kind"))).equals("Application") || !text(document.find(List.of("apiVersion"))).startsWith("argoproj.io/")) {
          continue;
        }
        List<YNode> sources = new ArrayList<>(items(document.find(List.of("spec", "sources"))));
        document.find(List.of("spec", "source")).ifPresent(sources::add);
        for (YNode source : sources) {
          YamlDocument s = new YamlDocument(source, false);
          List<Path> layers = strings(s.find(List.of("helm", "valueFiles"))).stream()
              .map(v -> argoPath(v, text(s.find(List.of("path"))), candidate.getParent())).toList();
          if (layers.size() > 1 && layers.contains(self)) {
            return Optional.of(new Found(layers, candidate.getFileName().toString()));
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

  private static List<YamlDocument> read(Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_DESCRIPTOR_BYTES) {
        return List.of();
      }
      YamlFile yaml = YamlParser.parse(Files.readString(file));
      return yaml.documents().stream().filter(d -> d.root() instanceof YMap).toList();
    } catch (IOException | RuntimeException e) {
      return List.of(); // templated (.gotmpl syntax), unreadable or not UTF-8: no stack from it
    }
  }

  private static List<YNode> items(Optional<YNode> node) {
    return node.orElse(null) instanceof YSeq seq ? seq.items() : List.of();
  }

  /** The plain file names of a list (inline values and templated entries are not files). */
  private static List<String> strings(Optional<YNode> node) {
    return items(node).stream().filter(n -> n instanceof YScalar s && s.value() instanceof String)
        .map(n -> ((YScalar) n).text()).filter(t -> !t.contains("{{")).toList();
  }

  private static String text(Optional<YNode> node) {
    return node.orElse(null) instanceof YScalar s && s.value() instanceof String t ? t : "";
  }

  static Path normal(Path path) {
    return path.toAbsolutePath().normalize();
  }
}
