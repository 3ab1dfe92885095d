package dev.buildbotls.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionCapabilities;
import org.eclipse.lsp4j.CompletionListCapabilities;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.UnregistrationParams;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/** One stdio LSP client, the same for every server measured: a process, its proxy, what it published. */
final class LspDriver implements AutoCloseable {
  final Process process;
  final LanguageServer server;
  final BlockingQueue<Published> published = new LinkedBlockingQueue<>();
  private final Object settings;

  /** A publication and when it arrived. */
  record Published(long nanos, PublishDiagnosticsParams params) {}

  LspDriver(List<String> command, Object settings, Path log) throws IOException {
    this(command, Map.of(), settings, log);
  }

  /** @param env added to the server's environment (the launcher's BUILDBOT_LS_JAVA, XDG_CACHE_HOME) */
  LspDriver(List<String> command, Map<String, String> env, Object settings, Path log) throws IOException {
    this.settings = settings;
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
    builder.environment().putAll(env);
    process = builder.start();
    Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(new Client(), process.getInputStream(), process.getOutputStream());
    launcher.startListening();
    server = launcher.getRemoteProxy();
  }

  void initialize(Path root) throws Exception {
    InitializeParams init = new InitializeParams();
    init.setProcessId((int) ProcessHandle.current().pid());
    init.setRootUri(root.toUri().toString());
    ClientCapabilities capabilities = new ClientCapabilities();
    TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
    // What VS Code's client (vscode-languageclient 9) announces for completion lists: both servers see the same.
    CompletionCapabilities completion = new CompletionCapabilities();
    CompletionListCapabilities list = new CompletionListCapabilities();
    list.setItemDefaults(List.of("commitCharacters", "editRange", "insertTextFormat", "insertTextMode", "data"));
    completion.setCompletionList(list);
    text.setCompletion(completion);
    capabilities.setTextDocument(text);
    init.setCapabilities(capabilities);
    server.initialize(init).get(60, TimeUnit.SECONDS);
    server.initialized(new InitializedParams());
    server.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(settings));
  }

  void open(String uri, String text) {
    server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "yaml", 1, text)));
  }

  void replace(String uri, int version, Range range, String text) {
    server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version),
        List.of(new TextDocumentContentChangeEvent(range, text))));
  }

  /** The first publication for the URI after {@code after} (nanoTime), within the timeout. */
  Published nextDiagnostics(String uri, long after, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      Published p = published.poll(50, TimeUnit.MILLISECONDS);
      if (p != null && p.nanos() >= after && p.params().getUri().equals(uri)) {
        return p;
      }
    }
    throw new IllegalStateException("no diagnostics for " + uri + " within " + seconds + " s");
  }

  long completion(String uri, Position position) throws Exception {
    long t0 = System.nanoTime();
    server.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(uri), position)).get(60, TimeUnit.SECONDS);
    return System.nanoTime() - t0;
  }

  long hover(String uri, Position position) throws Exception {
    long t0 = System.nanoTime();
    server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), position)).get(60, TimeUnit.SECONDS);
    return System.nanoTime() - t0;
  }

  /** Resident memory of the server process, from /proc. */
  long residentBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
      }
    }
    return -1;
  }

  @Override
  public void close() throws Exception {
    try {
      server.shutdown().get(10, TimeUnit.SECONDS);
      server.exit();
    } catch (Exception ignored) {
      // measured already
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private final class Client implements LanguageClient {
    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
      published.add(new Published(System.nanoTime(), diagnostics));
    }

    @Override
    public void showMessage(MessageParams messageParams) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {}

    @Override
    public CompletableFuture<List<Object>> configuration(ConfigurationParams params) {
      // yaml-language-server asks for "yaml", "http", "[yaml]", "editor"; buildbot-ls for "buildbot".
      return CompletableFuture.completedFuture(params.getItems().stream()
          .map(item -> settings instanceof Map<?, ?> m ? (Object) m.get(item.getSection()) : null).toList());
    }

    @Override
    public CompletableFuture<Void> registerCapability(RegistrationParams params) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> unregisterCapability(UnregistrationParams params) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
      return CompletableFuture.completedFuture(null);
    }
  }
}
