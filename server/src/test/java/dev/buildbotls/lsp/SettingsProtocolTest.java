package dev.buildbotls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.buildbotls.testing.LspSession;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.junit.jupiter.api.Test;

/** Settings from initializationOptions, workspace/configuration and didChangeConfiguration, honoured without a restart. */
class SettingsProtocolTest {
  private static final String URI = "file:///farm/values.yaml";
  private static final String TEXT = "database:\n  password: hunter2\nmq:\n  type: simple\n";

  private static List<String> described(PublishDiagnosticsParams p) {
    return p.getDiagnostics().stream().map(d -> d.getCode().getLeft() + " " + d.getSeverity()).toList();
  }

  private static ClientCapabilities configurationClient() {
    WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
    workspace.setConfiguration(true);
    ClientCapabilities capabilities = new ClientCapabilities();
    capabilities.setWorkspace(workspace);
    return capabilities;
  }

  @Test
  void initializationOptionsSetSeverities() throws Exception {
    Map<String, Object> options = Map.of("severity", Map.of("plaintext-password", "off", "multimaster-mq", "warning"));
    try (LspSession lsp = new LspSession(new ClientCapabilities(), options)) {
      lsp.open(URI, TEXT, 1);
      assertEquals(List.of("multimaster-mq Warning"), described(lsp.awaitDiagnostics(URI, p -> p.getVersion() == 1)));
    }
  }

  @Test
  void workspaceConfigurationAndItsChangesApplyWithoutARestart() throws Exception {
    try (LspSession lsp = new LspSession(configurationClient(), null)) {
      lsp.configuration = Map.of("severity", Map.of("multimaster-mq", "hint"));
      lsp.server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(Map.of()));
      lsp.open(URI, TEXT, 1);
      lsp.awaitDiagnostics(URI, p -> described(p).equals(List.of("plaintext-password Information", "multimaster-mq Hint")));

      // Settings pushed with the notification are used as they are.
      lsp.server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
          Map.of("buildbot", Map.of("severity", Map.of("plaintext-password", "error", "multimaster-mq", "off")))));
      lsp.awaitDiagnostics(URI, p -> described(p).equals(List.of("plaintext-password Error")));
    }
  }

  @Test
  void extraValuesFilesAreChecked() throws Exception {
    try (LspSession lsp = new LspSession(new ClientCapabilities(), Map.of("valuesFiles", List.of("**/deploy/*.yaml")))) {
      String other = "file:///farm/deploy/prod.yaml";
      lsp.open(other, "replicas: 3\n", 1);
      assertEquals(List.of("schema/additionalProperties Error"), described(lsp.awaitDiagnostics(other, p -> p.getVersion() == 1)));
      String unrelated = "file:///farm/k8s/prod.yaml";
      lsp.open(unrelated, "replicas: 3\n", 1);
      assertEquals(List.of(), described(lsp.awaitDiagnostics(unrelated, p -> p.getVersion() == 1)));
    }
  }
}
