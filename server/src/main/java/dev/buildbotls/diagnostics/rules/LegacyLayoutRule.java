package dev.buildbotls.diagnostics.rules;

import dev.buildbotls.diagnostics.Codes;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.yaml.YMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;

/** Keys of the original multi-master chart's flat layout, with where each lives now. */
public final class LegacyLayoutRule implements Rule {
  public static final Map<String, String> LEGACY_KEYS = Map.ofEntries(
      Map.entry("buildbotTitle", "master.title"),
      Map.entry("buildbotTitleURL", "master.titleURL"),
      Map.entry("buildbotWebURL", "master.buildbotURL"),
      Map.entry("buildbot_mq_debug", "mq.debugLevel"),
      Map.entry("postgres_db", "database.name"),
      Map.entry("postgres_password", "database.password (better: database.existingSecret)"),
      Map.entry("postres_user", "database.user"),
      Map.entry("postgres_user", "database.user"),
      Map.entry("postgres_port", "database.port"),
      Map.entry("pollInterval", "builders.<name>.pollInterval"),
      Map.entry("pollURL", "builders.<name>.repository"),
      Map.entry("master_image", "master.image"),
      Map.entry("master_replicas", "master.replicas"),
      Map.entry("wortkerTypes", "workers (and one builder per worker)"));

  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    if (!(context.document().root() instanceof YMap root)) {
      return;
    }
    for (YMap.Entry e : root.entries()) {
      String now = LEGACY_KEYS.get(e.keyText());
      if (now != null) {
        out.add(context.diagnostic(e.key().range(), DiagnosticSeverity.Warning, Codes.LEGACY_LAYOUT,
            "`" + e.keyText() + "` is the original chart's flat layout; here it is `" + now
                + "` (the \"Migrate to the multi-master layout\" action rewrites the file)"));
      }
    }
  }
}
