package dev.buildbotls.lsp;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.stacks.StackLayers;
import dev.buildbotls.values.ChartLocator;
import dev.buildbotls.render.ChartRenderer;
import dev.buildbotls.render.HelmErrors;
import dev.buildbotls.render.Preview;
import dev.buildbotls.render.Redactor;
import dev.buildbotls.schema.ValuesSchema;
import dev.buildbotls.yaml.YamlFile;
import dev.buildbotls.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.ShowDocumentParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
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
  /** What the command returns to the client. */
  record RenderResult(String uri, String manifests) {}

  private final LanguageClient client;
  private final ClientCapabilities capabilities;

  RenderHandler(LanguageClient client, ClientCapabilities capabilities) {
    this.client = client;
    this.capabilities = capabilities == null ? new ClientCapabilities() : capabilities;
  }

  /**
   * @param stack the files of the document's stack in Helm's order (the document among them), or none
   * @param renderDiagnostics receives the diagnostics Helm's failure places in the document (empty on success)
   */
  RenderResult render(String uri, String text, List<StackLayers.Layer> stack, Settings settings, CancelChecker cancel,
      java.util.function.Consumer<List<Diagnostic>> renderDiagnostics) {
    Path file = Document.pathOf(uri);
    // How Helm's messages name each values text; the document is the one Helm's complaints are placed in.
    List<String> texts = stack.isEmpty() ? List.of(text) : stack.stream().map(StackLayers.Layer::text).toList();
    List<String> names = stack.isEmpty() ? List.of(file != null ? file.toString() : uri)
        : stack.stream().map(l -> l.file().toString()).toList();
    int own = stack.isEmpty() ? 0 : Math.max(0, stack.stream().map(StackLayers.Layer::file).toList()
        .indexOf(file.toAbsolutePath().normalize()));
    // A workspace the user has not trusted renders with the bundled chart only.
    Path chart = !settings.trustedWorkspace() ? null
        : settings.chartDirectory() != null ? settings.chartDirectory() : ChartLocator.chartFor(file);
    String token = beginProgress("Rendering the Buildbot chart", chart == null ? "bundled chart" : chart.toString());
    try {
      String manifests = ChartRenderer.render(chart, "buildbot", texts, names);
      cancel.checkCanceled();
      renderDiagnostics.accept(List.of());
      try {
        String shown = settings.showSecretsInPreview() ? manifests : Preview.maskSecrets(manifests);
        return new RenderResult(open(file, shown), shown);
      } catch (ResponseErrorException e) {
        client.showMessage(new MessageParams(MessageType.Error, plain(e.getMessage())));
        throw e;
      }
    } catch (ChartRenderer.RenderException e) {
      List<YamlFile> parsed = texts.stream().map(YamlParser::parse).toList();
      String message = e.getMessage();
      for (YamlFile layer : parsed) {
        message = Redactor.redact(message, layer, ValuesSchema.get()::isWriteOnly);
      }
      List<Diagnostic> placed = new ArrayList<>();
      for (HelmErrors.Problem p : HelmErrors.place(message, names.get(own), parsed.get(own))) {
        Diagnostic d = new Diagnostic(p.range(), "Helm: " + p.message(), Code.HELM_RENDER.severity(), Code.SOURCE, Code.HELM_RENDER.id());
        if (!placed.contains(d)) { // Helm repeats a complaint once per schema branch it tried
          placed.add(d);
        }
      }
      renderDiagnostics.accept(placed);
      client.showMessage(new MessageParams(MessageType.Error, plain("Helm could not render the chart: " + message)));
      throw new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed, "Helm could not render the chart: " + message, null));
    } finally {
      endProgress(token);
    }
  }

  /** Writes the preview file (render/Preview) and shows it, or tells the user where it is. */
  private String open(Path valuesFile, String manifests) {
    Path target;
    try {
      target = Preview.write(valuesFile, manifests);
    } catch (IOException e) {
      throw failure("cannot write the rendered manifests to " + Preview.fileFor(valuesFile) + ": " + e.getMessage());
    }
    String targetUri = target.toUri().toString();
    if (capabilities.getWindow() != null && capabilities.getWindow().getShowDocument() != null
        && capabilities.getWindow().getShowDocument().isSupport()) {
      client.showDocument(new ShowDocumentParams(targetUri));
    } else {
      client.showMessage(new MessageParams(MessageType.Info, "Rendered manifests: " + target));
    }
    return targetUri;
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

  /** A notification's text: clients show window messages as plain text, so no Markdown backticks. */
  static String plain(String message) {
    return message.replaceAll("`([^`]*)`", "'$1'");
  }

  private static ResponseErrorException failure(String message) {
    return new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed, message, null));
  }

  static Map<String, Object> toJson(RenderResult r) {
    return Map.of("uri", r.uri(), "manifests", r.manifests());
  }
}
