package dev.buildbotls.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.buildbotls.diagnostics.Analysis;
import dev.buildbotls.diagnostics.Analyzer;
import dev.buildbotls.diagnostics.Rule;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.junit.jupiter.api.Test;

/** A failure costs what failed: a rule its own diagnostics, never the analysis. */
class IsolationTest {
  @Test
  void aFailingRuleCostsOnlyItsOwnDiagnostics() {
    Analysis analysis = Analyzer.analyze("file:///t/values.yaml", null, "mq: {type: simple}\n", () -> {});
    List<Diagnostic> out = new ArrayList<>(List.of(new Diagnostic()));
    Rule failing = (context, diagnostics) -> {
      diagnostics.add(new Diagnostic());
      throw new IllegalStateException("a bug");
    };
    Analyzer.check(failing, analysis.contexts().get(0), out);
    assertEquals(1, out.size(), "the failing rule's partial output is dropped, the rest kept");
  }
}
