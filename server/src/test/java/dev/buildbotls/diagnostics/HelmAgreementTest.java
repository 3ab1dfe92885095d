package dev.buildbotls.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.render.ChartRenderer;
import dev.buildbotls.render.HelmErrors;
import dev.buildbotls.testing.MutatedValues;
import dev.buildbotls.yaml.YamlParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

/**
 * Helm is the oracle: every generated values file ({@link MutatedValues}) is rendered by the real
 * Helm engine (helm-java) and analysed as {@code --check} analyses it. A file Helm refuses must get
 * an error, on every value Helm names; a file Helm renders must get no schema or syntax error
 * (rules beyond the schema may still add theirs). About 1,500 files, a minute or two.
 */
class HelmAgreementTest {
  private static final String NAME = "values.yaml";

  @Test
  void checkAndHelmAgreeOnEveryGeneratedFile() {
    List<MutatedValues.Case> corpus = MutatedValues.corpus();
    List<String> disagreements = new ArrayList<>();
    int refused = 0;
    PrintStream stderr = System.err;
    ByteArrayOutputStream logged = new ByteArrayOutputStream(); // a rule that fails is isolated and logged: its findings are missing
    System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
    try {
      for (MutatedValues.Case c : corpus) {
        List<Diagnostic> diagnostics = Analyzer.analyze("file:///" + NAME, null, c.text(), () -> {}).diagnostics();
        String helm = helmRefusal(c.text());
        refused += helm == null ? 0 : 1;
        String disagreement = helm == null ? renderedButFlagged(diagnostics) : refusedButPassed(helm, c.text(), diagnostics);
        if (logged.size() > 0) {
          disagreement = logged.toString(StandardCharsets.UTF_8).strip();
          logged.reset();
        }
        if (disagreement != null) {
          disagreements.add(c.name() + ": " + disagreement);
        }
      }
    } finally {
      System.setErr(stderr);
    }
    System.err.println("helm agreement: " + corpus.size() + " files, " + refused + " refused by Helm, " + disagreements.size() + " disagreements");
    assertTrue(corpus.size() > 1000 && refused > 100, corpus.size() + " files, " + refused + " refused: the corpus lost its teeth");
    assertEquals("", String.join("\n", disagreements));
  }

  /** Helm's message when it refuses the values, null when it renders them. */
  private static String helmRefusal(String text) {
    try {
      ChartRenderer.render(null, "ci", List.of(text), List.of(NAME));
      return null;
    } catch (ChartRenderer.RenderException e) {
      return e.getMessage();
    }
  }

  /** Helm rendered it: a schema or syntax error would be a false alarm. */
  private static String renderedButFlagged(List<Diagnostic> diagnostics) {
    List<String> wrong = diagnostics.stream()
        .filter(d -> d.getCode().getLeft().startsWith("schema/") || d.getCode().getLeft().equals(Code.YAML_SYNTAX.id()))
        .map(HelmAgreementTest::describe).toList();
    return wrong.isEmpty() ? null : "Helm renders it, --check says " + wrong;
  }

  /** Helm refused it: an error must be there, and on each value Helm names. */
  private static String refusedButPassed(String helm, String text, List<Diagnostic> diagnostics) {
    List<Diagnostic> errors = diagnostics.stream().filter(d -> d.getSeverity() == DiagnosticSeverity.Error).toList();
    if (errors.isEmpty()) {
      return "Helm refuses it (" + oneLine(helm) + "), --check has no error";
    }
    for (HelmErrors.Problem problem : HelmErrors.place(helm, NAME, YamlParser.parse(text))) {
      // go-yaml names the line where it noticed a syntax error, often the one after its cause
      Range named = problem.pointer().isEmpty()
          ? new Range(new Position(Math.max(0, problem.range().getStart().getLine() - 1), 0), problem.range().getEnd())
          : problem.range();
      if (errors.stream().noneMatch(d -> sameLines(d.getRange(), named))) {
        return "Helm names line " + (problem.range().getStart().getLine() + 1) + " (" + problem.message() + "), --check says "
            + errors.stream().map(HelmAgreementTest::describe).toList();
      }
    }
    return null;
  }

  private static boolean sameLines(Range a, Range b) {
    return a.getStart().getLine() <= b.getEnd().getLine() && b.getStart().getLine() <= a.getEnd().getLine();
  }

  private static String describe(Diagnostic d) {
    return (d.getRange().getStart().getLine() + 1) + ":" + d.getCode().getLeft() + " " + oneLine(d.getMessage());
  }

  private static String oneLine(String s) {
    String line = s.replaceAll("\\s+", " ");
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
