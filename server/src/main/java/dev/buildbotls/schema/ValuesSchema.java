package dev.buildbotls.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The shipped JSON Schema of the values, loaded and compiled once per process. */
public final class ValuesSchema {
  private static final ValuesSchema INSTANCE = new ValuesSchema();

  private final JsonNode raw;
  private final JsonSchema compiled;

  private ValuesSchema() {
    try (InputStream in = ValuesSchema.class.getResourceAsStream("/schema/values.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("the schema is missing from the jar");
      }
      raw = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
    compiled = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(raw, config);
  }

  public static ValuesSchema get() {
    return INSTANCE;
  }

  public JsonNode raw() {
    return raw;
  }

  public Set<ValidationMessage> validate(JsonNode values) {
    return compiled.validate(values);
  }

  /**
   * The subschema describing the value at a path of keys (String) and indexes (Integer):
   * {@code properties} by name, else {@code additionalProperties}, {@code items} for lists.
   */
  public Optional<JsonNode> at(List<?> path) {
    JsonNode node = raw;
    for (Object step : path) {
      node = child(node, step);
      if (node == null) {
        return Optional.empty();
      }
    }
    return Optional.of(node);
  }

  private static JsonNode child(JsonNode schema, Object step) {
    if (step instanceof Integer) {
      JsonNode items = schema.get("items");
      return items != null && items.isObject() ? items : null;
    }
    JsonNode properties = schema.path("properties");
    if (properties.has((String) step)) {
      return properties.get((String) step);
    }
    JsonNode additional = schema.get("additionalProperties");
    return additional != null && additional.isObject() ? additional : null;
  }

  /** The property names a schema object declares, in schema order. */
  public static List<String> propertyNames(JsonNode schema) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = schema.path("properties").fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
