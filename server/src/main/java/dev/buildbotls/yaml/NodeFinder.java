package dev.buildbotls.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/** Finds the key or value under a position in a parsed document. */
public final class NodeFinder {
  private NodeFinder() {}

  /**
   * What is under the cursor: the path to it (keys and indexes), and whether the cursor is on a
   * mapping key ({@code entry} set, {@code onKey} true) or on a scalar value.
   */
  public record Hit(List<Object> path, YMap.Entry entry, boolean onKey, YNode node) {}

  public static Optional<Hit> find(YamlDocument document, Position position) {
    if (document.root() == null) {
      return Optional.empty();
    }
    return find(document.root(), position, new ArrayList<>(), 0);
  }

  private static Optional<Hit> find(YNode node, Position p, List<Object> path, int depth) {
    if (depth > YamlParser.MAX_DEPTH) {
      return Optional.empty();
    }
    if (node instanceof YMap map) {
      for (YMap.Entry e : map.entries()) {
        if (contains(e.key().range(), p)) {
          path.add(e.keyText());
          return Optional.of(new Hit(List.copyOf(path), e, true, e.key()));
        }
        if (contains(e.value().range(), p) && !e.isMerge()) {
          path.add(e.keyText());
          return find(e.value(), p, path, depth + 1);
        }
      }
      return Optional.empty();
    }
    if (node instanceof YSeq seq) {
      for (int i = 0; i < seq.items().size(); i++) {
        if (contains(seq.items().get(i).range(), p)) {
          path.add(i);
          return find(seq.items().get(i), p, path, depth + 1);
        }
      }
      return Optional.empty();
    }
    return Optional.of(new Hit(List.copyOf(path), null, false, node));
  }

  public static boolean contains(Range r, Position p) {
    return compare(r.getStart(), p) <= 0 && compare(p, r.getEnd()) <= 0;
  }

  static int compare(Position a, Position b) {
    return a.getLine() != b.getLine() ? Integer.compare(a.getLine(), b.getLine()) : Integer.compare(a.getCharacter(), b.getCharacter());
  }
}
