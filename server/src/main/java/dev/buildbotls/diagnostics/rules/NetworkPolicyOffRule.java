package dev.buildbotls.diagnostics.rules;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.ValuesContext;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;

/**
 * {@code networkPolicy.enabled: false}: every pod of the cluster then reaches the database, the
 * router and the masters' worker port, which the chart's policies keep to the pods that need them.
 */
public final class NetworkPolicyOffRule implements Rule {
  private static final List<String> ENABLED = List.of("networkPolicy", "enabled");

  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    if (context.values().path("networkPolicy").path("enabled").asBoolean(true)) {
      return;
    }
    context.valueRange(ENABLED).ifPresent(range -> out.add(context.diagnostic(range, Code.NETWORK_POLICY_OFF,
        "without the chart's NetworkPolicies every pod of the cluster reaches the database, the message router and the "
            + "masters' worker port (a worker's login is all it then takes); keep them on and admit more with "
            + "`networkPolicy.extraWorkerSources` and `networkPolicy.webSources`")));
  }
}
