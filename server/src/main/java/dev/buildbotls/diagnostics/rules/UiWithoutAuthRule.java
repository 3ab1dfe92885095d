package dev.buildbotls.diagnostics.rules;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.ValuesContext;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;

/** An Ingress publishing a web UI without authentication publishes force, stop and cancel too. */
public final class UiWithoutAuthRule implements Rule {
  private static final List<String> ENABLED = List.of("ui", "ingress", "enabled");
  private static final List<String> AUTH_TYPE = List.of("ui", "auth", "type");

  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    boolean published = context.values().path("ui").path("ingress").path("enabled").asBoolean(false);
    boolean open = context.values().path("ui").path("auth").path("type").asText("none").equals("none");
    if (!published || !open) {
      return;
    }
    context.keyRange(AUTH_TYPE).or(() -> context.keyRange(ENABLED)).ifPresent(range ->
        out.add(context.diagnostic(range, Code.UI_WITHOUT_AUTH,
            "the Ingress publishes the web UI without authentication: whoever reaches it can force, stop and cancel "
                + "builds; set `ui.auth` (htpasswd, github or gitlab) and `ui.auth.admins`")));
  }
}
