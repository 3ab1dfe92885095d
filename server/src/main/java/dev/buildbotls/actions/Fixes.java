package dev.buildbotls.actions;

import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/** Building blocks of quick fixes. */
final class Fixes {
  private Fixes() {}

  static CodeAction fix(String title, Diagnostic diagnostic, String uri, List<TextEdit> edits) {
    CodeAction action = new CodeAction(title);
    action.setKind(CodeActionKind.QuickFix);
    action.setDiagnostics(List.of(diagnostic));
    action.setEdit(new WorkspaceEdit(Map.of(uri, edits)));
    return action;
  }
}
