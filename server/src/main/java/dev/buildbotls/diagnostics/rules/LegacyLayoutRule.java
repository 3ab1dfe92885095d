package dev.buildbotls.diagnostics.rules;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.values.LegacyLayout;
import dev.buildbotls.yaml.YMap;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;

/** A key of the original multi-master chart's flat layout, with where it lives now. */
public final class LegacyLayoutRule implements Rule {
  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    if (!(context.document().root() instanceof YMap root)) {
      return;
    }
    for (YMap.Entry e : root.entries()) {
      String now = LegacyLayout.KEYS.get(e.keyText());
      if (now != null) {
        out.add(context.diagnostic(e.key().range(), Code.LEGACY_LAYOUT,
            "`" + e.keyText() + "` is the original chart's flat layout; here it is `" + now
                + "` (the \"Migrate to the multi-master layout\" action rewrites the file)"));
      }
    }
  }
}
