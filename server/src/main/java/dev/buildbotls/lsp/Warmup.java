package dev.buildbotls.lsp;

import dev.buildbotls.service.LanguageService;
import dev.buildbotls.diagnostics.Analysis;
import dev.buildbotls.diagnostics.IncrementalAnalyzer;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.values.ChartDefaults;
import dev.buildbotls.yaml.YMap;
import org.eclipse.lsp4j.Position;

/**
 * Readies, while the client is still starting up, what the first requests need: the compiled
 * schema, the bundled chart's defaults, and the analysis, completion and hover code (its classes
 * loaded and initialised), by working once on the bundled values. On its own thread: the protocol
 * starts meanwhile, and a document opened early simply shares the work already done.
 */
final class Warmup {
  private Warmup() {}

  static void start() {
    Thread thread = new Thread(Warmup::run, "buildbot-ls-warmup");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  private static void run() {
    try {
      String text = ChartDefaults.bundledText();
      Analysis analysis = new IncrementalAnalyzer("buildbot-ls:warmup/values.yaml", null).analyze(1, text, () -> {});
      for (ValuesContext context : analysis.contexts()) {
        if (context.document().root() instanceof YMap root && !root.entries().isEmpty()) {
          Position firstKey = root.entries().get(0).key().range().getStart();
          LanguageService.hover(context, firstKey, () -> {});
          LanguageService.completion(analysis.file().lines(), context.workers(), firstKey, false, true, () -> {});
        }
      }
    } catch (RuntimeException | LinkageError e) {
      System.err.println("buildbot-ls: warm-up failed (the server works, its first answers are slower): " + e);
    }
  }
}
