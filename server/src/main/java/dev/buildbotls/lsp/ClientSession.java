package dev.buildbotls.lsp;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The client side: the connected client, what it can do (capabilities), what it asked for
 * (settings, pushed or requested), and rendering, which talks to it (progress, documents shown).
 * The open documents are told when settings change and receive a render's diagnostics.
 */
final class ClientSession {
  private final OpenDocuments documents = new OpenDocuments(this::settings, this::publish);
  /** Rendering runs here, so a slow Helm never holds up analysis or other requests. */
  private final ExecutorService renderer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "buildbot-ls-render");
    t.setDaemon(true);
    return t;
  });
  private volatile LanguageClient client;
  private volatile ClientCapabilities capabilities = new ClientCapabilities();
  private volatile Settings settings = Settings.DEFAULT;

  OpenDocuments documents() {
    return documents;
  }

  Settings settings() {
    return settings;
  }

  void connect(LanguageClient client) {
    this.client = client;
  }

  void initialize(ClientCapabilities capabilities, Object initializationOptions, List<java.nio.file.Path> roots) {
    if (capabilities != null) {
      this.capabilities = capabilities;
    }
    documents.roots(roots);
    settings = Settings.parse(initializationOptions).orElse(Settings.DEFAULT);
  }

  /** After `initialized`: a client that serves workspace/configuration is asked for the settings. */
  void initialized() {
    requestConfiguration();
  }

  /** `workspace/didChangeConfiguration`: settings pushed with it are used, else they are asked for. */
  void configurationChanged(Object pushed) {
    Optional<Settings> section = Settings.pushedSection(pushed);
    if (section.isPresent()) {
      settings = section.get();
      documents.revalidateAll();
    } else if (supportsConfiguration()) {
      requestConfiguration();
    } else {
      documents.revalidateAll();
    }
  }

  /** Whether the client expands snippet completions (Neovim's built-in omnifunc does not). */
  boolean supportsSnippets() {
    var completion = capabilities.getTextDocument() == null ? null : capabilities.getTextDocument().getCompletion();
    var item = completion == null ? null : completion.getCompletionItem();
    return item != null && Boolean.TRUE.equals(item.getSnippetSupport());
  }

  /** Whether completion may send the items' shared edit range once (`itemDefaults.editRange`). */
  boolean supportsItemDefaults() {
    var completion = capabilities.getTextDocument() == null ? null : capabilities.getTextDocument().getCompletion();
    var list = completion == null ? null : completion.getCompletionList();
    return list != null && list.getItemDefaults() != null && list.getItemDefaults().contains("editRange");
  }

  /** Renders the chart with the document's current text (unsaved edits included), off the protocol thread. */
  CompletableFuture<Object> render(String uri) {
    return CompletableFutures.computeAsync(renderer, cancel -> {
      String text = documents.text(uri).orElseThrow(() -> new ResponseErrorException(
          new ResponseError(ResponseErrorCode.InvalidParams, "not an open document: " + uri, null)));
      RenderHandler handler = new RenderHandler(client, capabilities);
      return RenderHandler.toJson(handler.render(uri, text, documents.layers(uri), settings, cancel,
          placed -> documents.renderDiagnostics(uri, placed)));
    });
  }

  void stop() {
    documents.stop();
    renderer.shutdown();
  }

  private boolean supportsConfiguration() {
    return capabilities.getWorkspace() != null && Boolean.TRUE.equals(capabilities.getWorkspace().getConfiguration());
  }

  private void requestConfiguration() {
    LanguageClient c = client;
    if (c == null || !supportsConfiguration()) {
      return;
    }
    ConfigurationItem item = new ConfigurationItem();
    item.setSection("buildbot");
    c.configuration(new ConfigurationParams(List.of(item))).thenAccept(values -> {
      // A client without the section answers null: the settings stay as they are.
      Optional<Settings> answered = values == null || values.isEmpty() ? Optional.empty() : Settings.parse(values.get(0));
      answered.ifPresent(fresh -> {
        settings = fresh;
        documents.revalidateAll();
      });
    }).exceptionally(e -> {
      System.err.println("buildbot-ls: workspace/configuration failed: " + e.getMessage());
      return null;
    });
  }

  private void publish(PublishDiagnosticsParams params) {
    LanguageClient c = client;
    if (c != null) {
      c.publishDiagnostics(params);
    }
  }
}
