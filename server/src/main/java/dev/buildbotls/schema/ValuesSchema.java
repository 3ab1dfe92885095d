package dev.buildbotls.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.buildbotls.values.VersionMemo;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shipped JSON Schema of the values, loaded and compiled once per process. Collections of
 * named entries (a top-level property whose {@code additionalProperties} is a schema: workers,
 * builders) are validated entry by entry, so an unchanged entry's verdict can be reused.
 */
public final class ValuesSchema {
  private static final ValuesSchema INSTANCE = new ValuesSchema();

  private final JsonNode raw;
  /** The schema with each collection's entries accepted as they are. */
  private final JsonSchema shallow;
  /** Per collection, the schema of one entry. */
  private final Map<String, JsonSchema> entrySchemas = new LinkedHashMap<>();

  /** A schema violation at a path of keys (String) and indexes (Integer). */
  public record Violation(List<Object> path, ValidationMessage message) {
    Violation under(String collection, String name) {
      List<Object> full = new ArrayList<>(path.size() + 2);
      full.add(collection);
      full.add(name);
      full.addAll(path);
      return new Violation(full, message);
    }
  }

  /**
   * The violations of collection entries, kept from one version of a document to the next: a
   * keystroke revalidates only the entries whose JSON was made again.
   */
  public static final class Memo {
    private final Map<String, VersionMemo<JsonNode, List<Violation>>> byCollection = new HashMap<>();

    List<Violation> get(String collection, JsonNode entry, JsonSchema schema) {
      return byCollection.computeIfAbsent(collection, c -> new VersionMemo<>()).get(entry, e -> violations(schema.validate(e)));
    }

    /** Called once a version is done (all its documents): what the next one does not ask for is then forgotten. */
    public void nextVersion() {
      byCollection.values().forEach(VersionMemo::nextVersion);
    }
  }

  private ValuesSchema() {
    try (InputStream in = ValuesSchema.class.getResourceAsStream("/schema/values.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("the schema is missing from the jar");
      }
      raw = SchemaJson.read(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER)
        .regularExpressionFactory(new GoRegex()).build();
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    ObjectNode shallowRaw = raw.deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = raw.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      JsonNode entry = property.getValue().get("additionalProperties");
      if (entry != null && entry.isObject()) {
        ObjectNode own = entry.deepCopy(); // its own document: the root's definitions go with it, for its $refs
        if (raw.has("definitions")) {
          own.set("definitions", raw.get("definitions"));
        }
        entrySchemas.put(property.getKey(), factory.getSchema(own, config));
        ((ObjectNode) shallowRaw.get("properties").get(property.getKey())).put("additionalProperties", true);
      }
    }
    shallow = factory.getSchema(shallowRaw, config);
  }

  public static ValuesSchema get() {
    return INSTANCE;
  }

  public JsonNode raw() {
    return raw;
  }

  public List<Violation> validate(JsonNode values) {
    return validate(values, new Memo());
  }

  /** Every violation of the values; entries of collections the memo knows are not validated again. */
  public List<Violation> validate(JsonNode values, Memo memo) {
    List<Violation> all = violations(shallow.validate(values));
    entrySchemas.forEach((collection, schema) -> {
      JsonNode entries = values.path(collection);
      if (entries.isObject()) {
        entries.fields().forEachRemaining(e -> {
          for (Violation v : memo.get(collection, e.getValue(), schema)) {
            all.add(v.under(collection, e.getKey()));
          }
        });
      }
    });
    return all;
  }

  private static List<Violation> violations(Set<ValidationMessage> messages) {
    List<Violation> result = new ArrayList<>(messages.size());
    for (ValidationMessage m : messages) {
      JsonNodePath location = m.getInstanceLocation();
      List<Object> path = new ArrayList<>(location.getNameCount());
      for (int i = 0; i < location.getNameCount(); i++) {
        path.add(location.getElement(i));
      }
      result.add(new Violation(path, m));
    }
    return result;
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

  /** Whether the schema marks the value at a path sensitive ({@code writeOnly}: the passwords). */
  public boolean isWriteOnly(List<?> path) {
    return at(path).map(schema -> schema.path("writeOnly").asBoolean(false)).orElse(false);
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
