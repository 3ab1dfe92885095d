package dev.buildbotls.yaml;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;

/** Visits every mapping of a document once, outermost first; a mapping reached again through an alias is not revisited. */
public final class YamlWalk {
  private YamlWalk() {}

  public static void forEachMap(YamlDocument document, Consumer<YMap> visitor) {
    if (document.root() == null) {
      return;
    }
    // Remembering every node costs more than the walk; only documents with anchors need it.
    Set<YNode> seen = document.sharesNodes() ? Collections.newSetFromMap(new IdentityHashMap<>()) : null;
    Deque<YNode> pending = new ArrayDeque<>();
    pending.add(document.root());
    while (!pending.isEmpty()) {
      YNode node = pending.poll();
      if (node instanceof YScalar || seen != null && !seen.add(node)) {
        continue; // scalars hold no mappings
      }
      if (node instanceof YSeq seq) {
        for (YNode item : seq.items()) {
          if (!(item instanceof YScalar)) {
            pending.add(item);
          }
        }
      } else if (node instanceof YMap map) {
        visitor.accept(map);
        for (YMap.Entry e : map.entries()) {
          if (!(e.value() instanceof YScalar)) {
            pending.add(e.value());
          }
        }
      }
    }
  }
}
