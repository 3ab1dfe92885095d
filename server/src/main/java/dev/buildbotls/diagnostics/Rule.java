package dev.buildbotls.diagnostics;

import java.util.List;
import org.eclipse.lsp4j.Diagnostic;

/**
 * One check beyond JSON Schema. A rule reads the merged values and this file's nodes from the
 * context and adds diagnostics placed in this file; it never sees the client.
 */
public interface Rule {
  void check(ValuesContext context, List<Diagnostic> out);
}
