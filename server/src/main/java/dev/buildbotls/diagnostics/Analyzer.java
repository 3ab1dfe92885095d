package dev.buildbotls.diagnostics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildbotls.schema.ValuesSchema;
import dev.buildbotls.values.ChartDefaults;
import dev.buildbotls.values.HelmMerge;
import dev.buildbotls.values.JsonView;
import dev.buildbotls.values.ValuesStack;
import dev.buildbotls.values.VersionMemo;
import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.NodeFinder;
import dev.buildbotls.yaml.YNode;
import dev.buildbotls.yaml.YScalar;
import dev.buildbotls.yaml.YamlDocument;
import dev.buildbotls.yaml.YamlFile;
import dev.buildbotls.yaml.YamlParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * The one analysis the editor and {@code --check} share: parse, merge each document over the
 * chart's defaults, validate against the schema, run every rule.
 */
public final class Analyzer {
  /** Every rule beyond JSON Schema, one per catalogue code that has one. */
  public static final List<Rule> RULES = Arrays.stream(Code.values()).flatMap(c -> c.newRule().stream()).toList();

  private static final Comparator<Diagnostic> BY_POSITION = Comparator
      .comparingInt((Diagnostic d) -> d.getRange().getStart().getLine())
      .thenComparingInt(d -> d.getRange().getStart().getCharacter())
      .thenComparing(d -> d.getCode().getLeft());

  /**
   * The time one analysis may take before it stops with an {@code analysis-budget} diagnostic. The
   * parser's bounds make any file analyse in well under a second; this is the guard should a rule
   * ever meet input they do not bound (README: "Limits and hostile input").
   */
  public static final Duration BUDGET = Duration.ofSeconds(10);

  private Analyzer() {}

  /**
   * One rule, isolated as Eclipse LemMinX isolates its participants: a rule that fails costs its own
   * diagnostics (logged to stderr, the message only), never the analysis.
   */
  public static void check(Rule rule, ValuesContext context, List<Diagnostic> out) {
    List<Diagnostic> own = new ArrayList<>();
    try {
      rule.check(context, own);
      out.addAll(own);
    } catch (RuntimeException | StackOverflowError e) {
      System.err.println("buildbot-ls: rule " + rule.getClass().getSimpleName() + " failed on " + context.uri() + ": " + e);
    }
  }

  /**
   * @param uri the document's URI (for related information)
   * @param file where the document lives, to find its chart's defaults; null for the bundled chart
   */
  public static Analysis analyze(String uri, Path file, String text, CancelChecker cancel) {
    return analyze(uri, file, text, cancel, BUDGET);
  }

  /** @param budget how long the analysis may run before the rest of it is given up */
  public static Analysis analyze(String uri, Path file, String text, CancelChecker cancel, Duration budget) {
    return analyze(uri, file, YamlParser.parse(text), ValuesStack.NONE, null, new ValuesSchema.Memo(), cancel, budget);
  }

  /** One layer of a stack ({@code -f base.yaml -f prod.yaml --set ...}): the merged values, checked, placed in this layer. */
  public static Analysis analyze(String uri, Path file, YamlFile yaml, ValuesStack stack, CancelChecker cancel) {
    return analyze(uri, file, yaml, stack, null, new ValuesSchema.Memo(), cancel, BUDGET);
  }

  /**
   * @param json the JSON of the previous version's nodes, or null ({@link IncrementalAnalyzer})
   * @param verdicts schema verdicts of the previous version's entries
   */
  static Analysis analyze(String uri, Path file, YamlFile yaml, ValuesStack stack, VersionMemo<YNode, JsonNode> json,
      ValuesSchema.Memo verdicts, CancelChecker cancel, Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<ValuesContext> contexts = new ArrayList<>();
    if (yaml.hasSyntaxError()) {
      diagnostics.add(new Diagnostic(yaml.syntaxError().range(), yaml.syntaxError().message(),
          org.eclipse.lsp4j.DiagnosticSeverity.Error, Code.SOURCE, Code.YAML_SYNTAX.id()));
    }
    for (YamlFile.SyntaxError hidden : yaml.hiddenLineBreaks()) {
      diagnostics.add(new Diagnostic(hidden.range(), hidden.message(), org.eclipse.lsp4j.DiagnosticSeverity.Error, Code.SOURCE, Code.YAML_SYNTAX.id()));
    }
    JsonNode defaults = ChartDefaults.forFile(file).orElse(null);
    boolean first = true;
    for (YamlDocument document : yaml.documents()) {
      cancel.checkCanceled();
      boolean read = first; // Helm reads the first document of a values file, and only it
      first = false;
      if (System.nanoTime() - deadline >= 0) {
        diagnostics.add(overBudget(document, budget, "this document"));
        break;
      }
      if (document.root() == null || document.root() instanceof YScalar s && s.value() == null) {
        continue; // an empty document (or a bare `---`, or `~`): Helm reads no values from it
      }
      // Aliases share nodes between places, so only alias-free documents share JSON between versions.
      JsonNode own = JsonView.toJson(document.root(), document.sharesNodes() ? null : json);
      JsonNode user = read ? stack.userValues(own) : own;
      JsonNode values = defaults == null ? user : HelmMerge.merge(defaults, user);
      ValuesContext context = new ValuesContext(uri, document, values, user, defaults, read ? stack : ValuesStack.NONE);
      contexts.add(context); // completion and hover still serve an ignored document
      if (!read) {
        Range at = document.root() instanceof YMap map && !map.entries().isEmpty()
            ? map.entries().get(0).key().range() // the document's first key: a visible mark
            : new Range(document.root().range().getStart(), document.root().range().getStart());
        diagnostics.add(new Diagnostic(at, "Helm reads only the first YAML document of a values file: "
            + "this one is ignored (split it into a file of its own)", Code.IGNORED_DOCUMENT.severity(), Code.SOURCE, Code.IGNORED_DOCUMENT.id()));
        continue;
      }
      List<Diagnostic> found = new ArrayList<>(SchemaDiagnostics.check(context, verdicts));
      Rule late = null;
      for (Rule rule : RULES) {
        cancel.checkCanceled();
        if (System.nanoTime() - deadline >= 0) {
          late = rule;
          break;
        }
        check(rule, context, found);
      }
      // In a stack, a value a later layer overrides is not what Helm uses: its findings are that layer's.
      found.removeIf(d -> !stack.isNone() && NodeFinder.find(document, d.getRange().getStart())
          .map(hit -> stack.shadowed(hit.path())).orElse(false));
      diagnostics.addAll(found);
      if (late != null) {
        diagnostics.add(overBudget(document, budget, "the rules from " + late.getClass().getSimpleName() + " on"));
        break;
      }
    }
    diagnostics.sort(BY_POSITION);
    return new Analysis(yaml, contexts, diagnostics);
  }

  private static Diagnostic overBudget(YamlDocument document, Duration budget, String skipped) {
    Position at = document.root() == null ? new Position(0, 0) : document.root().range().getStart();
    Range start = new Range(at, at);
    return new Diagnostic(start, "analysis stopped after " + budget.toMillis() + " ms, its time budget: " + skipped
        + " and any later document went unchecked", Code.ANALYSIS_BUDGET.severity(), Code.SOURCE, Code.ANALYSIS_BUDGET.id());
  }
}
