package dev.buildbotls.actions;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.values.LegacyLayout;
import dev.buildbotls.values.LegacyMigration;
import dev.buildbotls.yaml.LineIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/** Code actions: render the chart (anywhere), migrate the legacy layout, and a quick fix per diagnostic code. */
public final class CodeActionService {
  public static final String RENDER_COMMAND = "buildbot.renderChart";
  private static final Map<String, QuickFix> FIXES = Stream.of(
          new UnknownKeyFix(), DuplicateWorkerFix.loginClash(), DuplicateWorkerFix.repeatedName(), new UnknownWorkerFix(), MultimasterFix.mq(), MultimasterFix.database(),
          new PlaintextPasswordFix(), new SharedPasswordFix(), new InheritedDefaultFix())
      .collect(Collectors.toMap(fix -> fix.code().id(), Function.identity()));

  private CodeActionService() {}

  /**
   * @param context the YAML document at the request's range, or null when the text does not parse
   * @param diagnostics the diagnostics the client sends with the request
   */
  public static List<CodeAction> actions(String uri, ValuesContext context, LineIndex lines, List<Diagnostic> diagnostics) {
    List<CodeAction> actions = new ArrayList<>();
    if (context != null) {
      YamlEdits edits = new YamlEdits(context.document(), lines);
      for (Diagnostic d : diagnostics) {
        QuickFix fix = d.getCode() == null ? null : FIXES.get(d.getCode().getLeft());
        if (fix != null && Code.SOURCE.equals(d.getSource())) {
          actions.addAll(fix.fixes(context, edits, d));
        }
      }
      if (isLegacy(context)) {
        actions.add(migration(uri, context, lines, diagnostics));
      }
    }
    CodeAction render = new CodeAction("Render the chart with these values (helm template)");
    render.setKind(CodeActionKind.Source);
    render.setCommand(new Command("Buildbot: Render chart", RENDER_COMMAND, List.of(uri)));
    actions.add(render);
    return actions;
  }

  private static boolean isLegacy(ValuesContext context) {
    return LegacyLayout.uses(context.document().root());
  }

  private static CodeAction migration(String uri, ValuesContext context, LineIndex lines, List<Diagnostic> diagnostics) {
    CodeAction action = new CodeAction("Migrate to the multi-master layout");
    action.setKind(CodeActionKind.QuickFix);
    action.setDiagnostics(diagnostics.stream().filter(d -> d.getCode() != null && Code.LEGACY_LAYOUT.id().equals(d.getCode().getLeft())).toList());
    Range whole = new Range(lines.positionAt(0), lines.end());
    action.setEdit(new WorkspaceEdit(Map.of(uri, List.of(new TextEdit(whole, LegacyMigration.migrate(context.document()).text())))));
    return action;
  }
}
