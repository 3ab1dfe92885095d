package dev.buildbotls.yaml;

import java.util.List;
import java.util.Optional;

/**
 * One document of a YAML file. {@code root} is null for an empty document; {@code sharesNodes}
 * says whether anchors may make a node reachable twice (through aliases).
 */
public record YamlDocument(YNode root, boolean sharesNodes) {

  /** The node at a path of mapping keys (String) and sequence indexes (Integer), merges resolved. */
  public Optional<YNode> find(List<?> path) {
    YNode node = root;
    for (Object step : path) {
      if (node instanceof YMap map && step instanceof String key) {
        node = map.entry(key).map(YMap.Entry::value).orElse(null);
      } else if (node instanceof YSeq seq && step instanceof Integer i && i >= 0 && i < seq.items().size()) {
        node = seq.items().get(i);
      } else {
        return Optional.empty();
      }
      if (node == null) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(node);
  }

  /** The entry whose key is the last step of the path. */
  public Optional<YMap.Entry> findEntry(List<?> path) {
    if (path.isEmpty() || !(path.get(path.size() - 1) instanceof String key)) {
      return Optional.empty();
    }
    return find(path.subList(0, path.size() - 1))
        .filter(YMap.class::isInstance)
        .flatMap(parent -> ((YMap) parent).entry(key));
  }

  public Optional<YMap> mapAt(List<?> path) {
    return find(path).filter(YMap.class::isInstance).map(YMap.class::cast);
  }
}
