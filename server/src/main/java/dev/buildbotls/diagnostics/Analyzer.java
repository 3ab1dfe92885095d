package dev.buildbotls.diagnostics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildbotls.schema.ValuesSchema;
import dev.buildbotls.values.ChartDefaults;
import dev.buildbotls.values.HelmMerge;
import dev.buildbotls.values.JsonView;
import dev.buildbotls.values.VersionMemo;
import dev.buildbotls.yaml.YNode;
import dev.buildbotls.yaml.YScalar;
import dev.buildbotls.yaml.YamlDocument;
import dev.buildbotls.yaml.YamlFile;
import dev.buildbotls.yaml.YamlParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
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
    return analyze(uri, file, YamlParser.parse(text), null, new ValuesSchema.Memo(), cancel);
  }

  /**
   * @param json the JSON of the previous version's nodes, or null ({@link IncrementalAnalyzer})
   * @param verdicts schema verdicts of the previous version's entries
   */
  static Analysis analyze(String uri, Path file, YamlFile yaml, VersionMemo<YNode, JsonNode> json, ValuesSchema.Memo verdicts,
      CancelChecker cancel) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<ValuesContext> contexts = new ArrayList<>();
    if (yaml.hasSyntaxError()) {
      diagnostics.add(new Diagnostic(yaml.syntaxError().range(), yaml.syntaxError().message(),
          org.eclipse.lsp4j.DiagnosticSeverity.Error, Code.SOURCE, Code.YAML_SYNTAX.id()));
    }
    JsonNode defaults = ChartDefaults.forFile(file).orElse(null);
    for (YamlDocument document : yaml.documents()) {
      cancel.checkCanceled();
      if (document.root() == null || document.root() instanceof YScalar s && s.value() == null) {
        continue; // an empty document (or a bare `---`, or `~`): Helm reads no values from it
      }
      // Aliases share nodes between places, so only alias-free documents share JSON between versions.
      JsonNode own = JsonView.toJson(document.root(), document.sharesNodes() ? null : json);
      JsonNode values = defaults == null ? own : HelmMerge.merge(defaults, own);
      ValuesContext context = new ValuesContext(uri, document, values, defaults);
      contexts.add(context);
      diagnostics.addAll(SchemaDiagnostics.check(context, verdicts));
      for (Rule rule : RULES) {
        cancel.checkCanceled();
        check(rule, context, diagnostics);
      }
    }
    diagnostics.sort(BY_POSITION);
    return new Analysis(yaml, contexts, diagnostics);
  }
}
