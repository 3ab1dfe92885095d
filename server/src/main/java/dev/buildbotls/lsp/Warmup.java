package dev.buildbotls.lsp;

import dev.buildbotls.service.LanguageService;
import dev.buildbotls.diagnostics.Analysis;
import dev.buildbotls.diagnostics.IncrementalAnalyzer;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.values.ChartDefaults;
import dev.buildbotls.yaml.YMap;
import java.util.Map;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

/**
 * Readies, while the client is still starting up, what the first requests need: the compiled
 * schema, the bundled chart's defaults, and the analysis, completion and hover code (its classes
 * loaded and initialised), by working once on the bundled values; then a builder's list of a pool
 * of {@value #POOL} workers, completed and written as the protocol writes it: a few hundred calls
 * have the JIT compile the per-item code, so the first list of a farm of thousands runs compiled.
 * On its own thread: the protocol starts meanwhile, and a document opened early simply shares the
 * work already done.
 */
final class Warmup {
  /** Past the JIT's first threshold (C1 compiles a method after 200 calls), a few milliseconds of work. */
  static final int POOL = 400;
  private static final String FARM = "workers:\n  pool:\n    replicas: " + POOL + "\nbuilders:\n  build:\n"
      + "    repository: https://example.org/app.git\n    command: [make]\n    workers: []\n";

  private Warmup() {}

  static void start() {
    Thread thread = new Thread(Warmup::run, "buildbot-ls-warmup");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  private static void run() {
    try {
      work();
    } catch (RuntimeException | LinkageError e) {
      System.err.println("buildbot-ls: warm-up failed (the server works, its first answers are slower): " + e);
    }
  }

  /** The work itself; returns the JSON of the farm's completion, as the protocol would send it. */
  static String work() {
    String text = ChartDefaults.bundledText();
    Analysis analysis = new IncrementalAnalyzer("buildbot-ls:warmup/values.yaml", null).analyze(1, text, () -> {});
    for (ValuesContext context : analysis.contexts()) {
      if (context.document().root() instanceof YMap root && !root.entries().isEmpty()) {
        Position firstKey = root.entries().get(0).key().range().getStart();
        LanguageService.hover(context, firstKey, () -> {});
        LanguageService.completion(analysis.file().lines(), context.workers(), firstKey, false, true, () -> {});
      }
    }
    Analysis farm = new IncrementalAnalyzer("buildbot-ls:warmup/farm.yaml", null).analyze(1, FARM, () -> {});
    CompletionList list = LanguageService.completion(farm.file().lines(), farm.contexts().get(0).workers(), new Position(7, 14), true, true, () -> {});
    ResponseMessage response = new ResponseMessage();
    response.setId(0);
    response.setResult(list);
    return new MessageJsonHandler(Map.of(), ServerLauncher.GSON).serialize(response);
  }
}
