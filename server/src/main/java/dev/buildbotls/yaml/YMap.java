package dev.buildbotls.yaml;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.lsp4j.Range;

/** A mapping, entries in source order, duplicates and merge keys ({@code <<}) kept as written. */
public final class YMap implements YNode {
  /** Longer mappings (a farm's workers) are looked up through an index: rules look up every worker. */
  private static final int INDEXED_SIZE = 16;

  private final List<Entry> entries;
  private final boolean flow;
  private final Range range;
  /** The last entry of each key, merges aside; built on the first lookup in a long mapping. */
  private volatile Map<String, Entry> lastByKey;

  /** One key and its value; {@code keyText} is the key as Helm names it. */
  public record Entry(YNode key, String keyText, YNode value) {
    public boolean isMerge() {
      return key instanceof YScalar s && s.plain() && "<<".equals(s.text());
    }
  }

  public YMap(List<Entry> entries, boolean flow, Range range) {
    this.entries = entries;
    this.flow = flow;
    this.range = range;
  }

  public List<Entry> entries() {
    return entries;
  }

  public boolean flow() {
    return flow;
  }

  @Override
  public Range range() {
    return range;
  }

  /** The last entry with this key (Helm keeps the last of repeated keys), merges included. */
  public Optional<Entry> entry(String key) {
    Entry own = entries.size() > INDEXED_SIZE ? index().get(key) : lastOwn(key);
    if (own != null) {
      return Optional.of(own);
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

  private Entry lastOwn(String key) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      Entry e = entries.get(i);
      if (!e.isMerge() && e.keyText().equals(key)) {
        return e;
      }
    }
    return null;
  }

  private Map<String, Entry> index() {
    Map<String, Entry> index = lastByKey;
    if (index == null) {
      index = new HashMap<>(entries.size() * 2);
      for (Entry e : entries) {
        if (!e.isMerge()) {
          index.put(e.keyText(), e);
        }
      }
      lastByKey = index;
    }
    return index;
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

  @Override
  public boolean equals(Object other) {
    return other instanceof YMap m && flow == m.flow && range.equals(m.range) && entries.equals(m.entries);
  }

  @Override
  public int hashCode() {
    return Objects.hash(entries, flow, range);
  }

  @Override
  public String toString() {
    return "YMap[entries=" + entries + ", flow=" + flow + ", range=" + range + "]";
  }
}
