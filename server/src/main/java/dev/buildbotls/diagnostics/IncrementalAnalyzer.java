package dev.buildbotls.diagnostics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildbotls.schema.ValuesSchema;
import dev.buildbotls.values.ValuesStack;
import dev.buildbotls.values.VersionMemo;
import dev.buildbotls.yaml.YNode;
import dev.buildbotls.yaml.IncrementalParser;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * The analyses of one open document, version after version. Each version is analysed once (a
 * request arriving while validation runs waits for it), and reuses the previous version's work:
 * the parse of unchanged entries and the schema verdicts of unchanged workers and builders.
 */
public final class IncrementalAnalyzer {
  private final String uri;
  private final Path file;
  private final IncrementalParser parser = new IncrementalParser();
  private final VersionMemo<YNode, JsonNode> json = new VersionMemo<>();
  private final ValuesSchema.Memo verdicts = new ValuesSchema.Memo();
  private volatile Versioned latest;
  private volatile Analysis lastGood;

  private record Versioned(int version, Analysis analysis) {}

  private final ValuesStack stack;

  /** @param file where the document lives, to find its chart's defaults; null for the bundled chart */
  public IncrementalAnalyzer(String uri, Path file) {
    this(uri, file, ValuesStack.NONE);
  }

  /** @param stack the values files layered under and over this one (a new stack takes a new analyzer) */
  public IncrementalAnalyzer(String uri, Path file, ValuesStack stack) {
    this.uri = uri;
    this.file = file;
    this.stack = stack;
  }

  public ValuesStack stack() {
    return stack;
  }

  /** The analysis of this version of the text (versions only grow). */
  public Analysis analyze(int version, String text, CancelChecker cancel) {
    return analysed(version).orElseGet(() -> analyzeOnce(version, text, cancel));
  }

  /** One analysis at a time: a second caller for the same version waits and takes the first one's. */
  private synchronized Analysis analyzeOnce(int version, String text, CancelChecker cancel) {
    Versioned known = latest;
    if (known != null && known.version() == version) {
      return known.analysis();
    }
    Analysis analysis = Analyzer.analyze(uri, file, parser.parse(text), stack, json, verdicts, cancel, Analyzer.BUDGET);
    // The memos turn over once per version, whatever number of YAML documents it has.
    json.nextVersion();
    verdicts.nextVersion();
    if (known == null || version > known.version()) {
      latest = new Versioned(version, analysis);
    }
    if (!analysis.file().hasSyntaxError()) {
      lastGood = analysis;
    }
    return analysis;
  }

  /** The analysis of this version if it is made already. */
  public Optional<Analysis> analysed(int version) {
    Versioned known = latest;
    return known != null && known.version() == version ? Optional.of(known.analysis()) : Optional.empty();
  }

  /** The most recent analysis, of whatever version. */
  public Optional<Analysis> latest() {
    Versioned known = latest;
    return known == null ? Optional.empty() : Optional.of(known.analysis());
  }

  /** The last analysis whose text parsed: completion keeps working through a syntax error. */
  public Optional<Analysis> lastGood() {
    return Optional.ofNullable(lastGood);
  }
}
