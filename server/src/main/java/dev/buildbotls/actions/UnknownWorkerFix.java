package dev.buildbotls.actions;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Suggestions;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.yaml.NodeFinder;
import dev.buildbotls.yaml.YScalar;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.TextEdit;

/** A builder names an undefined worker: use the closest defined name, or define that worker. */
final class UnknownWorkerFix implements QuickFix {
  @Override
  public Code code() {
    return Code.UNKNOWN_WORKER;
  }

  @Override
  public List<CodeAction> fixes(ValuesContext context, YamlEdits edits, Diagnostic diagnostic) {
    List<CodeAction> actions = new ArrayList<>();
    NodeFinder.find(context.document(), diagnostic.getRange().getStart()).ifPresent(hit -> {
      if (!(hit.node() instanceof YScalar s)) {
        return;
      }
      for (String candidate : Suggestions.closest(s.text(), context.workers().referenceableNames())) {
        actions.add(Fixes.fix("Replace `" + s.text() + "` with `" + candidate + "`", diagnostic, context.uri(),
            List.of(new TextEdit(s.range(), candidate))));
      }
      if (s.text().matches("^[a-z0-9]([-a-z0-9]{0,48}[a-z0-9])?$")) {
        actions.add(Fixes.fix("Add a worker `" + s.text() + "`", diagnostic, context.uri(),
            List.of(edits.insert(List.of("workers", s.text()), "{}"))));
      }
    });
    return actions;
  }
}
