package dev.buildbotls.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The documentation of a schema property, as completion and hover show it. */
public final class SchemaDocs {
  private SchemaDocs() {}

  /** One line: the type and the default, e.g. {@code integer, default 2}. */
  public static String summary(JsonNode schema) {
    String type = type(schema);
    if (schema.has("default") && !schema.get("default").isContainerNode()) {
      return type + ", default " + display(schema.get("default"));
    }
    return type;
  }

  /** Markdown: the key, its type, description (with its documentation link), default, allowed values. */
  public static String markdown(String key, JsonNode schema) {
    StringBuilder b = new StringBuilder();
    b.append("**").append(key).append("**: ").append(type(schema)).append("\n\n");
    b.append(schema.path("description").asText("")).append("\n");
    if (schema.has("default") && !schema.get("default").isContainerNode()) {
      b.append("\nDefault: `").append(display(schema.get("default"))).append("`\n");
    }
    if (schema.has("enum")) {
      List<String> values = new ArrayList<>();
      schema.get("enum").forEach(v -> values.add("`" + v.asText() + "`"));
      b.append("\nAllowed: ").append(String.join(", ", values)).append("\n");
    }
    if (schema.has("minimum")) {
      b.append("\nMinimum: `").append(schema.get("minimum").asText()).append("`\n");
    }
    if (schema.has("pattern")) {
      b.append("\nPattern: `").append(schema.get("pattern").asText()).append("`\n");
    }
    return b.toString();
  }

  private static String type(JsonNode schema) {
    if (schema.has("type")) {
      JsonNode type = schema.get("type");
      if (type.isArray()) {
        List<String> types = new ArrayList<>();
        type.forEach(t -> types.add(t.asText()));
        return String.join(" | ", types);
      }
      return type.asText();
    }
    if (schema.has("oneOf")) {
      List<String> types = new ArrayList<>();
      schema.get("oneOf").forEach(o -> types.add(o.path("type").asText("value")));
      return String.join(" | ", types);
    }
    return "value";
  }

  private static String display(JsonNode value) {
    return value.isTextual() && value.asText().isEmpty() ? "\"\"" : value.asText();
  }
}
