package dev.buildbotls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.render.Preview;
import dev.buildbotls.testing.Diagnose;
import dev.buildbotls.testing.LspSession;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ApplyWorkspaceEditParams;
import org.eclipse.lsp4j.ClientCapabilities;
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
  private static final String VALUES = "file:///farm/values-prod.yaml";

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
    return render(lsp, VALUES);
  }

  private static Object render(LspSession lsp, String uri) throws Exception {
    return lsp.render(uri);
  }

  @Test
  void aFileUriThatNamesNoFileRendersAsUntitled() throws Exception {
    try (LspSession lsp = new LspSession()) {
      lsp.open("file:///", "workers:\n  one: {}\n", 1);
      Map<?, ?> result = (Map<?, ?>) render(lsp, "file:///");
      assertTrue(((String) result.get("manifests")).contains("buildbot-worker-one"));
      assertEquals(Preview.fileFor(null).toUri().toString(), result.get("uri"));
      assertTrue(((String) result.get("uri")).matches(".*/rendered/manifests-untitled-[0-9a-f]{8}\\.manifests\\.yaml"), (String) result.get("uri"));
    }
  }

  @Test
  void rendersTheUnsavedTextIntoANewDocument() throws Exception {
    try (LspSession lsp = new LspSession(fullClient())) {
      lsp.open(VALUES, "master:\n  replicas: 2\n", 1);
      lsp.replace(VALUES, 2, new Range(new Position(1, 12), new Position(1, 13)), "5"); // unsaved edit
      Map<?, ?> result = (Map<?, ?>) render(lsp);
      String manifests = (String) result.get("manifests");
      assertTrue(manifests.contains("name: buildbot-master\n"), manifests.substring(0, 300));
      assertTrue(manifests.contains("replicas: 5"), "the unsaved edit is rendered");
      String target = (String) result.get("uri");
      assertTrue(target.matches(".*/rendered/manifests-values-prod-[0-9a-f]{8}\\.manifests\\.yaml"), target);
      assertEquals(manifests, Files.readString(Path.of(URI.create(target))), "the file holds the manifests, whatever the client");

      List<Object> calls = new ArrayList<>();
      lsp.clientCalls.drainTo(calls);
      assertEquals(List.of(), calls.stream().filter(ApplyWorkspaceEditParams.class::isInstance).toList(), "no half-applied edit: the file is written");
      ShowDocumentParams shown = (ShowDocumentParams) calls.stream().filter(ShowDocumentParams.class::isInstance).findFirst().orElseThrow();
      assertEquals(target, shown.getUri());
      assertEquals(2, calls.stream().filter(ProgressParams.class::isInstance).count(), "progress begin and end");
    }
  }

  @Test
  void aClientWithoutEditsOrShowDocumentIsToldWhereTheFileIs() throws Exception {
    try (LspSession lsp = new LspSession()) {
      lsp.open(VALUES, "workers:\n  one: {}\n", 1);
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
      lsp.open(VALUES, "master:\n  replicas: two\ndatabase:\n  password: hunter2\n", 1);
      lsp.awaitDiagnostics(VALUES, p -> p.getVersion() == 1);
      ExecutionException e = assertThrows(ExecutionException.class, () -> render(lsp));
      ResponseErrorException error = assertInstanceOf(ResponseErrorException.class, e.getCause());
      assertTrue(error.getMessage().startsWith("Helm could not render the chart: values don't meet the specifications"), error.getMessage());
      MessageParams shown = lsp.messages.poll(10, TimeUnit.SECONDS);
      assertEquals(MessageType.Error, shown.getType());
      assertFalse(shown.getMessage().contains("hunter2"));
      // Helm's complaint is the analysis' own schema error: published once, not twice
      var published = lsp.awaitDiagnostics(VALUES, p -> true);
      assertEquals(List.of("schema/type 1:12-1:15", "plaintext-password 3:12-3:19"), Diagnose.describe(published.getDiagnostics()));
    }
  }

  @Test
  void windowMessagesArePlainTextAsClientsShowThem() {
    assertEquals("Helm could not render the chart: error calling lookup (a preview never contacts a cluster, so 'lookup' finds nothing)",
        RenderHandler.plain("Helm could not render the chart: error calling lookup (a preview never contacts a cluster, so `lookup` finds nothing)"));
  }

  @Test
  void secretValuesAreMaskedInThePreviewUnlessTheUserAsks() throws Exception {
    String values = "workers:\n  one: {password: Pl4nted-Preview-Secret}\n";
    try (LspSession lsp = new LspSession()) {
      lsp.open(VALUES, values, 1);
      String manifests = (String) ((Map<?, ?>) render(lsp)).get("manifests");
      String file = Files.readString(Preview.fileFor(Path.of("/farm/values-prod.yaml")));
      assertEquals(manifests, file);
      assertFalse(manifests.contains(java.util.Base64.getEncoder().encodeToString("Pl4nted-Preview-Secret".getBytes())), "the password, base64-encoded");
      assertTrue(manifests.contains("  one: '<masked: buildbot.showSecretsInPreview shows it>'"), manifests);
    }
    try (LspSession lsp = new LspSession(new ClientCapabilities(), Map.of("showSecretsInPreview", true))) {
      lsp.open(VALUES, values, 1);
      String manifests = (String) ((Map<?, ?>) render(lsp)).get("manifests");
      assertTrue(manifests.contains("  one: " + java.util.Base64.getEncoder().encodeToString("Pl4nted-Preview-Secret".getBytes())), manifests);
    }
  }

  @Test
  void aLinkPlantedOnThePreviewPathIsReplacedNeverFollowed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
    Path target = Preview.fileFor(Path.of("/farm/values-prod.yaml"));
    Files.createDirectories(target.getParent());
    Files.deleteIfExists(target);
    Files.createSymbolicLink(target, victim);
    try (LspSession lsp = new LspSession()) {
      lsp.open(VALUES, "workers:\n  one: {}\n", 1);
      render(lsp);
    }
    assertEquals("precious\n", Files.readString(victim));
    assertFalse(Files.isSymbolicLink(target));
    assertTrue(Files.readString(target).contains("buildbot-worker-one"));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.getParent())));
  }

  @Test
  void twoWorkspacesValuesFilesGetTwoPreviewsAndNeitherIsAnalysed() throws Exception {
    Path first = Preview.fileFor(Path.of("/a/values.yaml"));
    Path second = Preview.fileFor(Path.of("/b/values.yaml"));
    assertFalse(first.equals(second), first.toString());
    assertFalse(dev.buildbotls.values.ValuesFiles.isValuesName(first.toString()), first.toString());
    // Even a setting that takes every YAML file for values leaves the server's own output alone.
    try (LspSession lsp = new LspSession(new ClientCapabilities(), Map.of("valuesFiles", List.of("**/*.yaml")))) {
      lsp.open("file:///a/values.yaml", "workers:\n  one: {}\n", 1);
      String manifests = (String) ((Map<?, ?>) render(lsp, "file:///a/values.yaml")).get("manifests");
      String preview = first.toUri().toString();
      lsp.open(preview, manifests, 1);
      assertEquals(List.of(), lsp.awaitDiagnostics(preview, p -> p.getVersion() == 1).getDiagnostics());
    }
  }

  @Test
  void anUntrustedWorkspaceRendersOnlyTheBundledChart() throws Exception {
    String failing = dev.buildbotls.testing.Repo.root().resolve("server/src/test/resources/charts/failing").toString();
    try (LspSession lsp = new LspSession(new ClientCapabilities(), Map.of("chartDirectory", failing, "trustedWorkspace", false))) {
      lsp.open(VALUES, "workers:\n  one: {}\n", 1);
      assertTrue(((String) ((Map<?, ?>) render(lsp)).get("manifests")).contains("buildbot-worker-one"), "the bundled chart, not the workspace's");
    }
    try (LspSession lsp = new LspSession(new ClientCapabilities(), Map.of("chartDirectory", failing, "trustedWorkspace", true))) {
      lsp.open(VALUES, "workers:\n  one: {}\n", 1);
      assertInstanceOf(ResponseErrorException.class, assertThrows(ExecutionException.class, () -> render(lsp)).getCause());
    }
  }

  @Test
  void brokenYamlIsReportedInTheUsersFileAndLineNeverATemporaryPath() throws Exception {
    try (LspSession lsp = new LspSession()) {
      lsp.open(VALUES, "master:\n  replicas: 2\n  bad: [\n", 1);
      ResponseErrorException error = assertInstanceOf(ResponseErrorException.class, assertThrows(ExecutionException.class, () -> render(lsp)).getCause());
      assertEquals("Helm could not render the chart: failed to parse /farm/values-prod.yaml: error converting YAML to JSON: yaml: line 3: did not find expected node content",
          error.getMessage());
      var published = lsp.awaitDiagnostics(VALUES, p -> p.getDiagnostics().stream().anyMatch(d -> d.getCode().getLeft().equals("helm-render")));
      assertTrue(Diagnose.describe(published.getDiagnostics()).contains("helm-render 2:0-2:8"), Diagnose.describe(published.getDiagnostics()).toString());
    }
  }
}
