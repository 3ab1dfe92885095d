package dev.buildbotls.outline;

import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YNode;
import dev.buildbotls.yaml.YScalar;
import dev.buildbotls.yaml.YSeq;
import dev.buildbotls.yaml.YamlDocument;
import dev.buildbotls.yaml.YamlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;

/** The outline (masters, database, mq, each worker, each builder) and folding ranges. */
public final class OutlineService {
  private static final Set<String> NAMED_MAPS = Set.of("workers", "latentWorkers", "builders");

  private OutlineService() {}

  public static List<DocumentSymbol> symbols(List<YamlDocument> documents) {
    List<DocumentSymbol> symbols = new ArrayList<>();
    for (YamlDocument document : documents) {
      if (document.root() instanceof YMap root) {
        for (YMap.Entry e : root.entries()) {
          DocumentSymbol section = symbol(e, SymbolKind.Module);
          List<DocumentSymbol> children = new ArrayList<>();
          if (e.value() instanceof YMap map) {
            for (YMap.Entry child : map.entries()) {
              children.add(symbol(child, NAMED_MAPS.contains(e.keyText()) ? SymbolKind.Object : SymbolKind.Property));
            }
          }
          section.setChildren(children);
          symbols.add(section);
        }
      }
    }
    return symbols;
  }

  private static DocumentSymbol symbol(YMap.Entry e, SymbolKind kind) {
    Range whole = new Range(e.key().range().getStart(), e.value().range().getEnd());
    DocumentSymbol s = new DocumentSymbol(e.keyText(), kind, whole, e.key().range());
    if (e.value() instanceof YMap map
        && map.entry("replicas").map(YMap.Entry::value).orElse(null) instanceof YScalar replicas) {
      s.setDetail("replicas: " + replicas.text());
    }
    return s;
  }

  public static List<FoldingRange> foldingRanges(List<YamlDocument> documents) {
    List<FoldingRange> ranges = new ArrayList<>();
    for (YamlDocument document : documents) {
      fold(document.root(), ranges, 0);
    }
    return ranges;
  }

  private static void fold(YNode node, List<FoldingRange> out, int depth) {
    if (node == null || depth > YamlParser.MAX_DEPTH) {
      return;
    }
    if (node instanceof YMap map) {
      for (YMap.Entry e : map.entries()) {
        int start = e.key().range().getStart().getLine();
        Range value = e.value().range();
        int end = value.getEnd().getCharacter() == 0 ? value.getEnd().getLine() - 1 : value.getEnd().getLine();
        if (end > start) {
          out.add(new FoldingRange(start, end));
        }
        fold(e.value(), out, depth + 1);
      }
    } else if (node instanceof YSeq seq) {
      seq.items().forEach(item -> fold(item, out, depth + 1));
    }
  }
}
