package dev.buildbotls.diagnostics.rules;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YNode;
import dev.buildbotls.yaml.YamlWalk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.lsp4j.Diagnostic;

/** A key repeated in one mapping (a worker's name included): Helm silently keeps the last. */
public final class DuplicateKeyRule implements Rule {
  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    YamlWalk.forEachMap(context.document(), map -> report(context, map, out));
  }

  private static void report(ValuesContext context, YMap map, List<Diagnostic> out) {
    if (!hasRepeatedKey(map)) {
      return; // nearly every mapping: checked without grouping its entries
    }
    Map<String, List<YMap.Entry>> byKey = new LinkedHashMap<>();
    for (YMap.Entry e : map.entries()) {
      if (!e.isMerge()) {
        byKey.computeIfAbsent(e.keyText(), k -> new ArrayList<>()).add(e);
      }
    }
    byKey.forEach((key, entries) -> {
      if (entries.size() < 2) {
        return;
      }
      YMap.Entry last = entries.get(entries.size() - 1);
      List<Diagnostic> group = new ArrayList<>();
      for (YMap.Entry e : entries) {
        String message = e == last
            ? "key `" + key + "` is repeated: Helm keeps this one and silently drops the others"
            : "key `" + key + "` is repeated: Helm ignores this one and keeps the one at " + ValuesContext.line(last.key().range());
        group.add(context.diagnostic(e.key().range(), Code.DUPLICATE_KEY, message));
      }
      context.relate(group, "another `" + key + "`");
      out.addAll(group);
    });
  }

  private static boolean hasRepeatedKey(YMap map) {
    List<YMap.Entry> entries = map.entries();
    if (entries.size() <= 8) { // most mappings: compared pairwise, nothing allocated
      for (int i = 1; i < entries.size(); i++) {
        for (int j = 0; j < i; j++) {
          if (entries.get(i).keyText().equals(entries.get(j).keyText()) && !entries.get(i).isMerge()) {
            return true;
          }
        }
      }
      return false;
    }
    Set<String> keys = new HashSet<>();
    for (YMap.Entry e : entries) {
      if (!e.isMerge() && !keys.add(e.keyText())) {
        return true;
      }
    }
    return false;
  }
}
