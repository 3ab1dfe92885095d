package dev.buildbotls.yaml;

import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Range;

/** A mapping, entries in source order, duplicates and merge keys ({@code <<}) kept as written. */
public record YMap(List<Entry> entries, boolean flow, Range range) implements YNode {

  /** One key and its value; {@code keyText} is the key as Helm names it. */
  public record Entry(YNode key, String keyText, YNode value) {
    public boolean isMerge() {
      return key instanceof YScalar s && s.plain() && "<<".equals(s.text());
    }
  }

  /** The last entry with this key (Helm keeps the last of repeated keys), merges included. */
  public Optional<Entry> entry(String key) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      Entry e = entries.get(i);
      if (!e.isMerge() && e.keyText().equals(key)) {
        return Optional.of(e);
      }
    }
    for (Entry e : entries) {
      if (e.isMerge()) {
        for (YMap source : mergeSources(e.value())) {
          Optional<Entry> merged = source.entry(key);
          if (merged.isPresent()) {
            return merged;
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The mappings a merge key's value brings in, first one winning. */
  public static List<YMap> mergeSources(YNode value) {
    if (value instanceof YMap m) {
      return List.of(m);
    }
    if (value instanceof YSeq s) {
      return s.items().stream().filter(YMap.class::isInstance).map(YMap.class::cast).toList();
    }
    return List.of();
  }
}
