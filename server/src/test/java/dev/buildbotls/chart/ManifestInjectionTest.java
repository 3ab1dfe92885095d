package dev.buildbotls.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.render.ChartRenderer;
import dev.buildbotls.testing.Diagnose;
import dev.buildbotls.testing.Rendered;
import dev.buildbotls.testing.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A string printed into a manifest can never add a field. Each attempt is refused by the schema
 * (Helm and `--check` alike); and rendered by the chart without its schema, the parsed objects carry
 * exactly the fields a harmless value gives: every such string is quoted or emitted with toYaml.
 */
class ManifestInjectionTest {
  private static final String FIELDS = "\n        securityContext: {privileged: true, runAsUser: 0}\n        x: ";

  /** values with INJECT where the attack goes, and a harmless value of the same place. */
  static Stream<List<String>> attempts() {
    return Stream.of(
        List.of("workers:\n  w: {image: {tag: INJECT}}\n", "v1"),
        List.of("workers:\n  w: {image: {repository: INJECT}}\n", "repo"),
        List.of("master: {image: {tag: INJECT}}\n", "v1"),
        List.of("workers:\n  w: {env: {INJECT: x}}\n", "NAME"),
        List.of("master: {replicas: 1, persistence: {storageClass: INJECT}}\ndatabase: {type: sqlite}\nmq: {type: simple}\n", "fast"),
        List.of("database: {persistence: {storageClass: INJECT}}\n", "fast"),
        List.of("database: {existingSecret: {name: INJECT}}\n", "db"),
        List.of("workers:\n  w: {existingSecret: {name: INJECT, key: k}}\n", "sec"),
        List.of("workers:\n  w: {existingSecret: {name: sec, key: INJECT}}\n", "k"),
        List.of("ui: {ingress: {enabled: true, className: INJECT}}\n", "nginx"),
        List.of("ui: {ingress: {enabled: true, host: INJECT}}\n", "ci.example.org"),
        List.of("nameOverride: INJECT\n", "bb"),
        List.of("fullnameOverride: INJECT\n", "bb"),
        List.of("database: {user: INJECT}\n", "ci"),
        List.of("database: {host: INJECT}\n", "db.example.org"));
  }

  @org.junit.jupiter.api.Test
  void anEnvironmentValueIsDataInItsEntry() throws Exception {
    String attack = "workers:\n  w: {env: {A: " + HostileValuesTest.q("x" + FIELDS + "y") + "}}\n";
    assertTrue(Diagnose.run(attack, null).stream().noneMatch(d -> d.getSeverity() == DiagnosticSeverity.Error));
    Rendered r = Rendered.render("ci", attack);
    assertEquals(fields(Rendered.render("ci", "workers:\n  w: {env: {A: x}}\n").manifests), fields(r.manifests));
    assertEquals("x" + FIELDS + "y", Rendered.env(Rendered.container(r.get("StatefulSet", "ci-buildbot-worker-w"))).get("A"));
  }

  @ParameterizedTest
  @MethodSource("attempts")
  void noValueAddsAField(List<String> attempt, @TempDir Path dir) throws Exception {
    String attack = attempt.get(0).replace("INJECT", HostileValuesTest.q("x" + FIELDS + "y"));
    String harmless = attempt.get(0).replace("INJECT", attempt.get(1));
    assertTrue(Diagnose.run(attack, null).stream().anyMatch(d -> d.getSeverity() == DiagnosticSeverity.Error), "--check accepts " + attack);
    assertTrue(Diagnose.run(harmless, null).stream().noneMatch(d -> d.getSeverity() == DiagnosticSeverity.Error),
        Diagnose.messages(Diagnose.run(harmless, null)).toString());
    try {
      Rendered.render("ci", attack);
      throw new AssertionError("Helm renders " + attack);
    } catch (ChartRenderer.RenderException refused) {
      // the schema refuses it
    }
    Path unchecked = copyWithoutSchema(dir);
    assertEquals(fields(ChartRenderer.render(unchecked, "ci", List.of(harmless))), fields(ChartRenderer.render(unchecked, "ci", List.of(attack))));
  }

  /** Every key path of every rendered object, list indexes folded. */
  private static TreeSet<String> fields(String manifests) {
    TreeSet<String> paths = new TreeSet<>();
    for (Object o : new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadAllFromString(manifests)) {
      if (o != null) {
        Map<String, Object> object = Rendered.cast(o);
        collect(o, object.get("kind") + "", paths);
      }
    }
    return paths;
  }

  private static void collect(Object node, String path, TreeSet<String> paths) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        // Keys that are data (labels, annotations, env values, ConfigMap and Secret files) are not fields.
        boolean data = path.endsWith(".data") || path.endsWith(".binaryData") || path.endsWith(".annotations");
        String key = data ? "*" : String.valueOf(k);
        paths.add(path + "." + key);
        collect(v, path + "." + key, paths);
      });
    } else if (node instanceof List<?> list) {
      list.forEach(v -> collect(v, path + "[]", paths));
    }
  }

  private static Path copyWithoutSchema(Path dir) throws Exception {
    Path chart = dir.resolve("chart");
    try (Stream<Path> files = Files.walk(Repo.chart())) {
      for (Path f : files.toList()) {
        Path target = chart.resolve(Repo.chart().relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else if (!f.getFileName().toString().equals("values.schema.json")) {
          Files.copy(f, target);
        }
      }
    }
    return chart;
  }
}
