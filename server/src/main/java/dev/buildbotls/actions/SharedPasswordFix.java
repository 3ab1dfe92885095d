package dev.buildbotls.actions;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.values.Passwords;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.TextEdit;

/** Workers sharing a password: give each of them a fresh random one. */
final class SharedPasswordFix implements QuickFix {
  @Override
  public Code code() {
    return Code.SHARED_WORKER_PASSWORD;
  }

  @Override
  public List<CodeAction> fixes(ValuesContext context, YamlEdits edits, Diagnostic diagnostic) {
    List<TextEdit> changes = new ArrayList<>();
    changes.add(new TextEdit(diagnostic.getRange(), "\"" + Passwords.generate() + "\""));
    if (diagnostic.getRelatedInformation() != null) {
      diagnostic.getRelatedInformation().forEach(r -> changes.add(new TextEdit(r.getLocation().getRange(), "\"" + Passwords.generate() + "\"")));
    }
    return List.of(Fixes.fix("Give each worker its own random password", diagnostic, context.uri(), changes));
  }
}
