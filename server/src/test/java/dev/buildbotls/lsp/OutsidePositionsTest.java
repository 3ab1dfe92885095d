package dev.buildbotls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.buildbotls.testing.LspSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.junit.jupiter.api.Test;

/** A client's position before, past or between the lines is clamped by every request, never an error. */
class OutsidePositionsTest {
  private static final String URI = "file:///outside/values.yaml";

  @Test
  void everyPositionRequestAnswersAPositionOutsideTheDocument() throws Exception {
    try (LspSession lsp = new LspSession()) {
      lsp.open(URI, "workers:\n  docs: {}\nbuilders:\n  b: {repository: r, command: [make], workers: [docs]}\n", 1);
      TextDocumentService docs = lsp.server.getTextDocumentService();
      TextDocumentIdentifier id = new TextDocumentIdentifier(URI);
      List<String> failures = new ArrayList<>();
      for (Position p : List.of(new Position(-1, -5), new Position(0, -1), new Position(-3, 2), new Position(99, 3), new Position(1, 999),
          new Position(Integer.MAX_VALUE, Integer.MAX_VALUE), new Position(Integer.MIN_VALUE, 0))) {
        Range r = new Range(p, p);
        check(failures, p + " hover", docs.hover(new HoverParams(id, p)));
        check(failures, p + " definition", docs.definition(new DefinitionParams(id, p)));
        check(failures, p + " references", docs.references(new ReferenceParams(id, p, new ReferenceContext(true))));
        check(failures, p + " prepareRename", docs.prepareRename(new PrepareRenameParams(id, p)));
        check(failures, p + " rename", docs.rename(new RenameParams(id, p, "other")));
        check(failures, p + " codeAction", docs.codeAction(new CodeActionParams(id, r, new CodeActionContext(List.of()))));
      }
      assertEquals(List.of(), failures);
    }
  }

  private static void check(List<String> failures, String what, CompletableFuture<?> answer) throws Exception {
    try {
      answer.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      // A rename where nothing can be renamed is refused as LSP says, with one line (no worker there)
      if (!(what.endsWith(" rename") && e.getCause() instanceof org.eclipse.lsp4j.jsonrpc.ResponseErrorException r
          && r.getMessage().equals("no worker defined in this file under the cursor"))) {
        failures.add(what + ": " + e.getCause());
      }
    }
  }
}
