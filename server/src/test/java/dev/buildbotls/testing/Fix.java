package dev.buildbotls.testing;

import dev.buildbotls.service.LanguageService;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.buildbotls.diagnostics.Analysis;
import dev.buildbotls.diagnostics.Analyzer;
import dev.buildbotls.yaml.LineIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.TextEdit;

/** Applies a code action to a text as an editor would. */
public final class Fix {
  public static final String URI = "file:///t/values.yaml";

  private Fix() {}

  /** The actions offered for the diagnostics of this code in the text. */
  public static List<CodeAction> actions(String text, String code) {
    Analysis analysis = Analyzer.analyze(URI, null, text, () -> {});
    List<Diagnostic> diagnostics = analysis.diagnostics().stream().filter(d -> d.getCode().getLeft().equals(code)).toList();
    assertEquals(false, diagnostics.isEmpty(), "no " + code + " diagnostic in:\n" + text);
    return LanguageService.codeActions(URI, analysis, analysis.contexts().get(0), List.of(diagnostics.get(diagnostics.size() - 1)), () -> {});
  }

  /** The text after applying the action whose title starts with {@code title}. */
  public static String apply(String text, String code, String title) {
    CodeAction action = actions(text, code).stream().filter(a -> a.getTitle().startsWith(title)).findFirst()
        .orElseThrow(() -> new AssertionError("no action `" + title + "` among " + actions(text, code).stream().map(CodeAction::getTitle).toList()));
    return applyEdits(text, action.getEdit().getChanges().get(URI));
  }

  public static String applyEdits(String text, List<TextEdit> edits) {
    LineIndex lines = new LineIndex(text);
    List<TextEdit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt((TextEdit e) -> lines.offsetAt(e.getRange().getStart())).reversed());
    StringBuilder b = new StringBuilder(text);
    for (TextEdit e : sorted) {
      b.replace(lines.offsetAt(e.getRange().getStart()), lines.offsetAt(e.getRange().getEnd()), e.getNewText());
    }
    return b.toString();
  }

  public static List<String> codes(String text) {
    return Analyzer.analyze(URI, null, text, () -> {}).diagnostics().stream().map(d -> d.getCode().getLeft()).toList();
  }
}
