package dev.buildbotls;

import com.google.gson.Gson;
import dev.buildbotls.cli.Cli;
import dev.buildbotls.lsp.ServerLauncher;
import dev.buildbotls.values.ChartDefaults;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The training run the start-up caches are made from: the launcher and the VS Code extension run
 * {@code java -XX:AOTCacheOutput=F -cp buildbot-ls.jar dev.buildbotls.TrainingRun} on Java 25+
 * ({@code -XX:ArchiveClassesAtExit=F} on 17-24, and {@code scripts/cds-archive.sh} at build time).
 * It does what an editor's first minute does, through the server's own stdio protocol code
 * (initialize with an editor's capabilities, the settings asked for, open values with errors from a
 * folder on disk, diagnostics, completion, hover, a quick fix, the outline, shutdown), then a
 * {@code --check}: the cache serves every kind of start, whatever the user's first one was.
 */
public final class TrainingRun {
  /** A worker, a pool, a typo, a wrong type and an unknown worker: every diagnostic path runs. */
  static final String FARM = "master:\n  replicas: 2\nworkers:\n  a:\n    password: secret\n  b:\n    replicas: 2\n"
      + "    maxBuilds: two\n    imag: x\nbuilders:\n  build:\n    repository: https://example.org/app.git\n"
      + "    command: [make]\n    workers: [a, c, ]\n";

  /** Capabilities as an editor announces them (VS Code's, in part): the parts the server reads. */
  static final String CAPABILITIES = "{\"workspace\": {\"configuration\": true, \"workspaceFolders\": true}, "
      + "\"textDocument\": {\"completion\": {\"completionItem\": {\"snippetSupport\": true}, "
      + "\"completionList\": {\"itemDefaults\": [\"editRange\", \"insertTextFormat\"]}}}, "
      + "\"window\": {\"workDoneProgress\": true, \"showDocument\": {\"support\": true}}}";

  private TrainingRun() {}

  /** Exits 0 when the server exits as a client's `exit` asks (the JVM writes its cache then), 1 otherwise. */
  public static void main(String[] args) throws Exception {
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    Cli.run(new String[] {"--check", "-"}, new ByteArrayInputStream(FARM.getBytes(StandardCharsets.UTF_8)), discard, discard);
    session();
    System.exit(1);
  }

  private static void session() throws Exception {
    Pipe toServer = Pipe.open();
    Pipe toClient = Pipe.open();
    OutputStream clientOut = Channels.newOutputStream(toServer.sink());
    InputStream clientIn = Channels.newInputStream(toClient.source());
    PrintStream serverOut = new PrintStream(Channels.newOutputStream(toClient.sink()), true, StandardCharsets.UTF_8);
    Thread server = new Thread(() -> ServerLauncher.run(Channels.newInputStream(toServer.source()), serverOut), "training-server");
    server.setDaemon(true);
    server.start();

    // On disk, as an editor's files are: opening one lists and reads its folder (a Helmfile's or an
    // Application's stack). The files go when the process ends (the server ends it on `exit`).
    Path folder = Files.createTempDirectory("buildbot-ls-training");
    folder.toFile().deleteOnExit();
    Path values = written(folder.resolve("values.yaml"), ChartDefaults.bundledText());
    Path farmFile = written(folder.resolve("farm.yaml"), FARM);
    CompletableFuture<PublishDiagnosticsParams> farmDiagnostics = new CompletableFuture<>();
    String farm = farmFile.toUri().toString();
    var launcher = LSPLauncher.createClientLauncher(new Client(farm, farmDiagnostics), clientIn, clientOut);
    launcher.startListening();
    LanguageServer remote = launcher.getRemoteProxy();
    InitializeParams init = new InitializeParams();
    init.setCapabilities(new Gson().fromJson(CAPABILITIES, ClientCapabilities.class));
    remote.initialize(init).get(60, TimeUnit.SECONDS);
    remote.initialized(new InitializedParams());
    remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
        new TextDocumentItem(values.toUri().toString(), "yaml", 1, ChartDefaults.bundledText())));
    remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(farm, "yaml", 1, FARM)));
    PublishDiagnosticsParams published = farmDiagnostics.get(60, TimeUnit.SECONDS);
    TextDocumentIdentifier document = new TextDocumentIdentifier(farm);
    var text = remote.getTextDocumentService();
    text.completion(new CompletionParams(document, new Position(13, 20))).get(60, TimeUnit.SECONDS);
    text.hover(new HoverParams(document, new Position(0, 2))).get(60, TimeUnit.SECONDS);
    text.codeAction(new CodeActionParams(document, new Range(new Position(8, 4), new Position(8, 4)),
        new CodeActionContext(published.getDiagnostics()))).get(60, TimeUnit.SECONDS);
    text.documentSymbol(new DocumentSymbolParams(document)).get(60, TimeUnit.SECONDS);
    remote.shutdown().get(60, TimeUnit.SECONDS);
    remote.exit(); // the server ends the process
    server.join(TimeUnit.SECONDS.toMillis(60));
  }

  private static Path written(Path file, String text) throws java.io.IOException {
    Files.writeString(file, text);
    file.toFile().deleteOnExit();
    return file;
  }

  /** Waits for the farm's first diagnostics; everything else the server says is dropped. */
  private record Client(String farm, CompletableFuture<PublishDiagnosticsParams> farmDiagnostics) implements LanguageClient {
    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
      if (params.getUri().equals(farm)) {
        farmDiagnostics.complete(params);
      }
    }

    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void showMessage(MessageParams params) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
      return CompletableFuture.completedFuture(null);
    }

    /** No `buildbot` section: the server keeps its defaults. */
    @Override
    public CompletableFuture<List<Object>> configuration(ConfigurationParams params) {
      return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public void logMessage(MessageParams params) {}
  }
}
