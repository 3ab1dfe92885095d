package dev.buildbotls.diagnostics.rules;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YNode;
import dev.buildbotls.yaml.YScalar;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;

/** A literal password in values ends up in Helm's release history; a Secret keeps it out. */
public final class PlaintextPasswordRule implements Rule {
  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    context.node(List.of("database", "password")).ifPresent(n -> report(context, n, "the database password", out));
    context.node(List.of("postgres_password")).ifPresent(n -> report(context, n, "the database password", out));
    for (String section : List.of("workers", "wortkerTypes")) {
      context.document().mapAt(List.of(section)).ifPresent(workers -> {
        for (YMap.Entry worker : workers.entries()) {
          if (worker.value() instanceof YMap fields) {
            fields.entry("password").ifPresent(p ->
                report(context, p.value(), "the password of worker `" + worker.keyText() + "`", out));
          }
        }
      });
    }
  }

  private static void report(ValuesContext context, YNode node, String what, List<Diagnostic> out) {
    if (node instanceof YScalar s && s.value() != null && !s.text().isEmpty()) {
      out.add(context.diagnostic(s.range(), Code.PLAINTEXT_PASSWORD,
          what + " is written in plain text: it ends up in Helm's release history; use `existingSecret` instead"));
    }
  }
}
