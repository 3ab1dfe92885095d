package dev.buildbotls.diagnostics.rules;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YNode;
import dev.buildbotls.yaml.YScalar;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;

/**
 * An empty password with no existingSecret asks the chart to generate one. `helm upgrade` keeps it
 * by looking the Secret up; `helm template` (Argo CD, Flux) cannot, so every render draws a new one
 * and the pods restart. Said where a deployment's values file asks for it: on its empty `password`
 * (not in the chart's own values.yaml, whose empty passwords are defaults).
 */
public final class GeneratedPasswordRule implements Rule {
  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    if (!context.overDefaults()) {
      return;
    }
    context.node(List.of("database", "password")).ifPresent(n -> {
      if (!context.values().path("database").path("type").asText("").equals("sqlite")) {
        report(context, n, context.values().path("database"), "the database password", out);
      }
    });
    context.document().mapAt(List.of("workers")).ifPresent(workers -> {
      for (YMap.Entry worker : workers.entries()) {
        if (worker.value() instanceof YMap fields) {
          fields.entry("password").ifPresent(p -> report(context, p.value(), context.values().path("workers").path(worker.keyText()),
              "the password of worker `" + worker.keyText() + "`", out));
        }
      }
    });
  }

  private static void report(ValuesContext context, YNode node, com.fasterxml.jackson.databind.JsonNode merged, String what,
      List<Diagnostic> out) {
    boolean empty = node instanceof YScalar s && s.value() != null && s.text().isEmpty();
    if (empty && merged.path("existingSecret").path("name").asText("").isEmpty()) {
      out.add(context.diagnostic(node.range(), Code.GENERATED_PASSWORD,
          what + " is generated and kept by `helm upgrade`; `helm template` (Argo CD, Flux) draws a new one at every "
              + "render: use `existingSecret`"));
    }
  }
}
