package dev.buildbotls.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.buildbotls.lsp.BuildbotLanguageServer;
import dev.buildbotls.lsp.ServerLauncher;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.lsp4j.ApplyWorkspaceEditParams;
import org.eclipse.lsp4j.ApplyWorkspaceEditResponse;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.ShowDocumentParams;
import org.eclipse.lsp4j.ShowDocumentResult;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/** The server in this JVM, a real lsp4j client talking to it over piped streams. */
public final class LspSession implements AutoCloseable {
  public final LanguageServer server;
  public final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
  /** The last publication per URI. */
  public final Map<String, PublishDiagnosticsParams> latest = new java.util.concurrent.ConcurrentHashMap<>();
  public final BlockingQueue<MessageParams> messages = new LinkedBlockingQueue<>();
  public final BlockingQueue<Object> clientCalls = new LinkedBlockingQueue<>();
  /** What the client answers to workspace/configuration for section "buildbot" (null: nothing). */
  public volatile Object configuration;
  public final InitializeResult initialized;
  private final Thread serverThread;

  public LspSession() throws Exception {
    this(new ClientCapabilities());
  }

  /** A client with these capabilities; it applies workspace edits and shows documents by recording them. */
  public LspSession(ClientCapabilities capabilities) throws Exception {
    this(capabilities, null);
  }

  public LspSession(ClientCapabilities capabilities, Object initializationOptions) throws Exception {
    this(capabilities, initializationOptions, null);
  }

  /** @param workspaceFolder the workspace's one folder (a file: URI), or null for none */
  public LspSession(ClientCapabilities capabilities, Object initializationOptions, String workspaceFolder) throws Exception {
    // NIO pipes: java.io's piped streams break when the thread that last wrote ends.
    Pipe toServer = Pipe.open();
    Pipe toClient = Pipe.open();
    InputStream serverIn = Channels.newInputStream(toServer.source());
    OutputStream clientOut = Channels.newOutputStream(toServer.sink());
    InputStream clientIn = Channels.newInputStream(toClient.source());
    OutputStream serverOut = Channels.newOutputStream(toClient.sink());
    BuildbotLanguageServer impl = new BuildbotLanguageServer();
    Launcher<LanguageClient> serverLauncher = ServerLauncher.launcher(impl, serverIn, serverOut); // as the server's main does
    serverThread = new Thread(() -> {
      try {
        serverLauncher.startListening().get();
      } catch (Exception ignored) {
        // the streams closed
      }
    }, "test-server");
    serverThread.setDaemon(true);
    serverThread.start();
    Launcher<LanguageServer> clientLauncher = LSPLauncher.createClientLauncher(new Client(), clientIn, clientOut);
    clientLauncher.startListening();
    server = clientLauncher.getRemoteProxy();
    InitializeParams init = new InitializeParams();
    init.setCapabilities(capabilities);
    init.setInitializationOptions(initializationOptions);
    if (workspaceFolder != null) {
      init.setWorkspaceFolders(List.of(new org.eclipse.lsp4j.WorkspaceFolder(workspaceFolder, "workspace")));
    }
    initialized = server.initialize(init).get(10, TimeUnit.SECONDS);
    server.initialized(new InitializedParams());
  }

  /** The "Render chart" command on a document, as clients run it. */
  public Object render(String uri) throws Exception {
    return server.getWorkspaceService()
        .executeCommand(new org.eclipse.lsp4j.ExecuteCommandParams("buildbot.renderChart", List.of(uri))).get(60, TimeUnit.SECONDS);
  }

  public void open(String uri, String text, int version) {
    server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "yaml", version, text)));
  }

  public void replace(String uri, int version, Range range, String text) {
    server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
        new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(range, text))));
  }

  /** The next publication for this URI that matches, within 10 s. */
  /** The latest publication for this URI once it matches, within 10 s (earlier ones may have been taken from the queue). */
  public PublishDiagnosticsParams awaitLatest(String uri, Predicate<PublishDiagnosticsParams> matching) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      PublishDiagnosticsParams p = latest.get(uri);
      if (p != null && matching.test(p)) {
        return p;
      }
      Thread.sleep(20);
    }
    return fail("no matching latest diagnostics for " + uri + " within 10 s: " + latest.get(uri));
  }

  public PublishDiagnosticsParams awaitDiagnostics(String uri, Predicate<PublishDiagnosticsParams> matching) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      PublishDiagnosticsParams p = diagnostics.poll(100, TimeUnit.MILLISECONDS);
      if (p != null && p.getUri().equals(uri) && matching.test(p)) {
        return p;
      }
    }
    return fail("no matching diagnostics for " + uri + " within 10 s");
  }

  @Override
  public void close() throws Exception {
    server.shutdown().get(5, TimeUnit.SECONDS);
    serverThread.interrupt();
  }

  private final class Client implements LanguageClient {
    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
      latest.put(params.getUri(), params);
      diagnostics.add(params);
    }

    @Override
    public void showMessage(MessageParams params) {
      messages.add(params);
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams params) {
      messages.add(params);
    }

    @Override
    public CompletableFuture<ApplyWorkspaceEditResponse> applyEdit(ApplyWorkspaceEditParams params) {
      clientCalls.add(params);
      return CompletableFuture.completedFuture(new ApplyWorkspaceEditResponse(true));
    }

    @Override
    public CompletableFuture<ShowDocumentResult> showDocument(ShowDocumentParams params) {
      clientCalls.add(params);
      return CompletableFuture.completedFuture(new ShowDocumentResult(true));
    }

    @Override
    public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
      clientCalls.add(params);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<Object>> configuration(ConfigurationParams params) {
      clientCalls.add(params);
      return CompletableFuture.completedFuture(java.util.Collections.singletonList(configuration));
    }

    @Override
    public void notifyProgress(ProgressParams params) {
      clientCalls.add(params);
    }
  }

}
