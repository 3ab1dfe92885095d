package dev.buildbotls.actions;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.diagnostics.rules.InheritedDefaultRule;
import dev.buildbotls.values.ChartDefaults;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.TextEdit;

/** Default workers or builders merged into the file's own: delete them ({@code name: null}), or name them here. */
final class InheritedDefaultFix implements QuickFix {
  @Override
  public Code code() {
    return Code.INHERITED_DEFAULT;
  }

  @Override
  public List<CodeAction> fixes(ValuesContext context, YamlEdits edits, Diagnostic diagnostic) {
    for (String key : ChartDefaults.FARM_KEYS) {
      if (context.keyRange(List.of(key)).filter(diagnostic.getRange()::equals).isEmpty()) {
        continue;
      }
      List<String> names = InheritedDefaultRule.inherited(context, key);
      String listed = String.join(", ", names.stream().map(n -> "`" + n + "`").toList());
      return List.of(
          Fixes.fix("Delete the chart's default " + key + " " + listed, diagnostic, context.uri(), entries(edits, key, names, "null")),
          // An empty map merges with the default entry: the same workload, now written where it is deployed.
          Fixes.fix("Keep the chart's default " + key + " " + listed + " (name them here)", diagnostic, context.uri(),
              entries(edits, key, names, "{}")));
    }
    return List.of();
  }

  /** One edit: every entry inserts at the same place, and clients order same-place edits differently. */
  private static List<TextEdit> entries(YamlEdits edits, String key, List<String> names, String value) {
    StringBuilder text = new StringBuilder();
    TextEdit first = null;
    for (String name : names) {
      TextEdit one = edits.insert(List.of(key, name), value);
      first = first == null ? one : first;
      text.append(one.getNewText());
    }
    return first == null ? List.of() : List.of(new TextEdit(first.getRange(), text.toString()));
  }
}
