package dev.buildbotls.diagnostics.rules;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.ValuesContext;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;

/**
 * A web UI without a login that leaves the cluster (an Ingress, a LoadBalancer or NodePort Service)
 * shows every build, log, worker and master to whoever reaches it (it is read-only: nobody may
 * control builds without a login).
 */
public final class UiWithoutAuthRule implements Rule {
  private static final List<String> ENABLED = List.of("ui", "ingress", "enabled");
  private static final List<String> SERVICE_TYPE = List.of("ui", "service", "type");
  private static final List<String> AUTH_TYPE = List.of("ui", "auth", "type");

  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    boolean open = context.values().path("ui").path("auth").path("type").asText("none").equals("none");
    if (!open) {
      return;
    }
    boolean ingress = context.values().path("ui").path("ingress").path("enabled").asBoolean(false);
    String type = context.values().path("ui").path("service").path("type").asText("ClusterIP");
    boolean exposed = type.equals("LoadBalancer") || type.equals("NodePort");
    if (!ingress && !exposed) {
      return;
    }
    String how = ingress ? "the Ingress publishes" : "a " + type + " Service publishes";
    context.keyRange(AUTH_TYPE).or(() -> context.keyRange(ingress ? ENABLED : SERVICE_TYPE)).ifPresent(range ->
        out.add(context.diagnostic(range, Code.UI_WITHOUT_AUTH,
            how + " the web UI without a login: whoever reaches it reads every build, log, worker and master (nobody can "
                + "control builds without one); set `ui.auth` (htpasswd, github or gitlab) and `ui.auth.admins`")));
  }
}
