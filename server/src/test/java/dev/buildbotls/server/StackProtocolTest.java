package dev.buildbotls.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Diagnose;
import dev.buildbotls.testing.LspSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The editor checks a values file in the stack it is deployed in: a Helmfile, an Argo CD Application or the setting names it. */
class StackProtocolTest {
  private static final String SQLITE = "database:\n  type: sqlite\n";
  private static final String THREE_MASTERS = "master:\n  replicas: 3\n";

  private static String uri(Path file) {
    return file.toUri().toString();
  }

  private static List<String> published(LspSession lsp, Path file, int version) throws Exception {
    PublishDiagnosticsParams p = lsp.awaitDiagnostics(uri(file), d -> d.getVersion() == version);
    return Diagnose.describe(p.getDiagnostics());
  }

  @Test
  void aHelmfileBesideTheFileNamesItsStackAndAnOpenLayersUnsavedTextCounts(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("helmfile.yaml"), "releases:\n  - name: ci\n    chart: ./chart\n    values:\n      - base.yaml\n      - prod.yaml\n");
    Path base = Files.writeString(dir.resolve("base.yaml"), SQLITE);
    Path prod = Files.writeString(dir.resolve("prod.yaml"), THREE_MASTERS);
    try (LspSession lsp = new LspSession()) {
      lsp.open(uri(prod), THREE_MASTERS, 1);
      assertEquals(List.of("multimaster-database 1:12-1:13"), published(lsp, prod, 1));
      lsp.open(uri(base), "database:\n  type: postgresql\n", 1); // unsaved: the editor's text is the layer
      lsp.awaitLatest(uri(prod), d -> d.getDiagnostics().isEmpty());
      assertEquals(List.of(), Diagnose.describe(lsp.awaitLatest(uri(base), d -> d.getVersion() == 1).getDiagnostics()));
    }
  }

  @Test
  void anArgoCdApplicationBesideTheFileNamesItsStack(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("application.yaml"), """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: ci}
        spec:
          source:
            repoURL: https://git.example.org/deploy.git
            path: .
            helm:
              valueFiles: [base.yaml, prod.yaml]
        """);
    Files.writeString(dir.resolve("base.yaml"), SQLITE);
    Path prod = Files.writeString(dir.resolve("prod.yaml"), THREE_MASTERS);
    try (LspSession lsp = new LspSession()) {
      lsp.open(uri(prod), THREE_MASTERS, 1);
      assertEquals(List.of("multimaster-database 1:12-1:13"), published(lsp, prod, 1));
    }
  }

  @Test
  void theSettingNamesStacksRelativeToTheWorkspaceAndTheRenderTakesTheStack(@TempDir Path dir) throws Exception {
    Path env = Files.createDirectories(dir.resolve("env"));
    Files.writeString(env.resolve("base.yaml"), "workers:\n  from-base: {}\n");
    Path prod = Files.writeString(env.resolve("prod.yaml"), "master:\n  replicas: 1\n");
    Map<String, Object> settings = Map.of("valuesStacks", List.of(List.of("env/base.yaml", "env/prod.yaml")));
    try (LspSession lsp = new LspSession(new ClientCapabilities(), settings, uri(dir))) {
      lsp.open(uri(prod), "master:\n  replicas: 1\n", 1);
      assertEquals(List.of(), published(lsp, prod, 1));
      Map<?, ?> rendered = (Map<?, ?>) lsp.render(uri(prod));
      assertTrue(((String) rendered.get("manifests")).contains("buildbot-worker-from-base"), "the base layer's worker is rendered");
    }
    try (LspSession alone = new LspSession()) { // no setting: prod.yaml alone deploys no from-base worker
      alone.open(uri(prod), "master:\n  replicas: 1\n", 1);
      Map<?, ?> rendered = (Map<?, ?>) alone.render(uri(prod));
      assertTrue(!((String) rendered.get("manifests")).contains("buildbot-worker-from-base"));
    }
  }
}
