package dev.buildbotls.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YNode;
import dev.buildbotls.yaml.YamlDocument;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values files layered under and over the one being analysed, as {@code helm install -f base.yaml
 * -f prod.yaml --set k=v} layers them (a {@code --set} is a layer of its own, see {@link SetValues}).
 * Each layer is its file's first YAML document, the one Helm reads.
 */
public final class ValuesStack {
  /** A file checked on its own, over the chart's defaults only. */
  public static final ValuesStack NONE = new ValuesStack(List.of(), List.of());

  private final List<YamlDocument> below;
  private final List<YamlDocument> above;
  /**
   * The other layers' values, converted once per stack (each keystroke in this file reuses them): the
   * layers under it already merged, those over it one by one (Helm's merge is a left fold).
   */
  private final JsonNode belowValues;
  private final List<JsonNode> aboveValues;

  /**
   * This layer's own values and the whole stack's, when made together ({@link #of}): then the
   * merge is made once for all layers, and a layer analysed as it stands gets it without merging.
   */
  private final JsonNode ownValues;
  private final JsonNode totalValues;

  public ValuesStack(List<YamlDocument> below, List<YamlDocument> above) {
    this(below, above, foldLayers(below.stream().map(ValuesStack::json).toList()),
        above.stream().map(ValuesStack::json).filter(java.util.Objects::nonNull).toList(), null, null);
  }

  private ValuesStack(List<YamlDocument> below, List<YamlDocument> above, JsonNode belowValues, List<JsonNode> aboveValues,
      JsonNode ownValues, JsonNode totalValues) {
    this.below = List.copyOf(below);
    this.above = List.copyOf(above);
    this.belowValues = belowValues;
    this.aboveValues = aboveValues;
    this.ownValues = ownValues;
    this.totalValues = totalValues;
  }

  /**
   * The stack around each layer of a whole stack ({@code --check -f a -f b ...}): each layer is
   * converted once and the layers merged once, so a stack costs time linear in its length.
   */
  public static List<ValuesStack> of(List<YamlDocument> layers) {
    List<JsonNode> values = new java.util.ArrayList<>(layers.size());
    layers.forEach(layer -> values.add(json(layer))); // (null for an empty layer: it adds nothing)
    JsonNode total = foldLayers(values);
    List<ValuesStack> stacks = new java.util.ArrayList<>(layers.size());
    JsonNode below = null;
    for (int i = 0; i < layers.size(); i++) {
      stacks.add(new ValuesStack(layers.subList(0, i), layers.subList(i + 1, layers.size()), below, values.subList(i + 1, values.size()),
          values.get(i), total));
      below = mergeMaps(below, values.get(i));
    }
    return stacks;
  }

  private static JsonNode foldLayers(List<JsonNode> layers) {
    JsonNode merged = null;
    for (JsonNode layer : layers) {
      merged = mergeMaps(merged, layer);
    }
    return merged;
  }

  public List<YamlDocument> below() {
    return below;
  }

  public List<YamlDocument> above() {
    return above;
  }

  public boolean isNone() {
    return below.isEmpty() && above.isEmpty();
  }

  /**
   * The user's values as Helm merges its {@code -f} files and {@code --set}s before coalescing them
   * over the chart's defaults ({@code mergeMaps}): maps merge, anything else replaces, a {@code null}
   * stays (to delete a default when coalesced).
   */
  public JsonNode userValues(JsonNode own) {
    if (isNone()) {
      return own;
    }
    if (totalValues != null && own.equals(ownValues)) {
      return totalValues;
    }
    JsonNode merged = mergeMaps(belowValues, own);
    for (JsonNode layer : aboveValues) {
      merged = mergeMaps(merged, layer);
    }
    return merged;
  }

  /** A layer's values; an empty one (or one Helm would refuse, flagged in its own file) adds nothing. */
  private static JsonNode json(YamlDocument layer) {
    return layer.root() instanceof YMap ? JsonView.toJson(layer.root()) : null;
  }

  /**
   * Whether a later layer sets the value at this path, or replaces a map on its way: what this file
   * says there is not what Helm uses, so its findings belong to the later layer.
   */
  public boolean shadowed(List<Object> path) {
    for (YamlDocument layer : above) {
      for (int length = 1; length <= path.size(); length++) {
        Optional<YNode> node = layer.find(path.subList(0, length));
        if (node.isPresent() && (length == path.size() || !(node.get() instanceof YMap))) {
          return true;
        }
      }
    }
    return false;
  }

  /** How many steps of the path the deepest-reaching layer of the stack (this file aside) sets. */
  public int reach(List<?> path) {
    int deepest = 0;
    for (List<YamlDocument> layers : List.of(below, above)) {
      for (YamlDocument layer : layers) {
        deepest = Math.max(deepest, reach(layer, path));
      }
    }
    return deepest;
  }

  /** How many steps of the path one document sets. */
  public static int reach(YamlDocument document, List<?> path) {
    for (int n = path.size(); n > 0; n--) {
      if (document.find(path.subList(0, n)).isPresent()) {
        return n;
      }
    }
    return 0;
  }

  private static JsonNode mergeMaps(JsonNode base, JsonNode override) {
    if (override == null) {
      return base;
    }
    if (base == null || !base.isObject() || !override.isObject()) {
      return override;
    }
    ObjectNode out = ((ObjectNode) base).deepCopy();
    for (var it = override.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode old = out.get(field.getKey());
      out.set(field.getKey(), field.getValue().isObject() && old != null && old.isObject()
          ? mergeMaps(old, field.getValue())
          : field.getValue());
    }
    return out;
  }

  /** The layers of a stack around the one at {@code index}. */
  public static ValuesStack around(List<YamlDocument> layers, int index) {
    return new ValuesStack(layers.subList(0, index), layers.subList(index + 1, layers.size()));
  }

  /** Whether these are the layers of this stack (the documents themselves: a layer reparsed is another). */
  public boolean hasLayers(List<YamlDocument> layers, int index) {
    return below.equals(layers.subList(0, index)) && above.equals(layers.subList(index + 1, layers.size()));
  }
}
