package dev.buildbotls.lsp;

import dev.buildbotls.diagnostics.Analysis;
import dev.buildbotls.diagnostics.IncrementalAnalyzer;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.render.Preview;
import dev.buildbotls.stacks.StackFinder;
import dev.buildbotls.stacks.StackLayers;
import dev.buildbotls.values.ValuesStack;
import dev.buildbotls.yaml.YamlDocument;
import java.nio.file.Path;
import dev.buildbotls.values.ValuesFiles;
import dev.buildbotls.values.Workers;
import dev.buildbotls.yaml.LineIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * The open documents and their analyses: one analysis per document version, debounced validation,
 * and the diagnostics published through the given sink. It never talks to the client itself.
 * Documents are analysed in parallel (an analyzer serialises its own document's versions), so a
 * small document's diagnostics never wait behind a large one's analysis.
 */
final class OpenDocuments {
  /** Quiet time after a keystroke before validating: typing bursts are analysed once. */
  static final long DEBOUNCE_MILLIS = 15;

  private final DocumentStore store = new DocumentStore();
  /** Keeps the debounce timers only; the analyses run on {@link #analysts}. */
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "buildbot-ls-debounce");
    t.setDaemon(true);
    return t;
  });
  private final ExecutorService analysts = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "buildbot-ls-validate");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  /** Per open document: its analyses, each version's made once and from the previous one's. */
  private final Map<String, IncrementalAnalyzer> analyzers = new ConcurrentHashMap<>();
  private final Map<String, List<Diagnostic>> renderDiagnostics = new ConcurrentHashMap<>();
  /** The newest version published per document: an older analysis finishing late never overwrites it. */
  private final Map<String, Integer> published = new ConcurrentHashMap<>();
  private final Supplier<Settings> settings;
  private final Consumer<PublishDiagnosticsParams> publish;
  /** Per document: the stack it is deployed in, found on open, save and settings changes (not per keystroke). */
  private final Map<String, StackFinder.Found> stacks = new ConcurrentHashMap<>();
  /** The stacks' layers from disk and their parses, shared by the documents. */
  private final StackLayers stackLayers = new StackLayers();
  private volatile List<Path> roots = List.of();

  OpenDocuments(Supplier<Settings> settings, Consumer<PublishDiagnosticsParams> publish) {
    this.settings = settings;
    this.publish = publish;
  }

  /** The workspace roots, against which the setting's stacks are resolved. */
  void roots(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  void open(String uri, String text, int version) {
    published.remove(uri); // a reopened document may start again at a lower version
    analyzers.put(uri, new IncrementalAnalyzer(uri, Document.pathOf(uri)));
    store.open(new Document(uri, text, version));
    findStack(uri);
    schedule(uri, 0);
    schedulePartners(uri, 0); // its text, not the disk's, is now their layer
  }

  void change(String uri, int version, List<TextDocumentContentChangeEvent> changes) {
    if (store.update(uri, d -> d.apply(changes, version)).isPresent()) {
      renderDiagnostics.remove(uri);
      schedule(uri, DEBOUNCE_MILLIS);
      schedulePartners(uri, DEBOUNCE_MILLIS);
    }
  }

  /** Finds the document's stack again: the setting, a Helmfile or an Application beside it may have changed. */
  private void findStack(String uri) {
    Path file = Document.pathOf(uri);
    Optional<StackFinder.Found> found = file == null || Preview.isPreview(file) ? Optional.empty()
        : StackFinder.find(file, settings.get().valuesStacks(), roots);
    found.ifPresentOrElse(f -> stacks.put(uri, f), () -> stacks.remove(uri));
  }

  /** The open documents stacked with this one revalidate: their merged values changed. */
  private void schedulePartners(String uri, long delayMillis) {
    Path file = Document.pathOf(uri);
    if (file == null) {
      return;
    }
    Path normal = file.toAbsolutePath().normalize();
    stacks.forEach((other, found) -> {
      if (!other.equals(uri) && found.layers().contains(normal)) {
        schedule(other, delayMillis);
      }
    });
  }

  /** The files of the document's stack in Helm's order; each open one with its current text. */
  List<StackLayers.Layer> layers(String uri) {
    StackFinder.Found found = stacks.get(uri);
    return found == null ? List.of() : stackLayers.layers(found, openTexts(), allowedFor(uri));
  }

  /** The open documents' texts, by normalized path. */
  private Map<Path, String> openTexts() {
    Map<Path, String> open = new java.util.HashMap<>();
    for (String u : store.uris()) {
      Path p = Document.pathOf(u);
      if (p != null) {
        store.get(u).ifPresent(d -> open.put(p.toAbsolutePath().normalize(), d.text()));
      }
    }
    return open;
  }

  /** Where a document's stack layers may lie: the workspace folders, else the document's own directory. */
  private List<Path> allowedFor(String uri) {
    Path self = Document.pathOf(uri);
    return roots.isEmpty() && self != null && self.toAbsolutePath().getParent() != null ? List.of(self.toAbsolutePath().getParent()) : roots;
  }

  /** The document's analyzer for its stack as it is now: a new one when another layer changed. */
  private IncrementalAnalyzer analyzer(String uri) {
    IncrementalAnalyzer current = analyzers.get(uri);
    StackFinder.Found found = stacks.get(uri);
    if (current == null || found == null && current.stack().isNone()) {
      return current;
    }
    Path self = Document.pathOf(uri);
    int index = found == null ? -1 : found.indexOf(self);
    List<YamlDocument> documents = new ArrayList<>();
    if (index >= 0) {
      List<StackLayers.Layer> layers = layers(uri);
      for (int i = 0; i < layers.size(); i++) { // the document's own text is its analyzer's to parse
        documents.add(i == index ? null : stackLayers.document(layers.get(i)));
      }
    }
    if (index < 0 ? current.stack().isNone() : current.stack().hasLayers(documents, index)) {
      return current;
    }
    ValuesStack stack = index < 0 ? ValuesStack.NONE : ValuesStack.around(documents, index);
    IncrementalAnalyzer fresh = new IncrementalAnalyzer(uri, self, stack);
    return analyzers.replace(uri, current, fresh) ? fresh : analyzers.getOrDefault(uri, fresh);
  }

  void close(String uri) {
    store.close(uri);
    analyzers.remove(uri);
    stacks.remove(uri);
    schedulePartners(uri, 0); // the disk's text is their layer again
    renderDiagnostics.remove(uri);
    Optional.ofNullable(pending.remove(uri)).ifPresent(f -> f.cancel(false));
    synchronized (published) {
      published.remove(uri);
      publish.accept(new PublishDiagnosticsParams(uri, List.of()));
    }
  }

  void saved(String uri) {
    revalidateAll(); // a saved Helmfile, Application or stacked file may change any document's stack
  }

  void revalidateAll() {
    store.uris().forEach(uri -> {
      findStack(uri);
      schedule(uri, 0);
    });
  }

  /** No new work after `shutdown`; running work is not interrupted, since an interrupted write can close the client's stream. */
  void stop() {
    timer.shutdown();
    analysts.shutdown();
  }

  Optional<String> text(String uri) {
    return store.get(uri).map(Document::text);
  }

  /** A render's diagnostics, published with the analysis' until the next edit. */
  void renderDiagnostics(String uri, List<Diagnostic> placed) {
    renderDiagnostics.put(uri, placed);
    schedule(uri, 0);
  }

  /** Whether the document's current version is analysed already (requests on it are then quick). */
  boolean isAnalysed(String uri) {
    Optional<Document> document = store.get(uri);
    IncrementalAnalyzer analyzer = analyzers.get(uri);
    return document.isPresent() && analyzer != null && analyzer.analysed(document.get().version()).isPresent();
  }

  /** The analysis of the document's current version, made now if validation has not made it yet. */
  Optional<Analysis> analysis(String uri, CancelChecker cancel) {
    Optional<Document> document = store.get(uri);
    IncrementalAnalyzer analyzer = analyzer(uri);
    if (document.isEmpty() || analyzer == null) {
      return Optional.empty();
    }
    return Optional.of(analyzer.analyze(document.get().version(), document.get().text(), cancel));
  }

  /** The document context (YAML document) holding a position in the current analysis. */
  Optional<ValuesContext> contextAt(String uri, Position position, CancelChecker cancel) {
    return analysis(uri, cancel).flatMap(a -> contextAt(a, position));
  }

  /** The current text's line index: the analysed version's, else made now. */
  Optional<LineIndex> lines(String uri) {
    Optional<Document> document = store.get(uri);
    IncrementalAnalyzer analyzer = analyzers.get(uri);
    if (document.isEmpty() || analyzer == null) {
      return Optional.empty();
    }
    return Optional.of(analyzer.analysed(document.get().version()).map(a -> a.file().lines())
        .orElseGet(() -> new LineIndex(document.get().text())));
  }

  /**
   * The workers at a position, for completion: from the most recent analysis (of any version), else
   * the last text that parsed. Completion needs the workers, not this version's ranges, so a
   * keystroke's completion never waits for that keystroke's analysis.
   */
  Workers workersAt(String uri, Position position, CancelChecker cancel) {
    IncrementalAnalyzer analyzer = analyzers.get(uri);
    if (analyzer == null) {
      return Workers.NONE;
    }
    Optional<Analysis> recent = analyzer.latest().filter(a -> !a.contexts().isEmpty()).or(analyzer::lastGood);
    Optional<ValuesContext> context = recent.isPresent() ? contextAt(recent.get(), position) : contextAt(uri, position, cancel);
    return context.map(ValuesContext::workers).orElse(Workers.NONE);
  }

  static Optional<ValuesContext> contextAt(Analysis analysis, Position position) {
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
      return timer.schedule(() -> analysts.execute(() -> validate(uri)), delayMillis, TimeUnit.MILLISECONDS);
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
      Settings current = settings.get();
      boolean checked = !Preview.isPreview(Document.pathOf(uri))
          && (ValuesFiles.shouldCheck(uri, analysis.file()) || current.isValuesFile(Document.pathOf(uri)) || stacks.containsKey(uri));
      List<Diagnostic> own = new ArrayList<>(analysis.diagnostics());
      StackFinder.Found found = stacks.get(uri);
      if (found != null) {
        own.addAll(stackLayers.refused(found, openTexts().keySet(), allowedFor(uri)));
      }
      List<Diagnostic> all = new ArrayList<>(checked ? current.apply(own) : List.of());
      // A render's complaint about a value the analysis flags already would say it twice.
      renderDiagnostics.getOrDefault(uri, List.of()).stream()
          .filter(r -> all.stream().noneMatch(a -> a.getSeverity() == DiagnosticSeverity.Error && a.getRange().equals(r.getRange())))
          .forEach(all::add);
      synchronized (published) {
        if (published.merge(uri, version, Math::max) == version && store.get(uri).isPresent()) {
          publish.accept(new PublishDiagnosticsParams(uri, all, version));
        }
      }
    } catch (CancellationException e) {
      // a newer version is queued and will publish
    } catch (RuntimeException | StackOverflowError e) {
      System.err.println("buildbot-ls: analysis of " + uri + " failed: " + e.getClass().getName());
    }
  }
}
