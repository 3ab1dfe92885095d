package dev.buildbotls.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md names only what exists: every backticked class (ours, or a class of chart/files'
 * Python), member, test, path, chart helper and constant resolves in the repository. Names of other
 * projects' classes are listed below, each with where it comes from.
 */
class ArchitectureDocTest {
  /** Classes the document names that are not ours. */
  private static final Map<String, String> OTHER_PROJECTS = Map.of(
      "BotMaster", "Buildbot", "ClusteredBuildbotService", "Buildbot", "GitPoller", "Buildbot",
      "CompletableFutures", "lsp4j", "System", "the JDK", "Application", "Argo CD", "OnDelete", "Kubernetes");
  private static final Pattern CLASS = Pattern.compile("([A-Z][A-Za-z0-9]*)(?:\\.([A-Za-z_][A-Za-z0-9_]*)(?:\\(\\))?)?(\\.\\.\\.)?");
  private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9_]*\\*?");
  private static final Pattern HELPER = Pattern.compile("buildbot\\.[a-zA-Z]+");
  /** A file named without its directory. */
  private static final Pattern FILE_NAME = Pattern.compile("[\\w.-]+\\.(yaml|yml|txt|md|py|sh|tpl|ts|mjs)");
  /** Files the document names that live in a user's workspace, not here. */
  private static final Set<String> USERS_FILES = Set.of("helmfile.yaml");
  /** Where a relative path in the document may start. */
  private static final List<String> BASES = List.of("", "server/", "server/src/main/java/dev/buildbotls/",
      "server/src/test/java/dev/buildbotls/", "chart/", "vscode-client/");

  @Test
  void everyNameInTheDocumentExists() throws IOException {
    Path root = Repo.root();
    String doc = Files.readString(root.resolve("ARCHITECTURE.md"));
    Map<String, Path> classes = javaClasses(root);
    String python = read(root.resolve("chart/files"), ".py");
    String javaSources = read(root.resolve("server/src"), ".java");
    Set<String> fileNames;
    try (Stream<Path> walk = Files.walk(root)) {
      fileNames = walk.filter(p -> !p.toString().contains("node_modules") && !p.toString().contains("/.git/"))
          .map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
    String sources = javaSources + read(root.resolve("chart"), "") + python
        + read(root.resolve("vscode-client/src"), ".ts") + Files.readString(root.resolve("vscode-client/package.json"));
    Set<String> missing = new LinkedHashSet<>();
    int checked = 0;
    Matcher ticked = Pattern.compile("`([^`\\n]+)`").matcher(doc);
    while (ticked.find()) {
      String name = ticked.group(1);
      Matcher c = CLASS.matcher(name);
      if (FILE_NAME.matcher(name).matches()) {
        checked++;
        if (!fileNames.contains(name) && !USERS_FILES.contains(name)) {
          missing.add(name + ": no file of that name");
        }
      } else if (CONSTANT.matcher(name).matches() && name.length() > 1) {
        checked++;
        if (!sources.contains(name.replace("*", ""))) {
          missing.add(name + ": no such name in the sources");
        }
      } else if (c.matches()) {
        checked++;
        String type = c.group(1);
        if (OTHER_PROJECTS.containsKey(type)) {
          continue;
        }
        Path file = classes.get(type);
        // a top-level class, else a nested type of ours, else a class of chart/files' Python
        String text = file != null ? Files.readString(file)
            : Pattern.compile("(class|record|interface|enum) " + type + "\\b").matcher(javaSources).find() ? javaSources
            : python.contains("class " + type + "(") ? python : null;
        if (text == null) {
          missing.add(name + ": no class " + type);
        } else if (c.group(2) != null && !Pattern.compile("\\b" + c.group(2) + (c.group(3) != null ? "\\w*" : "\\b")).matcher(text).find()) {
          missing.add(name + ": " + type + " has no " + c.group(2));
        }
      } else if (HELPER.matcher(name).matches()) {
        checked++;
        if (!sources.contains(name)) {
          missing.add(name + ": no such chart helper, setting or command");
        }
      } else if (name.contains("/") && !name.startsWith("/") && !name.startsWith("$") && !name.startsWith("textDocument/")
          && !name.contains("target/")) { // (what the build makes is not there before it)
        checked++;
        String path = name.split(" ")[0];
        if (!exists(root, path)) {
          missing.add(name + ": no such file or directory");
        }
      }
    }
    assertTrue(checked > 250, checked + " names checked: the document lost its names, or the test its way of finding them");
    assertEquals("", String.join("\n", missing));
  }

  /** The document's lists of test helpers, hostile-input tests and integration tests name every one. */
  @Test
  void everyTestHelperAndIntegrationTestIsOnTheMap() throws IOException {
    Path root = Repo.root();
    String doc = Files.readString(root.resolve("ARCHITECTURE.md"));
    Path tests = root.resolve("server/src/test/java/dev/buildbotls");
    List<String> unlisted = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(tests)) {
      for (Path p : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
        String dir = tests.relativize(p.getParent()).toString();
        String name = p.getFileName().toString().replace(".java", "");
        boolean listed = dir.startsWith("testing") || dir.equals("reliability") || dir.equals("architecture") || name.endsWith("IT");
        if (listed && !doc.contains("`" + name + "`") && !doc.contains("/" + name + "`")) {
          unlisted.add(dir + "/" + name);
        }
      }
    }
    assertEquals(List.of(), unlisted, "test classes ARCHITECTURE.md does not name where it lists their kind");
  }

  private static boolean exists(Path root, String path) {
    for (String base : BASES) {
      String full = base + path;
      if (full.contains("*") || full.contains("{")) {
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + root + "/" + full);
        try (Stream<Path> files = Files.walk(root.resolve(full.substring(0, full.lastIndexOf('/', full.indexOf(full.contains("*") ? '*' : '{')) + 1)))) {
          if (files.anyMatch(glob::matches)) {
            return true;
          }
        } catch (IOException | UncheckedIOException e) {
          // not under this base
        }
      } else if (Files.exists(root.resolve(full)) || Files.exists(root.resolve(full + ".java"))) {
        return true;
      }
    }
    return false;
  }

  /** Every Java class of the server and the benchmark, by simple name. */
  private static Map<String, Path> javaClasses(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("server/src", "bench/src")) {
      try (Stream<Path> walk = Files.walk(root.resolve(dir))) {
        walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
      }
    }
    return files.stream().collect(Collectors.toMap(p -> p.getFileName().toString().replace(".java", ""), p -> p, (a, b) -> a));
  }

  private static String read(Path dir, String suffix) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).toList()) {
        all.append(Files.readString(p)).append('\n');
      }
    }
    return all.toString();
  }
}
