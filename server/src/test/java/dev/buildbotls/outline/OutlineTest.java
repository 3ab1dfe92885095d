package dev.buildbotls.outline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.buildbotls.testing.Marked;
import dev.buildbotls.yaml.YamlParser;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.junit.jupiter.api.Test;

class OutlineTest {
  private static final String TEXT = "master:\n  replicas: 2\nworkers:\n  a: {}\n  b:\n    replicas: 3\nbuilders:\n  x:\n    repository: r\n";

  @Test
  void outlineOfSectionsWorkersAndBuilders() {
    List<DocumentSymbol> symbols = OutlineService.symbols(YamlParser.parse(TEXT).documents());
    assertEquals(List.of("master 0:0-1:13 [replicas]", "workers 2:0-5:15 [a, b]", "builders 6:0-8:17 [x]"),
        symbols.stream().map(s -> s.getName() + " " + Marked.format(s.getRange()) + " "
            + s.getChildren().stream().map(DocumentSymbol::getName).toList()).toList());
    DocumentSymbol b = symbols.get(1).getChildren().get(1);
    assertEquals("replicas: 3", b.getDetail());
    assertEquals("4:2-4:3", Marked.format(b.getSelectionRange()));
  }

  @Test
  void foldingRanges() {
    assertEquals(List.of("0-1", "2-5", "4-5", "6-8", "7-8"), OutlineService.foldingRanges(YamlParser.parse(TEXT).documents()).stream()
        .map(f -> f.getStartLine() + "-" + f.getEndLine()).toList());
  }
}
