package dev.buildbotls.yaml;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;

/** Visits every mapping (or node) of a document once, outermost first; a node reached again through an alias is not revisited. */
public final class YamlWalk {
  private YamlWalk() {}

  public static void forEachMap(YamlDocument document, Consumer<YMap> visitor) {
    walk(document, false, node -> {
      if (node instanceof YMap map) {
        visitor.accept(map);
      }
    });
  }

  /** Every node, scalars and keys included. */
  public static void forEachNode(YamlDocument document, Consumer<YNode> visitor) {
    walk(document, true, visitor);
  }

  private static void walk(YamlDocument document, boolean scalars, Consumer<YNode> visitor) {
    if (document.root() == null) {
      return;
    }
    // Remembering every node costs more than the walk; only documents with anchors need it.
    Set<YNode> seen = document.sharesNodes() ? Collections.newSetFromMap(new IdentityHashMap<>()) : null;
    Deque<YNode> pending = new ArrayDeque<>();
    pending.add(document.root());
    while (!pending.isEmpty()) {
      YNode node = pending.poll();
      if (node == null || seen != null && !seen.add(node)) {
        continue;
      }
      visitor.accept(node);
      if (node instanceof YSeq seq) {
        for (YNode item : seq.items()) {
          if (scalars || !(item instanceof YScalar)) { // a walk for mappings skips scalars: they hold none
            pending.add(item);
          }
        }
      } else if (node instanceof YMap map) {
        for (YMap.Entry e : map.entries()) {
          if (scalars) {
            pending.add(e.key());
          }
          if (scalars || !(e.value() instanceof YScalar)) {
            pending.add(e.value());
          }
        }
      }
    }
  }
}
