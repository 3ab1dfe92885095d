package dev.buildbotls.lsp;

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
  void aLayerThatIsNoRegularFileInsideTheWorkspaceIsNotReadAndSaysWhereItIsNamed(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("workspace"));
    Files.writeString(dir.resolve("helmfile.yaml"), "releases:\n  - name: ci\n    chart: ./chart\n    values:\n      - zero.yaml\n"
        + "      - fifo.yaml\n      - stdin.yaml\n      - outside.yaml\n      - big.yaml\n      - prod.yaml\n");
    Files.createSymbolicLink(dir.resolve("zero.yaml"), Path.of("/dev/zero")); // would fill the heap
    assertEquals(0, new ProcessBuilder("mkfifo", dir.resolve("fifo.yaml").toString()).start().waitFor()); // would hang the analysis
    Files.createSymbolicLink(dir.resolve("stdin.yaml"), Path.of("/proc/self/fd/0")); // the server's own protocol input
    Files.createSymbolicLink(dir.resolve("outside.yaml"), Files.writeString(tmp.resolve("secret.yaml"), SQLITE));
    Files.writeString(dir.resolve("big.yaml"), "# " + "x".repeat(2 * 1024 * 1024) + "\n");
    Path prod = Files.writeString(dir.resolve("prod.yaml"), THREE_MASTERS);
    try (LspSession lsp = new LspSession()) {
      lsp.open(uri(prod), THREE_MASTERS, 1);
      PublishDiagnosticsParams p = lsp.awaitDiagnostics(uri(prod), d -> d.getVersion() == 1);
      assertEquals(List.of("stack-layer 0:0-0:0", "stack-layer 0:0-0:0", "stack-layer 0:0-0:0", "stack-layer 0:0-0:0", "stack-layer 0:0-0:0"),
          Diagnose.describe(p.getDiagnostics()), Diagnose.messages(p.getDiagnostics()).toString());
      List<String> why = p.getDiagnostics().stream().map(d -> d.getMessage().replaceAll(".*is not read: ", "")
          + " @" + d.getRelatedInformation().get(0).getLocation().getRange().getStart().getLine()).toList();
      assertEquals(List.of(
          "it lies outside the workspace (it links to /dev/zero); the analysis goes on without it @4",
          "it is no regular file (a directory, a device, a FIFO or a socket); the analysis goes on without it @5",
          "it is no regular file (a link to a pipe, a socket or a deleted file); the analysis goes on without it @6", // the server's stdin
          "it lies outside the workspace (it links to " + tmp.resolve("secret.yaml").toRealPath() + "); the analysis goes on without it @7",
          "it is larger than 1024 KiB (2048 KiB); the analysis goes on without it @8"), why);
      lsp.open(uri(dir.resolve("other.yaml")), "master:\n  replicas: x\n", 1); // and the server goes on serving
      assertEquals(List.of("schema/type 1:12-1:13"), published(lsp, dir.resolve("other.yaml"), 1));
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
    // Other YAML beside it, read only when it names argoproj.io/ and Application: a large values file, an Application of another kind.
    Files.writeString(dir.resolve("a-farm.yaml"), "workers:\n  w-0: {}\n  w-1: {}\n");
    Files.writeString(dir.resolve("an-app.yaml"), "apiVersion: app.k8s.io/v1beta1\nkind: Application\nspec:\n  source:\n    helm:\n"
        + "      valueFiles: [prod.yaml, other.yaml]\n");
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
