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
    return toJson(node, null, 0);
  }

  /**
   * The JSON of a document's root; the JSON of top-level values and of their entries' values (a
   * worker, a builder) is taken from {@code memo} when the node is one the previous version had.
   * The nodes returned are shared with later versions: they are never modified. {@code memo} may
   * be null: nothing is shared.
   */
  public static JsonNode toJson(YNode root, VersionMemo<YNode, JsonNode> memo) {
    return toJson(root, memo, 0);
  }

  private static JsonNode toJson(YNode node, VersionMemo<YNode, JsonNode> memo, int depth) {
    if (memo != null && node instanceof YMap && depth > 0 && depth <= 2) {
      return memo.get(node, n -> convert(n, memo, depth));
    }
    return convert(node, memo, depth);
  }

  private static JsonNode convert(YNode node, VersionMemo<YNode, JsonNode> memo, int depth) {
    if (node == null) {
      return JSON.nullNode();
    }
    if (node instanceof YScalar s) {
      return scalar(s.value());
    }
    if (node instanceof YSeq seq) {
      ArrayNode array = JSON.arrayNode(seq.items().size());
      seq.items().forEach(item -> array.add(toJson(item, memo, depth + 1)));
      return array;
    }
    YMap map = (YMap) node;
    ObjectNode object = JSON.objectNode();
    // Merged keys first, in order, so explicit keys written in the mapping override them.
    for (YMap.Entry e : map.entries()) {
      if (e.isMerge()) {
        var sources = YMap.mergeSources(e.value());
        for (int i = sources.size() - 1; i >= 0; i--) {
          toJson(sources.get(i), memo, depth + 1).fields().forEachRemaining(f -> object.set(f.getKey(), f.getValue()));
        }
      }
    }
    for (YMap.Entry e : map.entries()) {
      if (!e.isMerge()) {
        object.set(e.keyText(), toJson(e.value(), memo, depth + 1));
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
