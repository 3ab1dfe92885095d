package dev.buildbotls.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.buildbotls.render.ChartRenderer;
import dev.buildbotls.testing.MutatedValues;
import dev.buildbotls.testing.Repo;
import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.OneLine;
import dev.buildbotls.yaml.YScalar;
import dev.buildbotls.yaml.YamlFile;
import dev.buildbotls.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helm is the oracle of what a values file holds: a chart whose only template prints
 * {@code toJson .Values} (in base64) is rendered by the real Helm engine (helm-java) for every generated file
 * ({@link MutatedValues}: the mutations and the hostile characters), and the values the server
 * analyses must be the same, string for string, key for key. A file Helm cannot read must be a
 * syntax error to the server (or, a scalar or a list, a type error to the schema). Numbers are
 * compared as Helm holds them, float64.
 */
class HelmReadingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theServerReadsEveryFileAsHelmDoes(@TempDir Path echo) throws IOException {
    echoChart(echo);
    List<MutatedValues.Case> corpus = new ArrayList<>(MutatedValues.corpus());
    corpus.addAll(MutatedValues.hostile());
    List<String> disagreements = new ArrayList<>();
    int refused = 0;
    for (MutatedValues.Case c : corpus) {
      YamlFile ours = YamlParser.parse(c.text());
      JsonNode helm = helmValues(echo, c.text());
      refused += helm == null ? 1 : 0;
      if (helm == null && !ours.hasSyntaxError() && ours.firstDocument().root() instanceof YMap) { // (other roots: the schema's type error)
        disagreements.add(c.name() + ": Helm cannot read it (" + helmRefusal(echo, c.text()) + "), the server reads " + OneLine.of(String.valueOf(values(ours))));
      } else if (helm != null && !sameValues(helm, values(ours))) {
        disagreements.add(c.name() + ":\n  Helm   " + OneLine.of(helm.toString()) + "\n  server " + OneLine.of(String.valueOf(values(ours))));
      }
    }
    System.err.println("helm reading: " + corpus.size() + " files, " + refused + " unreadable to Helm, " + disagreements.size() + " disagreements");
    assertTrue(corpus.size() > 2000 && refused > 50, corpus.size() + " files, " + refused + " refused: the corpus lost its teeth");
    assertEquals("", String.join("\n", disagreements));
  }

  /** A migrated file (the editor's action and --migrate share the code) is one Helm reads, and reads as the server does. */
  @Test
  void everyMigratedFileIsReadAsHelmReadsIt(@TempDir Path echo) throws IOException {
    echoChart(echo);
    String seed = Files.readString(Repo.root().resolve("server/src/test/resources/seed/original-chart-values.yaml"));
    List<MutatedValues.Case> legacy = new ArrayList<>(List.of(new MutatedValues.Case("seed", seed)));
    for (MutatedValues.Case hostile : MutatedValues.hostileEscapes()) {
      String value = "\"x" + hostile.text() + "y\"";
      legacy.add(new MutatedValues.Case(hostile.name() + " in the mq debug level", seed.replace("buildbot_mq_debug: \"info\"", "buildbot_mq_debug: " + value)));
      legacy.add(new MutatedValues.Case(hostile.name() + " in a title", seed.replace("buildbotTitle: \"buildbot_fake_project\"", "buildbotTitle: " + value)));
      legacy.add(new MutatedValues.Case(hostile.name() + " in a worker's unknown key", seed.replace("    ciBuildSkript: \"./script/cibuild\"",
          "    ciBuildSkript: \"./script/cibuild\"\n    extra" + hostile.text().replace("\\", "") + ": " + value)));
      legacy.add(new MutatedValues.Case(hostile.name() + " in a branch filter", seed.replace("branchFilterRegEx: \"master\"", "branchFilterRegEx: " + value)));
    }
    List<String> disagreements = new ArrayList<>();
    for (MutatedValues.Case c : legacy) {
      String migrated = LegacyMigration.migrate(YamlParser.parse(c.text()).firstDocument()).text();
      YamlFile ours = YamlParser.parse(migrated);
      JsonNode helm = helmValues(echo, migrated);
      if (helm == null || !sameValues(helm, values(ours)) || !ours.hiddenLineBreaks().isEmpty()) {
        disagreements.add(c.name() + ": Helm reads " + helm + ", the server " + OneLine.of(String.valueOf(values(ours))) + " in\n" + OneLine.of(migrated));
      }
    }
    assertTrue(legacy.size() > 250, legacy.size() + " legacy files");
    assertEquals("", String.join("\n", disagreements));
  }

  private static String helmRefusal(Path echo, String text) {
    try {
      ChartRenderer.render(echo, "oracle", List.of(text), List.of("values.yaml"));
      return "it can";
    } catch (ChartRenderer.RenderException e) {
      return OneLine.of(e.getMessage());
    }
  }

  private static void echoChart(Path echo) throws IOException {
    Files.writeString(echo.resolve("Chart.yaml"), "apiVersion: v2\nname: echo\nversion: 0.1.0\n");
    Files.createDirectories(echo.resolve("templates"));
    // base64: a DEL or C1 character that toJson leaves raw would make the rendered file unreadable to Helm
    Files.writeString(echo.resolve("templates/values.json"), "values: {{ toJson .Values | b64enc | quote }}\n");
  }

  /** The values Helm reads from the text, null when it cannot read them. */
  private static JsonNode helmValues(Path echo, String text) throws IOException {
    try {
      return helmJson(ChartRenderer.render(echo, "oracle", List.of(text), List.of("values.yaml")));
    } catch (ChartRenderer.RenderException e) {
      return null;
    }
  }

  /** The values the server analyses: the first document's, none being an empty mapping as to Helm. */
  private static JsonNode values(YamlFile file) {
    var root = file.firstDocument().root();
    return root == null || root instanceof YScalar s && s.value() == null ? JsonNodeFactory.instance.objectNode() : JsonView.toJson(root);
  }

  private static JsonNode helmJson(String manifests) throws IOException {
    StringBuilder json = new StringBuilder();
    manifests.lines().filter(l -> !l.equals("---") && !l.startsWith("# Source:")).forEach(json::append);
    String encoded = json.toString().strip();
    return JSON.readTree(java.util.Base64.getDecoder().decode(encoded.substring("values: \"".length(), encoded.length() - 1)));
  }

  /** Equal JSON, numbers compared as the float64 Helm makes of every number. */
  private static boolean sameValues(JsonNode helm, JsonNode ours) {
    if (helm.isNumber() && ours != null && ours.isNumber()) {
      return helm.doubleValue() == ours.doubleValue();
    }
    if (ours == null || helm.getNodeType() != ours.getNodeType() || helm.size() != ours.size()) {
      return false;
    }
    if (helm.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = helm.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (!sameValues(f.getValue(), ours.get(f.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (helm.isArray()) {
      for (int i = 0; i < helm.size(); i++) {
        if (!sameValues(helm.get(i), ours.get(i))) {
          return false;
        }
      }
      return true;
    }
    return helm.equals(ours);
  }
}
