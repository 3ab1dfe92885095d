package dev.buildbotls.diagnostics.rules;

import dev.buildbotls.diagnostics.Codes;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YNode;
import dev.buildbotls.yaml.YScalar;
import dev.buildbotls.yaml.YSeq;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;

/** A key repeated in one mapping: Helm silently keeps the last. Workers are DuplicateWorkerRule's. */
public final class DuplicateKeyRule implements Rule {
  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    YNode root = context.document().root();
    if (root == null) {
      return;
    }
    YNode workers = context.node(List.of("workers")).orElse(null);
    Set<YNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<YNode> pending = new ArrayDeque<>(List.of(root));
    while (!pending.isEmpty()) {
      YNode node = pending.pop();
      if (node instanceof YScalar || !seen.add(node)) {
        continue; // scalars hold no keys; a collection reached again through an alias is done
      }
      if (node instanceof YSeq seq) {
        seq.items().forEach(pending::push);
      } else if (node instanceof YMap map) {
        map.entries().forEach(e -> pending.push(e.value()));
        if (node != workers) {
          report(context, map, out);
        }
      }
    }
  }

  private static void report(ValuesContext context, YMap map, List<Diagnostic> out) {
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
        group.add(context.diagnostic(e.key().range(), DiagnosticSeverity.Error, Codes.DUPLICATE_KEY, message));
      }
      context.relate(group, "another `" + key + "`");
      out.addAll(group);
    });
  }
}
