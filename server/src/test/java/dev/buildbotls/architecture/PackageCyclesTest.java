package dev.buildbotls.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.buildbotls.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No cycle between the server's feature packages: each depends on the ones below it only. A
 * feature's subpackages belong to it (diagnostics.rules is part of diagnostics). Read from the
 * sources' imports, so a new cycle fails here with the packages that form it.
 */
class PackageCyclesTest {
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.buildbotls\\.([a-z]+)[.;]", Pattern.MULTILINE);

  @Test
  void noPackageDependsOnItselfThroughOthers() throws IOException {
    Path root = Repo.root().resolve("server/src/main/java/dev/buildbotls");
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = root.relativize(file);
        String feature = relative.getNameCount() == 1 ? "(main)" : relative.getName(0).toString();
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          if (!m.group(1).equals(feature)) {
            graph.computeIfAbsent(feature, k -> new TreeSet<>()).add(m.group(1));
          }
        }
      }
    }
    List<String> cycles = new ArrayList<>();
    for (String start : graph.keySet()) {
      findCycle(graph, start, new ArrayList<>(List.of(start)), cycles);
    }
    assertEquals(List.of(), cycles, "package cycles; dependencies: " + graph);
    // The analysis needs neither the protocol nor the Helm engine (the protocol layer and the CLI reach render/)
    for (String analysis : List.of("yaml", "values", "schema", "diagnostics", "stacks")) {
      Set<String> uses = graph.getOrDefault(analysis, Set.of());
      assertEquals(Set.of(), uses.stream().filter(p -> p.equals("lsp") || p.equals("render") || p.equals("cli")).collect(java.util.stream.Collectors.toSet()),
          analysis + " depends on " + uses);
    }
  }

  private static void findCycle(Map<String, Set<String>> graph, String start, List<String> path, List<String> cycles) {
    for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
      if (next.equals(start)) {
        String cycle = String.join(" -> ", path) + " -> " + start;
        if (start.equals(path.stream().min(String::compareTo).orElseThrow())) {
          cycles.add(cycle);
        }
      } else if (!path.contains(next)) {
        path.add(next);
        findCycle(graph, start, path, cycles);
        path.remove(path.size() - 1);
      }
    }
  }
}
