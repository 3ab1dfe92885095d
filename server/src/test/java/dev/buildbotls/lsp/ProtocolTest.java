package dev.buildbotls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.buildbotls.testing.Diagnose;
import dev.buildbotls.testing.LspSession;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.junit.jupiter.api.Test;

/** The server through the real protocol: open, edit incrementally, receive versioned diagnostics. */
class ProtocolTest {
  private static final String URI = "file:///farm/values-prod.yaml";

  @Test
  void openEditAndReceiveVersionedDiagnostics() throws Exception {
    try (LspSession lsp = new LspSession()) {
      assertEquals(TextDocumentSyncKind.Incremental, lsp.initialized.getCapabilities().getTextDocumentSync().getLeft());
      lsp.open(URI, "master:\n  replcas: 3\nmq:\n  type: simple\n", 1);
      PublishDiagnosticsParams first = lsp.awaitDiagnostics(URI, p -> p.getVersion() == 1);
      assertEquals(List.of("schema/additionalProperties 1:2-1:9", "multimaster-mq 3:8-3:14"), Diagnose.describe(first.getDiagnostics()));

      // Fix the typo: replace "replcas" with "replicas" (an incremental change).
      lsp.replace(URI, 2, new Range(new Position(1, 2), new Position(1, 9)), "replicas");
      PublishDiagnosticsParams second = lsp.awaitDiagnostics(URI, p -> p.getVersion() == 2);
      assertEquals(List.of("multimaster-mq 3:8-3:14"), Diagnose.describe(second.getDiagnostics()));

      // One master: simple is fine now, and nothing is left.
      lsp.replace(URI, 3, new Range(new Position(1, 12), new Position(1, 13)), "1");
      assertEquals(List.of(), lsp.awaitDiagnostics(URI, p -> p.getVersion() == 3).getDiagnostics());
    }
  }

  @Test
  void otherYamlFilesAreLeftAlone() throws Exception {
    try (LspSession lsp = new LspSession()) {
      String uri = "file:///k8s/deployment.yaml";
      lsp.open(uri, "apiVersion: apps/v1\nkind: Deployment\n", 1);
      assertEquals(List.of(), lsp.awaitDiagnostics(uri, p -> p.getVersion() == 1).getDiagnostics());
      String named = "file:///k8s/my-release.yaml";
      lsp.open(named, "workers:\n  Bad: {}\n", 1);
      assertEquals(List.of("inherited-default 0:0-0:7", "schema/pattern 1:2-1:5"), Diagnose.describe(lsp.awaitDiagnostics(named, p -> p.getVersion() == 1).getDiagnostics()));
    }
  }

  @Test
  void aBurstOfEditsPublishesTheLastVersionsDiagnostics() throws Exception {
    try (LspSession lsp = new LspSession()) {
      lsp.open(URI, "master:\n  replicas: 1\n", 1);
      lsp.awaitDiagnostics(URI, p -> p.getVersion() == 1);
      for (int v = 2; v <= 40; v++) {
        lsp.replace(URI, v, new Range(new Position(1, 12), new Position(1, 13)), v % 2 == 0 ? "x" : "1");
      }
      PublishDiagnosticsParams last = lsp.awaitDiagnostics(URI, p -> p.getVersion() == 40);
      assertEquals(List.of("schema/type 1:12-1:13"), Diagnose.describe(last.getDiagnostics()));
    }
  }

  @Test
  void aSmallDocumentsDiagnosticsDoNotWaitForALargeOnesAnalysis() throws Exception {
    try (LspSession lsp = new LspSession()) {
      String large = "file:///farm/values-large.yaml";
      String small = "file:///farm/values-small.yaml";
      lsp.open(large, dev.buildbotls.testing.Farms.values(11_000, 1_000), 1);
      lsp.open(small, "master:\n  replcas: 3\n", 1);
      PublishDiagnosticsParams first = lsp.diagnostics.poll(60, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(small, first.getUri(), "the small document's diagnostics come first");
      assertEquals(List.of("schema/additionalProperties 1:2-1:9"), Diagnose.describe(first.getDiagnostics()));
      lsp.awaitDiagnostics(large, p -> p.getVersion() == 1);
    }
  }
}
