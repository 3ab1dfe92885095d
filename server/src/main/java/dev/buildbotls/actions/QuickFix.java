package dev.buildbotls.actions;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.ValuesContext;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Diagnostic;

/** The fixes offered for one diagnostic code. */
public interface QuickFix {
  /** The diagnostic code this fixes. */
  Code code();

  List<CodeAction> fixes(ValuesContext context, YamlEdits edits, Diagnostic diagnostic);
}
