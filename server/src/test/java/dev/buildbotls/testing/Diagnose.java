package dev.buildbotls.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.buildbotls.diagnostics.Analyzer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;

/** Runs the analysis on a text and compares its diagnostics with marked spans. */
public final class Diagnose {
  private Diagnose() {}

  /** Diagnostics of a values file with the bundled chart's defaults (path null: unsaved file). */
  public static List<Diagnostic> run(String text, Path file) {
    return Analyzer.analyze("file:///test/values.yaml", file, text, () -> {}).diagnostics();
  }

  /**
   * Asserts the diagnostics, in position order, are exactly {@code expected}: each {@code code#i}
   * sits on the i-th marked span.
   */
  public static List<Diagnostic> expect(String marked, String... expected) {
    Marked m = Marked.of(marked);
    List<Diagnostic> diagnostics = run(m.text(), null);
    List<String> want = new ArrayList<>();
    for (String e : expected) {
      String[] parts = e.split("#");
      want.add(parts[0] + " " + Marked.format(m.spans().get(Integer.parseInt(parts[1]))));
    }
    assertEquals(want, describe(diagnostics), "diagnostics of:\n" + m.text() + "\nmessages: " + messages(diagnostics));
    return diagnostics;
  }

  public static List<String> describe(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(d -> d.getCode().getLeft() + " " + Marked.format(d.getRange())).toList();
  }

  public static List<String> messages(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::getMessage).toList();
  }
}
