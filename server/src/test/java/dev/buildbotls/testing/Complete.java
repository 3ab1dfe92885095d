package dev.buildbotls.testing;

import dev.buildbotls.service.LanguageService;
import dev.buildbotls.diagnostics.Analysis;
import dev.buildbotls.diagnostics.Analyzer;
import dev.buildbotls.values.Workers;
import dev.buildbotls.yaml.LineIndex;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.TextEdit;

/** Completion at the {@code |} of a text, with the values the server would use. */
public final class Complete {
  private Complete() {}

  public static List<CompletionItem> at(String marked) {
    return at(marked, null);
  }

  /** @param lastGood a text that parsed before this one (its values name the workers), or null */
  public static List<CompletionItem> at(String marked, String lastGood) {
    return at(marked, lastGood, true);
  }

  /** Completion for a client that announced no snippet support (Neovim's omnifunc). */
  public static List<CompletionItem> plainAt(String marked) {
    return at(marked, null, false);
  }

  /** The text after the item's edit is applied at the {@code |} of the marked text. */
  public static String applied(String marked, CompletionItem item) {
    Marked m = Marked.withCursor(marked);
    LineIndex lines = new LineIndex(m.text());
    TextEdit edit = edit(item);
    return m.text().substring(0, lines.offsetAt(edit.getRange().getStart())) + edit.getNewText()
        + m.text().substring(lines.offsetAt(edit.getRange().getEnd()));
  }

  /** The whole list (with isIncomplete) at the {@code |}. */
  public static CompletionList listAt(String marked) {
    return listAt(marked, null, true);
  }

  private static List<CompletionItem> at(String marked, String lastGood, boolean snippets) {
    return listAt(marked, lastGood, snippets).getItems();
  }

  private static CompletionList listAt(String marked, String lastGood, boolean snippets) {
    Marked m = Marked.withCursor(marked);
    Analysis analysis = Analyzer.analyze("file:///t/values.yaml", null, m.text(), () -> {});
    if (analysis.contexts().isEmpty() && lastGood != null) {
      analysis = Analyzer.analyze("file:///t/values.yaml", null, lastGood, () -> {});
    }
    Workers workers = analysis.contexts().isEmpty() ? Workers.NONE : analysis.contexts().get(0).workers();
    return LanguageService.completion(new LineIndex(m.text()), workers, m.cursor(), false, snippets, () -> {});
  }

  public static List<String> labels(List<CompletionItem> items) {
    return items.stream().map(CompletionItem::getLabel).toList();
  }

  public static CompletionItem item(List<CompletionItem> items, String label) {
    return items.stream().filter(i -> i.getLabel().equals(label)).findFirst()
        .orElseThrow(() -> new AssertionError("no item " + label + " in " + labels(items)));
  }

  public static TextEdit edit(CompletionItem item) {
    return item.getTextEdit().getLeft();
  }
}
