package dev.buildbotls.chart;

import static dev.buildbotls.testing.Rendered.cast;
import static dev.buildbotls.testing.Rendered.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.render.ChartRenderer;
import dev.buildbotls.testing.Diagnose;
import dev.buildbotls.testing.Rendered;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every string value that reaches a generated file or a pod's environment, driven through a corpus
 * of hostile strings and rendered by the real Helm engine: either the program, the router's config
 * and the pod see exactly the input, byte for byte, and the manifests hold no character a YAML parser
 * may read as a line break; or Helm refuses the value and so does the analysis behind `--check`.
 */
class HostileValuesTest {
  /** Line breaks for YAML 1.1 parsers (go-yaml: Helm, kubectl), controls, quotes, template and Python syntax. */
  static final List<String> HOSTILE = List.of("a\u0085b", "a\u2028b", "a\u2029b", "a\u007fb", "a\u0000b", "\ufeffa",
      "a'b\"c`d\u201c\u201d", "a\\b\\\\", "a\nb\r\nc", "a\tb", "{{ .Release.Name }}", "%s%d%(x)s",
      "\"\"\"); import os; os.system(\"id\"); (\"\"\"", "'''\nimport os\n'''", "a\u0085master.cfg: |\n  import os", "é日本");
  /** Characters no rendered manifest may hold raw: YAML 1.1 line breaks and control characters. */
  private static final String FORBIDDEN = "[\\x{0085}\\x{2028}\\x{2029}\\x{0000}-\\x{0008}\\x{000B}\\x{000C}\\x{000E}-\\x{001F}\\x{007F}]";

  /** A place a string value goes: the values that set it, and where the rendered objects carry it. */
  record Place(String name, Function<String, String> values, Function<Rendered, Object> rendered) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Place> PLACES = List.of(
      new Place("master.title", v -> "master: {title: " + q(v) + "}\n", r -> r.masterValues("ci").get("title")),
      new Place("master.titleURL", v -> "master: {titleURL: " + q(v) + "}\n", r -> r.masterValues("ci").get("titleURL")),
      new Place("master.buildbotURL", v -> "master: {buildbotURL: " + q(v + "/") + "}\n", r -> ((String) r.masterValues("ci").get("buildbotURL")).replaceFirst("/$", "")),
      new Place("mq.realm (master.cfg)", v -> "mq: {realm: " + q(v) + "}\n", r -> r.masterValues("ci").get("realm")),
      new Place("mq.realm (crossbar)", v -> "mq: {realm: " + q(v) + "}\n", HostileValuesTest::crossbarRealm),
      new Place("builders.b.repository", v -> builder("repository: " + q(v)), r -> builderValue(r, "repository")),
      new Place("builders.b.branch", v -> builder("branch: " + q(v)), r -> builderValue(r, "branch")),
      new Place("builders.b.command", v -> builder("command: [" + q(v) + "]"), r -> ((List<?>) builderValue(r, "command")).get(0)),
      new Place("workers.w.properties", v -> "workers:\n  w: {properties: {p: " + q(v) + "}}\n",
          r -> ((Map<?, ?>) declared(r, "workers", "w").get("properties")).get("p")),
      new Place("latentWorkers.l.properties", v -> "latentWorkers:\n  l: {properties: {p: " + q(v) + "}}\n",
          r -> ((Map<?, ?>) declared(r, "latentWorkers", "l").get("properties")).get("p")),
      // The build pod's environment as the kubelet expands it ($$ is $): the value as written.
      new Place("latentWorkers.l.env", v -> "latentWorkers:\n  l: {env: {E: " + q(v) + "}}\n",
          r -> ((String) Rendered.env(cast(path(r.buildPods().get("l"), "spec", "containers", 0))).get("E")).replace("$$", "$")),
      new Place("master.extraConfig", v -> "master: {extraConfig: " + q(v) + "}\n", HostileValuesTest::extraConfig),
      new Place("database.user", v -> "database: {user: " + q(v) + "}\n", r -> masterEnv(r, "BUILDBOT_DB_USER")),
      new Place("database.name", v -> "database: {name: " + q(v) + "}\n", r -> masterEnv(r, "BUILDBOT_DB_NAME")),
      new Place("database.host", v -> "database: {host: " + q(v) + "}\n", r -> masterEnv(r, "BUILDBOT_DB_HOST")));

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Place place : PLACES) {
      for (String hostile : HOSTILE) {
        cases.add(Arguments.of(place, hostile));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {index}")
  @MethodSource("cases")
  void aHostileStringIsDataOrRefusedByBoth(Place place, String hostile) throws Exception {
    String values = place.values.apply(hostile);
    Rendered r;
    try {
      r = Rendered.render("ci", values);
    } catch (ChartRenderer.RenderException refused) {
      assertTrue(Diagnose.run(values, null).stream().anyMatch(d -> d.getSeverity() == DiagnosticSeverity.Error),
          "Helm refuses " + place + " but --check does not: " + refused.getMessage());
      return;
    }
    assertTrue(Diagnose.run(values, null).stream().noneMatch(d -> d.getSeverity() == DiagnosticSeverity.Error && d.getCode().getLeft().startsWith("schema")),
        "--check refuses what Helm renders: " + Diagnose.messages(Diagnose.run(values, null)));
    assertFalse(r.manifests.codePoints().anyMatch(c -> Character.toString(c).matches(FORBIDDEN)),
        "a raw line break or control character in the manifests, from " + place);
    assertEquals(hostile, place.rendered.apply(r), place + " reaches its file as data");
    Set<String> files = new java.util.HashSet<>(Set.of("buildbot.tac", "chartdb.py", "chartguard.py", "identity.sh", "master.cfg"));
    if (values.startsWith("latentWorkers:")) {
      files.addAll(Set.of("chartkube.py", "latent-pods.json"));
    }
    assertEquals(files, ((Map<?, ?>) path(r.get("ConfigMap", "ci-buildbot-master"), "data")).keySet(), "no value makes a file of its own");
  }

  /** A YAML double-quoted scalar holding exactly {@code s}. */
  static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    s.codePoints().forEach(c -> {
      if (c == '"' || c == '\\') {
        b.append('\\').appendCodePoint(c);
      } else if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
        b.append(String.format("\\u%04x", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    return b.append('"').toString();
  }

  private static String builder(String field) {
    return "builders:\n  b: {repository: r, command: [make], workers: [docs], " + field + "}\n";
  }

  private static Object builderValue(Rendered r, String key) {
    return declared(r, "builders", "b").get(key);
  }

  /** One worker's, latent worker's or builder's declaration, as master.cfg receives it (by name). */
  private static Map<String, Object> declared(Rendered r, String section, String name) {
    return cast(((Map<String, Object>) cast(r.masterValues("ci").get(section))).get(name));
  }

  private static Object crossbarRealm(Rendered r) {
    String json = new String(Base64.getDecoder().decode((String) path(r.get("ConfigMap", "ci-buildbot-crossbar"), "binaryData", "config.json")),
        StandardCharsets.UTF_8);
    return path(new Load(LoadSettings.builder().build()).loadFromString(json), "workers", 0, "realms", 0, "name");
  }

  private static Object extraConfig(Rendered r) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("exec\\(compile\\(base64\\.b64decode\\(\"([A-Za-z0-9+/=]*)\"\\)")
        .matcher(r.masterCfg("ci"));
    assertTrue(m.find(), "extraConfig is run from base64");
    return new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
  }

  private static Object masterEnv(Rendered r, String name) {
    return Rendered.env(Rendered.container(r.get("StatefulSet", "ci-buildbot-master"))).get(name);
  }
}
