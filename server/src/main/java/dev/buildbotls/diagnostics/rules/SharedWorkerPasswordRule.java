package dev.buildbotls.diagnostics.rules;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Diagnostic;

/**
 * Workers sharing one literal password: one leaked worker opens them all. Also reads the legacy
 * layout's {@code wortkerTypes}. The password never appears in a message.
 */
public final class SharedWorkerPasswordRule implements Rule {
  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    Map<String, List<Map.Entry<String, YScalar>>> byPassword = new LinkedHashMap<>();
    for (String section : List.of("workers", "wortkerTypes")) {
      context.document().mapAt(List.of(section)).ifPresent(map -> {
        for (YMap.Entry worker : map.entries()) {
          if (worker.value() instanceof YMap fields
              && fields.entry("password").map(YMap.Entry::value).orElse(null) instanceof YScalar p
              && p.value() != null && !p.text().isEmpty()) {
            byPassword.computeIfAbsent(p.text(), k -> new ArrayList<>()).add(Map.entry(worker.keyText(), p));
          }
        }
      });
    }
    for (List<Map.Entry<String, YScalar>> sharing : byPassword.values()) {
      if (sharing.size() < 2) {
        continue;
      }
      String names = String.join(", ", sharing.stream().map(e -> "`" + e.getKey() + "`").toList());
      List<Diagnostic> group = new ArrayList<>();
      for (Map.Entry<String, YScalar> e : sharing) {
        group.add(context.diagnostic(e.getValue().range(), Code.SHARED_WORKER_PASSWORD,
            "workers " + names + " share one password: give each worker its own (or leave it empty to have one generated)"));
      }
      context.relate(group, "a worker with the same password");
      out.addAll(group);
    }
  }
}
