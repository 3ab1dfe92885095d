package dev.buildbotls.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildbotls.render.ChartRenderer;
import dev.buildbotls.schema.ValuesSchema;
import dev.buildbotls.testing.Rendered;
import dev.buildbotls.testing.Repo;
import dev.buildbotls.values.HelmMerge;
import dev.buildbotls.values.JsonView;
import dev.buildbotls.yaml.YamlParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The schema: one source, accepted by the defaults and examples, enforced by Helm itself. */
class ChartSchemaTest {

  @Test
  void chartSchemaAndEmbeddedSchemaAreTheOneSource() throws IOException {
    String source = Files.readString(Repo.root().resolve("schema/values.schema.json"));
    assertEquals(source, Files.readString(Repo.chart().resolve("values.schema.json")),
        "chart/values.schema.json differs from schema/values.schema.json: run `mvn generate-resources`");
    try (InputStream embedded = ValuesSchema.class.getResourceAsStream("/schema/values.schema.json");
        InputStream bundled = ValuesSchema.class.getResourceAsStream("/chart/values.schema.json")) {
      assertEquals(source, new String(embedded.readAllBytes()));
      assertEquals(source, new String(bundled.readAllBytes()));
    }
  }

  @Test
  void defaultValuesAreValid() throws IOException {
    JsonNode defaults = load(Repo.chart().resolve("values.yaml"));
    assertEquals(List.of(), ValuesSchema.get().validate(defaults).stream().map(Object::toString).toList());
  }

  static Stream<Path> examples() throws IOException {
    return Files.list(Repo.chart().resolve("examples")).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleIsValidAndRenders(Path example) throws Exception {
    JsonNode merged = HelmMerge.merge(load(Repo.chart().resolve("values.yaml")), load(example));
    assertEquals(List.of(), ValuesSchema.get().validate(merged).stream().map(Object::toString).toList());
    assertTrue(Rendered.render("ex", Files.readString(example)).objects.size() > 5);
  }

  @Test
  void everySchemaDefaultIsTheChartsDefault() throws IOException {
    JsonNode values = load(Repo.chart().resolve("values.yaml"));
    List<String> drift = new java.util.ArrayList<>();
    compareDefaults(ValuesSchema.get().raw(), values, "", drift);
    assertEquals(List.of(), drift, "schema defaults that differ from chart/values.yaml");
  }

  @Test
  void theReadmeValuesTableNamesSchemaKeysWithTheirDefaults() throws IOException {
    String readme = Files.readString(Repo.root().resolve("README.md"));
    String table = readme.substring(readme.indexOf("### Values"), readme.indexOf("Examples: [`chart/examples/`]"));
    JsonNode values = load(Repo.chart().resolve("values.yaml"));
    List<String> wrong = new java.util.ArrayList<>();
    for (String row : table.lines().filter(l -> l.startsWith("| `")).toList()) {
      String[] cells = row.split(" \\| ");
      List<String> keys = backticked(cells[0]);
      if (keys.get(0).startsWith("*.")) {
        continue;
      }
      String parent = keys.get(0).contains(".") ? keys.get(0).substring(0, keys.get(0).lastIndexOf('.') + 1) : "";
      List<String> defaults = cells[1].contains(",") || cells[1].matches("\\s*`[^`]*`\\s*") ? backticked(cells[1]) : List.of();
      for (int k = 0; k < keys.size(); k++) {
        String key = k == 0 || keys.get(k).contains(".") ? keys.get(k) : parent + keys.get(k);
        JsonNode schema = ValuesSchema.get().raw();
        JsonNode value = values;
        for (String part : key.split("\\.")) {
          schema = part.equals("<name>") ? schema.path("additionalProperties") : schema.path("properties").path(part);
          value = value.path(part);
        }
        if (schema.isMissingNode()) {
          wrong.add(key + ": not in the schema");
        } else if (defaults.size() == keys.size() && value.isValueNode()) {
          String expected = defaults.get(k).equals("\"\"") ? "" : defaults.get(k);
          if (!value.asText().equals(expected)) {
            wrong.add(key + ": README says " + defaults.get(k) + ", values.yaml has " + value);
          }
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  private static List<String> backticked(String cell) {
    List<String> names = new java.util.ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("`([^`]*)`").matcher(cell);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** Walks the schema's properties where values.yaml has the same path; a default must equal the value. */
  private static void compareDefaults(JsonNode schema, JsonNode value, String where, List<String> drift) {
    JsonNode expected = schema.path("default");
    boolean same = expected.isNumber() && value.isNumber() ? expected.decimalValue().compareTo(value.decimalValue()) == 0 : expected.equals(value);
    if (schema.has("default") && !value.isMissingNode() && !same) {
      drift.add(where + ": schema " + schema.get("default") + ", values.yaml " + value);
    }
    schema.path("properties").fields().forEachRemaining(p -> compareDefaults(p.getValue(), value.path(p.getKey()), where + "." + p.getKey(), drift));
  }

  @Test
  void everyPropertyHasADescriptionWithADocumentationLink() {
    checkDescriptions(ValuesSchema.get().raw(), "");
  }

  private static void checkDescriptions(JsonNode schema, String where) {
    schema.path("properties").fields().forEachRemaining(p -> {
      String description = p.getValue().path("description").asText("");
      assertTrue(description.matches("(?s).+\\[.+]\\(https://.+\\)\\.?$"), "description with a link at " + where + "." + p.getKey());
      checkDescriptions(p.getValue(), where + "." + p.getKey());
    });
    JsonNode additional = schema.path("additionalProperties");
    if (additional.isObject()) {
      checkDescriptions(additional, where + ".*");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "master:\n  replcas: 3\n",
      "master:\n  replicas: two\n",
      "workers:\n  Linux-AMD64: {}\n",
      "database:\n  type: oracle\n"})
  void helmItselfRejectsBadValues(String values) {
    ChartRenderer.RenderException e = assertThrows(ChartRenderer.RenderException.class, () -> Rendered.render("ci", values));
    assertTrue(e.getMessage().contains("values don't meet the specifications of the schema"), e.getMessage());
  }

  private static JsonNode load(Path file) throws IOException {
    return JsonView.toJson(YamlParser.parse(Files.readString(file)).documents().get(0).root());
  }
}
