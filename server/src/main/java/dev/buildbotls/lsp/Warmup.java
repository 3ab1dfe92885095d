package dev.buildbotls.lsp;

import dev.buildbotls.service.LanguageService;
import dev.buildbotls.diagnostics.Analysis;
import dev.buildbotls.diagnostics.IncrementalAnalyzer;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.schema.ValuesSchema;
import dev.buildbotls.values.ChartDefaults;
import dev.buildbotls.yaml.YMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

/**
 * Readies, while the client is still starting up, what the first requests need: the compiled
 * schema and the bundled chart's defaults (first: a document opened meanwhile waits on them); a
 * builder's list of a pool of {@value #POOL} workers, completed and written as the protocol writes
 * it (a few hundred calls have the JIT compile the per-item code, so the first list of a farm of
 * thousands runs compiled; before the rest, as an editor completes right after the first
 * diagnostics); then the analysis, completion and hover code (its classes loaded and initialised),
 * by working once on the bundled values.
 * The completion and hover requests and answers go through the endpoint's own message handler, so
 * its JSON adapters (built by reflection at first use, per handler) are ready for the first ones.
 * On its own thread: the protocol starts meanwhile, and a document opened early simply shares the
 * work already done.
 */
final class Warmup {
  /** Past the JIT's first threshold (C1 compiles a method after 200 calls), a few milliseconds of work. */
  static final int POOL = 400;
  private static final String FARM = "workers:\n  pool:\n    replicas: " + POOL + "\nbuilders:\n  build:\n"
      + "    repository: https://example.org/app.git\n    command: [make]\n    workers: []\n";

  private Warmup() {}

  /** @param json the endpoint's message handler, once the endpoint is made */
  static void start(CompletableFuture<MessageJsonHandler> json) {
    Thread thread = new Thread(() -> run(json), "buildbot-ls-warmup");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  private static void run(CompletableFuture<MessageJsonHandler> json) {
    try {
      work(json::join);
    } catch (RuntimeException | LinkageError e) {
      System.err.println("buildbot-ls: warm-up failed (the server works, its first answers are slower): " + e);
    }
  }

  /** The work itself; returns the JSON of the farm's completion, as the protocol would send it. */
  static String work(Supplier<MessageJsonHandler> json) {
    // First what the first analysis of any document waits on: the schema compiled, its validators made.
    ValuesSchema.get().validate(ChartDefaults.bundled());
    Analysis farm = new IncrementalAnalyzer("buildbot-ls:warmup/farm.yaml", null).analyze(1, FARM, () -> {});
    ValuesContext context = farm.contexts().get(0);
    MessageJsonHandler endpoint = json.get(); // made by now, most likely: the schema took longer
    HoverParams hover = (HoverParams) request(endpoint, "textDocument/hover", "{\"textDocument\": {\"uri\": \"buildbot-ls:warmup/farm.yaml\"}, "
        + "\"position\": {\"line\": 2, \"character\": 4}}");
    endpoint.serialize(response(LanguageService.hover(context, hover.getPosition(), () -> {}).orElseThrow()));
    CompletionParams completion = (CompletionParams) request(endpoint, "textDocument/completion", "{\"textDocument\": {\"uri\": \"buildbot-ls:warmup/farm.yaml\"}, "
        + "\"position\": {\"line\": 7, \"character\": 14}, \"context\": {\"triggerKind\": 1}}");
    CompletionList list = LanguageService.completion(farm.file().lines(), context.workers(), completion.getPosition(), true, true, () -> {});
    String answer = endpoint.serialize(response(Either.forRight(list)));
    // Then the rest of the analysis, completion and hover code, on the bundled values.
    String text = ChartDefaults.bundledText();
    Analysis analysis = new IncrementalAnalyzer("buildbot-ls:warmup/values.yaml", null).analyze(1, text, () -> {});
    for (ValuesContext own : analysis.contexts()) {
      if (own.document().root() instanceof YMap root && !root.entries().isEmpty()) {
        Position firstKey = root.entries().get(0).key().range().getStart();
        LanguageService.hover(own, firstKey, () -> {});
        LanguageService.completion(analysis.file().lines(), own.workers(), firstKey, false, true, () -> {});
      }
    }
    return answer;
  }

  /** The parameters of a request, read as the endpoint reads them. */
  private static Object request(MessageJsonHandler json, String method, String params) {
    return ((RequestMessage) json.parseMessage("{\"jsonrpc\": \"2.0\", \"id\": 0, \"method\": \"" + method + "\", \"params\": " + params + "}")).getParams();
  }

  private static ResponseMessage response(Object result) {
    ResponseMessage response = new ResponseMessage();
    response.setId(0);
    response.setResult(result);
    return response;
  }
}
