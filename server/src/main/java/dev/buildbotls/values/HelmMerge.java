package dev.buildbotls.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Helm's coalescing of a values file over the chart's defaults: maps merge key by key, lists and
 * scalars replace, and {@code null} deletes the default key; a {@code null} for a key the defaults
 * lack stays, as in Helm, where the schema then refuses it.
 */
public final class HelmMerge {
  private HelmMerge() {}

  /** The override's nodes are taken as they are (not copied): callers pass a tree built for this merge. */
  public static JsonNode merge(JsonNode defaults, JsonNode override) {
    if (defaults == null || !defaults.isObject() || !override.isObject()) {
      return override;
    }
    ObjectNode result = ((ObjectNode) defaults).deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = override.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (value.isNull() && result.has(field.getKey())) {
        result.remove(field.getKey());
      } else if (value.isObject() && result.path(field.getKey()).isObject()) {
        result.set(field.getKey(), merge(result.get(field.getKey()), value));
      } else {
        result.set(field.getKey(), value);
      }
    }
    return result;
  }
}
