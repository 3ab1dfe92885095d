package dev.buildbotls.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.LspSession;
import dev.buildbotls.testing.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A render that fails gives a clear message, never a password, and the server lives on. */
class RenderFailureTest {
  private static final String URI = "file:///farm/values.yaml";
  private static final String PASSWORD = "Pl4nted-Render-Secret";

  private static String failedRender(LspSession lsp) throws Exception {
    ExecutionException e = assertThrows(ExecutionException.class, () -> lsp.server.getWorkspaceService()
        .executeCommand(new ExecuteCommandParams("buildbot.renderChart", List.of(URI))).get(60, TimeUnit.SECONDS));
    String message = assertInstanceOf(ResponseErrorException.class, e.getCause()).getMessage();
    MessageParams shown = lsp.messages.poll(10, TimeUnit.SECONDS);
    assertEquals(MessageType.Error, shown.getType());
    assertEquals(message, shown.getMessage());
    // The server still answers.
    assertTrue(lsp.server.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(URI), new Position(0, 0)))
        .get(10, TimeUnit.SECONDS).getRight().getItems().size() > 3);
    return message;
  }

  private static LspSession withChart(Path chart) throws Exception {
    LspSession lsp = new LspSession(new ClientCapabilities(), Map.of("chartDirectory", chart.toString()));
    lsp.open(URI, "database:\n  password: " + PASSWORD + "\n", 1);
    return lsp;
  }

  @Test
  void aBrokenChart() throws Exception {
    try (LspSession lsp = withChart(Repo.root().resolve("server/src/test/resources/charts/broken"))) {
      assertTrue(failedRender(lsp).startsWith("Helm could not render the chart: "), "a clear message");
    }
  }

  @Test
  void aTemplateThatFailsAndEchoesTheValue() throws Exception {
    try (LspSession lsp = withChart(Repo.root().resolve("server/src/test/resources/charts/failing"))) {
      String message = failedRender(lsp);
      assertTrue(message.contains("cannot connect with password ***"), message);
      assertFalse(message.contains(PASSWORD));
    }
  }

  @Test
  void anUnwritableTarget(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    String previous = System.getProperty("buildbotls.renderDir");
    System.setProperty("buildbotls.renderDir", file.resolve("rendered").toString());
    try (LspSession lsp = new LspSession()) {
      lsp.open(URI, "master: {replicas: 1}\n", 1);
      String message = failedRender(lsp);
      assertTrue(message.startsWith("cannot write the rendered manifests to " + file.resolve("rendered")), message);
    } finally {
      if (previous == null) {
        System.clearProperty("buildbotls.renderDir");
      } else {
        System.setProperty("buildbotls.renderDir", previous);
      }
    }
  }

  @Test
  void aRunawayTemplateCostsItsWorkerNotTheServer() throws Exception {
    try (LspSession lsp = withChart(Repo.root().resolve("server/src/test/resources/charts/runaway"))) {
      assertTrue(failedRender(lsp).startsWith("Helm could not render the chart: Helm stopped without an answer (out of its 3 GiB of memory"));
    }
    // The next render gets a new worker.
    assertTrue(dev.buildbotls.render.ChartRenderer.render(null, "next", List.of("")).contains("kind: StatefulSet"));
  }

  @Test
  void aSymbolicLinkInAChartIsRefused(@TempDir Path dir) throws Exception {
    Path chart = Files.createDirectories(dir.resolve("chart/templates"));
    Files.copy(Repo.root().resolve("server/src/test/resources/charts/runaway/Chart.yaml"), chart.resolveSibling("Chart.yaml"));
    Files.createSymbolicLink(chart.resolve("passwd.yaml"), Path.of("/etc/passwd"));
    try (LspSession lsp = withChart(chart.getParent())) {
      assertEquals("Helm could not render the chart: " + chart.getParent() + ": templates/passwd.yaml is a symbolic link: a chart is rendered only from its own files",
          failedRender(lsp));
    }
  }

  @Test
  void aDirectoryThatIsNoChartIsNeverRead() throws Exception {
    try (LspSession lsp = withChart(Path.of("/etc"))) {
      assertEquals("Helm could not render the chart: /etc is not a chart: a chart directory holds a Chart.yaml", failedRender(lsp));
    }
  }

  @Test
  void aGiantPoolOrABombIsRefusedWithAMessageAndTheServerLivesOn() throws Exception {
    StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [").append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
    }
    for (String values : List.of("workers:\n  w: {replicas: 2147483647}\n", bomb.toString())) {
      try (LspSession lsp = new LspSession()) {
        lsp.open(URI, values, 1);
        String message = failedRender(lsp);
        assertTrue(message.startsWith("Helm could not render the chart: "), message);
        assertTrue(message.contains("maximum") || message.contains("excessive aliasing"), message);
      }
    }
  }
}
