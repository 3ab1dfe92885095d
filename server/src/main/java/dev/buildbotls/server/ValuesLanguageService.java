package dev.buildbotls.server;

import dev.buildbotls.actions.CodeActionService;
import dev.buildbotls.completion.CompletionService;
import dev.buildbotls.diagnostics.Analysis;
import dev.buildbotls.diagnostics.IncrementalAnalyzer;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.values.ValuesFiles;
import dev.buildbotls.values.Workers;
import dev.buildbotls.yaml.LineIndex;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The server's state and scheduling: open documents, one analysis per document version, and
 * debounced validation off the protocol thread. Features ask it for the analysis of a version.
 */
public final class ValuesLanguageService {
  /** Quiet time after a keystroke before validating: typing bursts are analysed once. */
  static final long DEBOUNCE_MILLIS = 15;

  private final DocumentStore store = new DocumentStore();
  private final ScheduledExecutorService validator = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "buildbot-ls-validate");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  /** Per open document: its analyses, each version's made once and from the previous one's. */
  private final Map<String, IncrementalAnalyzer> analyzers = new ConcurrentHashMap<>();
  private final Map<String, List<Diagnostic>> renderDiagnostics = new ConcurrentHashMap<>();
  /** Rendering runs here, so a slow Helm never holds up analysis or other requests. */
  private final ExecutorService renderer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "buildbot-ls-render");
    t.setDaemon(true);
    return t;
  });
  private volatile LanguageClient client;
  private volatile ClientCapabilities capabilities = new ClientCapabilities();
  private volatile Settings settings = Settings.DEFAULT;

  void connect(LanguageClient client) {
    this.client = client;
  }

  void initialize(ClientCapabilities capabilities, Object initializationOptions) {
    if (capabilities != null) {
      this.capabilities = capabilities;
    }
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
      revalidateAll();
    } else if (supportsConfiguration()) {
      requestConfiguration();
    } else {
      revalidateAll();
    }
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
        revalidateAll();
      });
    }).exceptionally(e -> {
      System.err.println("buildbot-ls: workspace/configuration failed: " + e.getMessage());
      return null;
    });
  }

  void open(String uri, String text, int version) {
    analyzers.put(uri, new IncrementalAnalyzer(uri, pathOf(uri)));
    store.open(new Document(uri, text, version));
    schedule(uri, 0);
  }

  void change(String uri, int version, List<TextDocumentContentChangeEvent> changes) {
    if (store.update(uri, d -> d.apply(changes, version)).isPresent()) {
      renderDiagnostics.remove(uri);
      schedule(uri, DEBOUNCE_MILLIS);
    }
  }

  void close(String uri) {
    store.close(uri);
    analyzers.remove(uri);
    renderDiagnostics.remove(uri);
    Optional.ofNullable(pending.remove(uri)).ifPresent(f -> f.cancel(false));
    publish(new PublishDiagnosticsParams(uri, List.of()));
  }

  void saved(String uri) {
    schedule(uri, 0);
  }

  void revalidateAll() {
    store.uris().forEach(uri -> schedule(uri, 0));
  }

  /** No new work after `shutdown`; running work is not interrupted, since an interrupted write can close the client's stream. */
  void stop() {
    validator.shutdown();
    renderer.shutdown();
  }

  /** Code actions at a range: quick fixes for the client's diagnostics, migration, render. */
  public List<CodeAction> codeActions(String uri, Range range, List<Diagnostic> diagnostics, CancelChecker cancel) {
    Optional<Analysis> analysis = analysis(uri, cancel);
    if (analysis.isEmpty()) {
      return List.of();
    }
    ValuesContext context = contextAt(analysis.get(), range.getStart()).orElse(null);
    return CodeActionService.actions(uri, context, analysis.get().file().lines(), diagnostics);
  }

  /** Renders the chart with the document's current text (unsaved edits included), off the protocol thread. */
  public CompletableFuture<Object> render(String uri) {
    return CompletableFutures.computeAsync(renderer, cancel -> {
      String text = store.get(uri).map(Document::text).orElseThrow(() -> new ResponseErrorException(
          new ResponseError(ResponseErrorCode.InvalidParams, "not an open document: " + uri, null)));
      RenderHandler handler = new RenderHandler(client, capabilities);
      return RenderHandler.toJson(handler.render(uri, text, settings.chartDirectory(), cancel, placed -> {
        renderDiagnostics.put(uri, placed);
        schedule(uri, 0);
      }));
    });
  }

  /** Whether the document's current version is analysed already (requests on it are then quick). */
  public boolean isAnalysed(String uri) {
    Optional<Document> document = store.get(uri);
    IncrementalAnalyzer analyzer = analyzers.get(uri);
    return document.isPresent() && analyzer != null && analyzer.analysed(document.get().version()).isPresent();
  }

  /** The analysis of the document's current version, made now if validation has not made it yet. */
  public Optional<Analysis> analysis(String uri, CancelChecker cancel) {
    Optional<Document> document = store.get(uri);
    IncrementalAnalyzer analyzer = analyzers.get(uri);
    if (document.isEmpty() || analyzer == null) {
      return Optional.empty();
    }
    return Optional.of(analyzer.analyze(document.get().version(), document.get().text(), cancel));
  }

  /**
   * Completion at a position of the current text, with the workers of the most recent values
   * (never waiting for this keystroke's analysis).
   */
  public CompletionList completion(String uri, Position position, CancelChecker cancel) {
    Optional<Document> document = store.get(uri);
    IncrementalAnalyzer analyzer = analyzers.get(uri);
    if (document.isEmpty() || analyzer == null) {
      return new CompletionList(List.of());
    }
    // The analysis of this very version has the text's line index; else it is made here.
    LineIndex lines = analyzer.analysed(document.get().version()).map(a -> a.file().lines())
        .orElseGet(() -> new LineIndex(document.get().text()));
    Workers workers = valuesAt(uri, position, cancel).map(ValuesContext::workers).orElse(Workers.NONE);
    CompletionList list = CompletionService.complete(lines, workers, position);
    return supportsItemDefaults() ? CompletionService.withDefaultEditRange(list) : list;
  }

  private boolean supportsItemDefaults() {
    var completion = capabilities.getTextDocument() == null ? null : capabilities.getTextDocument().getCompletion();
    var list = completion == null ? null : completion.getCompletionList();
    return list != null && list.getItemDefaults() != null && list.getItemDefaults().contains("editRange");
  }

  /** The document context (YAML document) holding a position in the current analysis. */
  public Optional<ValuesContext> contextAt(String uri, Position position, CancelChecker cancel) {
    return analysis(uri, cancel).flatMap(a -> contextAt(a, position));
  }

  /**
   * The merged values at a position, for completion: the most recent analysis (of any version),
   * else the last text that parsed. Completion needs the workers, not this version's ranges, so a
   * keystroke's completion never waits for that keystroke's analysis.
   */
  public Optional<ValuesContext> valuesAt(String uri, Position position, CancelChecker cancel) {
    IncrementalAnalyzer analyzer = analyzers.get(uri);
    if (analyzer == null) {
      return Optional.empty();
    }
    Optional<Analysis> recent = analyzer.latest().filter(a -> !a.contexts().isEmpty()).or(analyzer::lastGood);
    return recent.isPresent() ? contextAt(recent.get(), position) : contextAt(uri, position, cancel);
  }

  private static Optional<ValuesContext> contextAt(Analysis analysis, Position position) {
    List<ValuesContext> contexts = analysis.contexts();
    for (ValuesContext c : contexts) {
      Range r = c.document().root().range();
      if (r.getStart().getLine() <= position.getLine() && position.getLine() <= r.getEnd().getLine()) {
        return Optional.of(c);
      }
    }
    return contexts.size() == 1 ? Optional.of(contexts.get(0)) : Optional.empty();
  }

  private void schedule(String uri, long delayMillis) {
    pending.compute(uri, (k, previous) -> {
      if (previous != null) {
        previous.cancel(false);
      }
      return validator.schedule(() -> validate(uri), delayMillis, TimeUnit.MILLISECONDS);
    });
  }

  private void validate(String uri) {
    Optional<Document> document = store.get(uri);
    if (document.isEmpty()) {
      return;
    }
    int version = document.get().version();
    CancelChecker stale = () -> {
      if (store.get(uri).map(d -> d.version() != version).orElse(true)) {
        throw new CancellationException();
      }
    };
    try {
      Analysis analysis = analysis(uri, stale).orElseThrow(CancellationException::new);
      stale.checkCanceled();
      Settings current = settings;
      boolean checked = ValuesFiles.shouldCheck(uri, analysis.file()) || current.isValuesFile(pathOf(uri));
      List<Diagnostic> all = new ArrayList<>(checked ? current.apply(analysis.diagnostics()) : List.of());
      all.addAll(renderDiagnostics.getOrDefault(uri, List.of()));
      publish(new PublishDiagnosticsParams(uri, all, version));
    } catch (CancellationException e) {
      // a newer version is queued and will publish
    } catch (RuntimeException | StackOverflowError e) {
      System.err.println("buildbot-ls: analysis of " + uri + " failed: " + e.getClass().getName());
    }
  }

  private void publish(PublishDiagnosticsParams params) {
    LanguageClient c = client;
    if (c != null) {
      c.publishDiagnostics(params);
    }
  }

  static Path pathOf(String uri) {
    try {
      URI parsed = URI.create(uri);
      return "file".equals(parsed.getScheme()) ? Path.of(parsed) : null;
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      return null;
    }
  }
}
