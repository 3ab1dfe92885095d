package dev.buildbotls.testing;

import dev.buildbotls.service.LanguageService;
import dev.buildbotls.diagnostics.Analysis;
import dev.buildbotls.diagnostics.Analyzer;
import dev.buildbotls.values.Workers;
import dev.buildbotls.yaml.LineIndex;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.TextEdit;

/** Completion at the {@code |} of a text, with the values the server would use. */
public final class Complete {
  private Complete() {}

  public static List<CompletionItem> at(String marked) {
    return at(marked, null);
  }

  /** @param lastGood a text that parsed before this one (its values name the workers), or null */
  public static List<CompletionItem> at(String marked, String lastGood) {
    Marked m = Marked.withCursor(marked);
    Analysis analysis = Analyzer.analyze("file:///t/values.yaml", null, m.text(), () -> {});
    if (analysis.contexts().isEmpty() && lastGood != null) {
      analysis = Analyzer.analyze("file:///t/values.yaml", null, lastGood, () -> {});
    }
    Workers workers = analysis.contexts().isEmpty() ? Workers.NONE : analysis.contexts().get(0).workers();
    return LanguageService.completion(new LineIndex(m.text()), workers, m.cursor(), false, () -> {}).getItems();
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
