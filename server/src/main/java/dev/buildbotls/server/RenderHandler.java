package dev.buildbotls.server;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.render.ChartLocator;
import dev.buildbotls.render.ChartRenderer;
import dev.buildbotls.render.HelmErrors;
import dev.buildbotls.render.Redactor;
import dev.buildbotls.yaml.YamlFile;
import dev.buildbotls.yaml.YamlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ApplyWorkspaceEditParams;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CreateFile;
import org.eclipse.lsp4j.CreateFileOptions;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ResourceOperationKind;
import org.eclipse.lsp4j.ShowDocumentParams;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The "render chart" command: Helm renders the chart with the document's current text, and the
 * manifests open as a new document. Runs on its own thread, reports progress, and tells the user
 * Helm's message (and marks the value it names) when rendering fails.
 */
final class RenderHandler {
  /** Where rendered manifests are written (README: "Render the chart"); -Dbuildbotls.renderDir overrides it. */
  static Path outputDirectory() {
    String configured = System.getProperty("buildbotls.renderDir");
    return configured != null ? Path.of(configured) : Path.of(System.getProperty("java.io.tmpdir"), "buildbot-ls", "rendered");
  }

  /** What the command returns to the client. */
  record RenderResult(String uri, String manifests) {}

  private final LanguageClient client;
  private final ClientCapabilities capabilities;

  RenderHandler(LanguageClient client, ClientCapabilities capabilities) {
    this.client = client;
    this.capabilities = capabilities == null ? new ClientCapabilities() : capabilities;
  }

  /**
   * @param renderDiagnostics receives the diagnostics Helm's failure places in the document (empty on success)
   */
  RenderResult render(String uri, String text, Path chartOverride, CancelChecker cancel, java.util.function.Consumer<List<Diagnostic>> renderDiagnostics) {
    Path file = Document.pathOf(uri);
    Path chart = chartOverride != null ? chartOverride : ChartLocator.chartFor(file);
    String token = beginProgress("Rendering the Buildbot chart", chart == null ? "bundled chart" : chart.toString());
    try {
      String manifests = ChartRenderer.render(chart, "buildbot", List.of(text));
      cancel.checkCanceled();
      renderDiagnostics.accept(List.of());
      try {
        return new RenderResult(open(file, uri, manifests), manifests);
      } catch (ResponseErrorException e) {
        client.showMessage(new MessageParams(MessageType.Error, e.getMessage()));
        throw e;
      }
    } catch (ChartRenderer.RenderException e) {
      YamlFile yaml = YamlParser.parse(text);
      String message = Redactor.redact(e.getMessage(), yaml);
      List<Diagnostic> placed = new ArrayList<>();
      if (!yaml.documents().isEmpty()) {
        for (HelmErrors.Problem p : HelmErrors.place(message, yaml.documents().get(0))) {
          placed.add(new Diagnostic(p.range(), "Helm: " + p.message(), Code.HELM_RENDER.severity(), Code.SOURCE, Code.HELM_RENDER.id()));
        }
      }
      renderDiagnostics.accept(placed);
      client.showMessage(new MessageParams(MessageType.Error, "Helm could not render the chart: " + message));
      throw new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed, "Helm could not render the chart: " + message, null));
    } finally {
      endProgress(token);
    }
  }

  /** Creates the output document through the client when it can, else writes it; then shows it. */
  private String open(Path valuesFile, String uri, String manifests) {
    // A file: URI may name no file at all (file:///): such a document renders as "untitled".
    boolean named = valuesFile != null && valuesFile.getFileName() != null;
    String name = (named ? valuesFile.getFileName().toString().replaceFirst("\\.ya?ml$", "") : "untitled") + ".rendered.yaml";
    Path output = outputDirectory();
    Path target = output.resolve(name);
    String targetUri = target.toUri().toString();
    boolean applied = false;
    try {
      Files.createDirectories(output);
      if (canCreateFiles()) {
        WorkspaceEdit edit = new WorkspaceEdit(List.of(
            Either.forRight(new CreateFile(targetUri, new CreateFileOptions(true, false))),
            Either.forLeft(new TextDocumentEdit(new VersionedTextDocumentIdentifier(targetUri, null),
                List.of(new TextEdit(new Range(new Position(0, 0), new Position(0, 0)), manifests))))));
        applied = client.applyEdit(new ApplyWorkspaceEditParams(edit, "Render chart")).get(30, TimeUnit.SECONDS).isApplied();
      }
      if (!applied) {
        Files.writeString(target, manifests, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw failure("cannot write the rendered manifests to " + target + ": " + e.getMessage());
    } catch (Exception e) {
      throw failure("the client did not create " + target + ": " + e.getMessage());
    }
    if (capabilities.getWindow() != null && capabilities.getWindow().getShowDocument() != null
        && capabilities.getWindow().getShowDocument().isSupport()) {
      client.showDocument(new ShowDocumentParams(targetUri));
    } else {
      client.showMessage(new MessageParams(MessageType.Info, "Rendered manifests: " + target));
    }
    return targetUri;
  }

  private boolean canCreateFiles() {
    var workspace = capabilities.getWorkspace();
    return workspace != null && workspace.getApplyEdit() != null && workspace.getApplyEdit()
        && workspace.getWorkspaceEdit() != null && workspace.getWorkspaceEdit().getResourceOperations() != null
        && workspace.getWorkspaceEdit().getResourceOperations().contains(ResourceOperationKind.Create);
  }

  private String beginProgress(String title, String message) {
    if (capabilities.getWindow() == null || !Boolean.TRUE.equals(capabilities.getWindow().getWorkDoneProgress())) {
      return null;
    }
    String token = "buildbot-render-" + UUID.randomUUID();
    try {
      client.createProgress(new WorkDoneProgressCreateParams(Either.forLeft(token))).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      return null;
    }
    WorkDoneProgressBegin begin = new WorkDoneProgressBegin();
    begin.setTitle(title);
    begin.setMessage(message);
    client.notifyProgress(new ProgressParams(Either.forLeft(token), Either.forLeft(begin)));
    return token;
  }

  private void endProgress(String token) {
    if (token != null) {
      client.notifyProgress(new ProgressParams(Either.forLeft(token), Either.forLeft(new WorkDoneProgressEnd())));
    }
  }

  private static ResponseErrorException failure(String message) {
    return new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed, message, null));
  }

  static Map<String, Object> toJson(RenderResult r) {
    return Map.of("uri", r.uri(), "manifests", r.manifests());
  }
}
