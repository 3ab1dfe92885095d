package dev.buildbotls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.schema.ValuesSchema;
import dev.buildbotls.testing.LspSession;
import dev.buildbotls.testing.Marked;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionCapabilities;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionListCapabilities;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

/** Completion, hover and rename through the real protocol. */
class FeaturesProtocolTest {
  private static final String URI = "file:///farm/values.yaml";
  private static final String TEXT = "master:\n  \nworkers:\n  big: {replicas: 2}\nbuilders:\n  b:\n    workers: [big, ]\n";

  private static List<String> complete(LspSession lsp, int line, int character) throws Exception {
    return lsp.server.getTextDocumentService()
        .completion(new CompletionParams(new TextDocumentIdentifier(URI), new Position(line, character)))
        .get(10, TimeUnit.SECONDS).getRight().getItems().stream().map(CompletionItem::getLabel).toList();
  }

  @Test
  void completionHoverAndRename() throws Exception {
    try (LspSession lsp = new LspSession()) {
      assertEquals(List.of(":", " ", "-"), lsp.initialized.getCapabilities().getCompletionProvider().getTriggerCharacters());
      lsp.open(URI, TEXT, 1);
      lsp.awaitDiagnostics(URI, p -> p.getVersion() == 1);
      assertEquals(ValuesSchema.propertyNames(ValuesSchema.get().at(List.of("master")).orElseThrow()), complete(lsp, 1, 2));
      // A builder's workers: every worker and pool member not listed yet ("big" covers its members).
      assertEquals(List.of("linux-amd64", "linux-amd64-0", "linux-amd64-1", "debian-arm64", "docs"), complete(lsp, 6, 19));

      var hover = lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(URI), new Position(0, 2)))
          .get(10, TimeUnit.SECONDS);
      assertTrue(hover.getContents().getRight().getValue().startsWith("**master**: object"), hover.getContents().getRight().getValue());

      var edit = lsp.server.getTextDocumentService().rename(new RenameParams(new TextDocumentIdentifier(URI), new Position(3, 3), "huge"))
          .get(10, TimeUnit.SECONDS);
      List<TextEdit> edits = edit.getChanges().get(URI);
      assertEquals(List.of("3:2-3:5 huge", "6:14-6:17 huge"), edits.stream().map(e -> Marked.format(e.getRange()) + " " + e.getNewText()).toList());
    }
  }

  @Test
  void requestsBeforeAndAfterTheAnalysisOfAVersionGetTheSameAnswer() throws Exception {
    try (LspSession lsp = new LspSession()) {
      lsp.open(URI, TEXT, 1);
      lsp.awaitDiagnostics(URI, p -> p.getVersion() == 1);
      lsp.replace(URI, 2, new Range(new Position(1, 2), new Position(1, 2)), "title: farm");
      // Version 2 waits out the debounce: this hover is answered off the protocol thread, after its analysis.
      List<String> pending = complete(lsp, 6, 19);
      String hoverPending = hover(lsp, 1, 3);
      lsp.awaitDiagnostics(URI, p -> p.getVersion() == 2);
      assertEquals(pending, complete(lsp, 6, 19));
      assertEquals(hoverPending, hover(lsp, 1, 3));
      assertTrue(hoverPending.startsWith("**master.title**"), hoverPending);
    }
  }

  private static String hover(LspSession lsp, int line, int character) throws Exception {
    return lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(URI), new Position(line, character)))
        .get(10, TimeUnit.SECONDS).getContents().getRight().getValue();
  }

  @Test
  void aClientTakingItemDefaultsGetsTheSharedRangeOnce() throws Exception {
    ClientCapabilities capabilities = new ClientCapabilities();
    CompletionCapabilities completion = new CompletionCapabilities();
    CompletionListCapabilities list = new CompletionListCapabilities();
    list.setItemDefaults(List.of("commitCharacters", "editRange"));
    completion.setCompletionList(list);
    capabilities.setTextDocument(new TextDocumentClientCapabilities());
    capabilities.getTextDocument().setCompletion(completion);
    try (LspSession compact = new LspSession(capabilities); LspSession plain = new LspSession()) {
      for (LspSession lsp : List.of(compact, plain)) {
        lsp.open(URI, TEXT, 1);
        lsp.awaitDiagnostics(URI, p -> p.getVersion() == 1);
      }
      CompletionList shared = completionList(compact, 6, 19);
      assertEquals("6:19-6:19", Marked.format(shared.getItemDefaults().getEditRange().getLeft()));
      assertTrue(shared.getItems().stream().allMatch(i -> i.getTextEdit() == null && i.getTextEditText() == null));
      CompletionList each = completionList(plain, 6, 19);
      assertEquals(null, each.getItemDefaults());
      assertEquals("6:19-6:19 docs", each.getItems().stream().filter(i -> i.getLabel().equals("docs"))
          .map(i -> Marked.format(i.getTextEdit().getLeft().getRange()) + " " + i.getTextEdit().getLeft().getNewText()).findFirst().orElseThrow());
    }
  }

  private static CompletionList completionList(LspSession lsp, int line, int character) throws Exception {
    return lsp.server.getTextDocumentService()
        .completion(new CompletionParams(new TextDocumentIdentifier(URI), new Position(line, character))).get(10, TimeUnit.SECONDS).getRight();
  }
}
