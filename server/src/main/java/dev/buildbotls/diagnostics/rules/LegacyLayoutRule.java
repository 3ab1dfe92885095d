package dev.buildbotls.diagnostics.rules;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.values.LegacyLayout;
import dev.buildbotls.yaml.YMap;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.Location;

/**
 * A file in the original multi-master chart's flat layout: one diagnostic, on its first flat key so
 * it comes first, carrying the migration action; each flat key is related to it with where it lives
 * now (their unknown-key errors, which Helm's refusal makes errors, point back to it).
 */
public final class LegacyLayoutRule implements Rule {
  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    List<YMap.Entry> flat = LegacyLayout.flatEntries(context.document().root());
    if (flat.isEmpty()) {
      return;
    }
    Diagnostic d = context.diagnostic(flat.get(0).key().range(), Code.LEGACY_LAYOUT,
        "this file is in the original chart's flat layout (" + flat.size() + (flat.size() == 1 ? " key" : " keys")
            + "), which this chart does not read: the \"Migrate to the multi-master layout\" action rewrites it");
    List<DiagnosticRelatedInformation> related = new ArrayList<>();
    for (YMap.Entry e : flat) {
      related.add(new DiagnosticRelatedInformation(new Location(context.uri(), e.key().range()),
          "`" + e.keyText() + "` is `" + LegacyLayout.KEYS.get(e.keyText()) + "` here"));
    }
    d.setRelatedInformation(related);
    out.add(d);
  }
}
