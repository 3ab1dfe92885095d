package dev.buildbotls.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildbotls.schema.ValuesSchema;
import dev.buildbotls.yaml.YamlParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Helm's own messages echo values: what reaches the user has no password and no URL credentials. */
class RedactorTest {
  private static String helmSays(String values) {
    String message = assertThrows(ChartRenderer.RenderException.class, () -> ChartRenderer.render(null, "ci", List.of(values))).getMessage();
    return Redactor.redact(message, YamlParser.parse(values), ValuesSchema.get()::isWriteOnly).replaceAll("\\s+", " ").strip();
  }

  @Test
  void aCredentialPastedIntoAUrlIsRedactedFromHelmsSchemaError() {
    assertEquals("values don't meet the specifications of the schema(s) in the following chart(s): buildbot: - at '/database/host': "
        + "'postgres://***@db:5432/x' does not match pattern '^$|^[A-Za-z0-9]([-A-Za-z0-9.:]*[A-Za-z0-9])?$'",
        helmSays("database:\n  type: postgresql\n  host: \"postgres://ci:Hunter2-Secret@db:5432/x\"\n"));
    assertEquals("clone https://***@git.example.org/r.git and ssh://***@host", Redactor.redact(
        "clone https://token:x-oauth-basic@git.example.org/r.git and ssh://git@host", YamlParser.parse(""), path -> false));
  }

  @Test
  void everyValueUnderAKeyTheSchemaMarksWriteOnlyIsRedacted() {
    List<List<String>> sensitive = new ArrayList<>();
    writeOnly(ValuesSchema.get().raw(), new ArrayList<>(), sensitive);
    assertEquals(List.of(List.of("database", "password"), List.of("workers", "*", "password")), sensitive);
    String values = "database:\n  password: Db-S3cret-value\nworkers:\n  docs:\n    password: Docs-S3cret-value\n";
    assertEquals("at /database/password: '***', at /workers/docs/password: '***'", Redactor.redact(
        "at /database/password: 'Db-S3cret-value', at /workers/docs/password: 'Docs-S3cret-value'", YamlParser.parse(values),
        ValuesSchema.get()::isWriteOnly));
  }

  /** The paths of the schema's writeOnly properties ({@code *}: any entry of a collection); every one named a password. */
  private static void writeOnly(JsonNode schema, List<String> path, List<List<String>> found) {
    if (schema.path("writeOnly").asBoolean(false)) {
      found.add(List.copyOf(path));
    } else if (!path.isEmpty() && path.get(path.size() - 1).toLowerCase().contains("password")) {
      throw new AssertionError(path + " is a password the schema does not mark writeOnly");
    }
    schema.path("properties").fields().forEachRemaining(f -> {
      path.add(f.getKey());
      writeOnly(f.getValue(), path, found);
      path.remove(path.size() - 1);
    });
    if (schema.path("additionalProperties").isObject() && schema.path("additionalProperties").has("properties")) {
      path.add("*");
      writeOnly(schema.path("additionalProperties"), path, found);
      path.remove(path.size() - 1);
    }
    assertTrue(path.size() < 20);
  }
}
