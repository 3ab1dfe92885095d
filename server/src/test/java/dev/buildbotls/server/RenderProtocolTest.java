package dev.buildbotls.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Diagnose;
import dev.buildbotls.testing.LspSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ApplyWorkspaceEditParams;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CreateFile;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ResourceOperationKind;
import org.eclipse.lsp4j.ShowDocumentCapabilities;
import org.eclipse.lsp4j.ShowDocumentParams;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceEditCapabilities;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

/** The render command through the protocol: manifests of the unsaved text, a new document, Helm's errors. */
class RenderProtocolTest {
  private static final String URI = "file:///farm/values-prod.yaml";

  static ClientCapabilities fullClient() {
    WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
    workspace.setApplyEdit(true);
    WorkspaceEditCapabilities edits = new WorkspaceEditCapabilities();
    edits.setResourceOperations(List.of(ResourceOperationKind.Create));
    workspace.setWorkspaceEdit(edits);
    WindowClientCapabilities window = new WindowClientCapabilities();
    window.setShowDocument(new ShowDocumentCapabilities(true));
    window.setWorkDoneProgress(true);
    ClientCapabilities capabilities = new ClientCapabilities();
    capabilities.setWorkspace(workspace);
    capabilities.setWindow(window);
    return capabilities;
  }

  private static Object render(LspSession lsp) throws Exception {
    return render(lsp, URI);
  }

  private static Object render(LspSession lsp, String uri) throws Exception {
    return lsp.server.getWorkspaceService()
        .executeCommand(new ExecuteCommandParams("buildbot.renderChart", List.of(uri))).get(60, TimeUnit.SECONDS);
  }

  @Test
  void aFileUriThatNamesNoFileRendersAsUntitled() throws Exception {
    try (LspSession lsp = new LspSession()) {
      lsp.open("file:///", "workers:\n  one: {}\n", 1);
      Map<?, ?> result = (Map<?, ?>) render(lsp, "file:///");
      assertTrue(((String) result.get("manifests")).contains("buildbot-worker-one"));
      assertTrue(((String) result.get("uri")).endsWith("/untitled.rendered.yaml"), (String) result.get("uri"));
    }
  }

  @Test
  void rendersTheUnsavedTextIntoANewDocument() throws Exception {
    try (LspSession lsp = new LspSession(fullClient())) {
      lsp.open(URI, "master:\n  replicas: 2\n", 1);
      lsp.replace(URI, 2, new Range(new Position(1, 12), new Position(1, 13)), "5"); // unsaved edit
      Map<?, ?> result = (Map<?, ?>) render(lsp);
      String manifests = (String) result.get("manifests");
      assertTrue(manifests.contains("name: buildbot-master\n"), manifests.substring(0, 300));
      assertTrue(manifests.contains("replicas: 5"), "the unsaved edit is rendered");
      String target = (String) result.get("uri");
      assertTrue(target.endsWith("/buildbot-ls/rendered/values-prod.rendered.yaml"), target);

      List<Object> calls = new ArrayList<>();
      lsp.clientCalls.drainTo(calls);
      ApplyWorkspaceEditParams edit = (ApplyWorkspaceEditParams) calls.stream().filter(ApplyWorkspaceEditParams.class::isInstance).findFirst().orElseThrow();
      assertInstanceOf(CreateFile.class, edit.getEdit().getDocumentChanges().get(0).getRight());
      assertEquals(manifests, edit.getEdit().getDocumentChanges().get(1).getLeft().getEdits().get(0).getNewText());
      ShowDocumentParams shown = (ShowDocumentParams) calls.stream().filter(ShowDocumentParams.class::isInstance).findFirst().orElseThrow();
      assertEquals(target, shown.getUri());
      assertEquals(2, calls.stream().filter(ProgressParams.class::isInstance).count(), "progress begin and end");
    }
  }

  @Test
  void aClientWithoutEditsOrShowDocumentIsToldWhereTheFileIs() throws Exception {
    try (LspSession lsp = new LspSession()) {
      lsp.open(URI, "workers:\n  one: {}\n", 1);
      Map<?, ?> result = (Map<?, ?>) render(lsp);
      assertTrue(((String) result.get("manifests")).contains("buildbot-worker-one"));
      MessageParams message = lsp.messages.poll(10, TimeUnit.SECONDS);
      assertEquals(MessageType.Info, message.getType());
      assertTrue(message.getMessage().startsWith("Rendered manifests: "), message.getMessage());
      assertTrue(java.nio.file.Files.readString(java.nio.file.Path.of(java.net.URI.create((String) result.get("uri"))))
          .contains("buildbot-worker-one"));
    }
  }

  @Test
  void valuesHelmRejectsGiveHelmsMessageAndADiagnosticAtTheValue() throws Exception {
    try (LspSession lsp = new LspSession()) {
      lsp.open(URI, "master:\n  replicas: two\ndatabase:\n  password: hunter2\n", 1);
      lsp.awaitDiagnostics(URI, p -> p.getVersion() == 1);
      ExecutionException e = assertThrows(ExecutionException.class, () -> render(lsp));
      ResponseErrorException error = assertInstanceOf(ResponseErrorException.class, e.getCause());
      assertTrue(error.getMessage().startsWith("Helm could not render the chart: values don't meet the specifications"), error.getMessage());
      MessageParams shown = lsp.messages.poll(10, TimeUnit.SECONDS);
      assertEquals(MessageType.Error, shown.getType());
      assertFalse(shown.getMessage().contains("hunter2"));
      var published = lsp.awaitDiagnostics(URI, p -> p.getDiagnostics().stream().anyMatch(d -> d.getCode().getLeft().equals("helm-render")));
      assertTrue(Diagnose.describe(published.getDiagnostics()).contains("helm-render 1:12-1:15"), Diagnose.describe(published.getDiagnostics()).toString());
    }
  }
}
