package dev.buildbotls.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YNode;
import dev.buildbotls.yaml.YScalar;
import dev.buildbotls.yaml.YSeq;
import java.math.BigInteger;

/** The JSON value Helm reads from a YAML node: merge keys applied, the last repeated key winning. */
public final class JsonView {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private JsonView() {}

  public static JsonNode toJson(YNode node) {
    if (node == null) {
      return JSON.nullNode();
    }
    if (node instanceof YScalar s) {
      return scalar(s.value());
    }
    if (node instanceof YSeq seq) {
      ArrayNode array = JSON.arrayNode(seq.items().size());
      seq.items().forEach(item -> array.add(toJson(item)));
      return array;
    }
    YMap map = (YMap) node;
    ObjectNode object = JSON.objectNode();
    // Merged keys first, in order, so explicit keys written in the mapping override them.
    for (YMap.Entry e : map.entries()) {
      if (e.isMerge()) {
        var sources = YMap.mergeSources(e.value());
        for (int i = sources.size() - 1; i >= 0; i--) {
          toJson(sources.get(i)).fields().forEachRemaining(f -> object.set(f.getKey(), f.getValue()));
        }
      }
    }
    for (YMap.Entry e : map.entries()) {
      if (!e.isMerge()) {
        object.set(e.keyText(), toJson(e.value()));
      }
    }
    return object;
  }

  private static JsonNode scalar(Object value) {
    if (value == null) {
      return JSON.nullNode();
    }
    if (value instanceof Boolean b) {
      return JSON.booleanNode(b);
    }
    if (value instanceof Long l) {
      return JSON.numberNode(l);
    }
    if (value instanceof BigInteger b) {
      return JSON.numberNode(b);
    }
    if (value instanceof Double d) {
      return JSON.numberNode(d);
    }
    return JSON.textNode(value.toString());
  }
}
