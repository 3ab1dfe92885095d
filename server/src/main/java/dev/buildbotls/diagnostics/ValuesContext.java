package dev.buildbotls.diagnostics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildbotls.values.ValuesStack;
import dev.buildbotls.values.Workers;
import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YNode;
import dev.buildbotls.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Range;

/**
 * What a rule sees of one YAML document: its nodes (for ranges) and the values Helm will see
 * (the chart's defaults merged with it). {@code defaults} is null when the file is the chart's own
 * values.yaml.
 */
public final class ValuesContext {
  private final String uri;
  private final YamlDocument document;
  private final JsonNode values;
  private final JsonNode defaults;
  private final JsonNode user;
  private final ValuesStack stack;
  private Workers workers;

  /**
   * @param user the values of the user's files (this one, and the rest of its stack) before the chart's defaults
   * @param stack the files layered under and over this one
   */
  public ValuesContext(String uri, YamlDocument document, JsonNode values, JsonNode user, JsonNode defaults, ValuesStack stack) {
    this.uri = uri;
    this.document = document;
    this.values = values;
    this.user = user;
    this.defaults = defaults;
    this.stack = stack;
  }

  public ValuesStack stack() {
    return stack;
  }

  /** How many steps of the path this file sets. */
  public int reach(List<?> path) {
    return ValuesStack.reach(document, path);
  }

  /** What the user's files set (and delete, with {@code null}), merged as Helm merges its {@code -f} files: no defaults. */
  public JsonNode user() {
    return user;
  }

  public String uri() {
    return uri;
  }

  public YamlDocument document() {
    return document;
  }

  public JsonNode values() {
    return values;
  }

  /** False for the chart's own values.yaml, which is checked as itself (it has no defaults). */
  public boolean overDefaults() {
    return defaults != null;
  }

  /** The chart's defaults this file is merged over (a missing node when there are none). */
  public JsonNode defaults() {
    return defaults == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : defaults;
  }

  public Workers workers() {
    if (workers == null) {
      workers = new Workers(values);
    }
    return workers;
  }

  public Optional<YNode> node(List<?> path) {
    return document.find(path);
  }

  public Optional<YMap.Entry> entry(List<?> path) {
    return document.findEntry(path);
  }

  /** The range of the key at the end of the path, in this file. */
  public Optional<Range> keyRange(List<?> path) {
    return entry(path).map(e -> e.key().range());
  }

  /** The range of the value at the path in this file; an empty value falls back to its key. */
  public Optional<Range> valueRange(List<?> path) {
    Optional<YNode> node = node(path);
    if (node.isPresent() && !isEmpty(node.get().range())) {
      return Optional.of(node.get().range());
    }
    return keyRange(path).or(() -> node.map(YNode::range));
  }

  /** Where a value is set: "in this file", "from the chart's defaults", or in another file of the stack. */
  public String origin(List<?> path) {
    if (node(path).isPresent() || defaults == null) {
      return "";
    }
    return stack.reach(path) == path.size() ? " (set in another values file of the stack)" : " (from the chart's defaults)";
  }

  /** A diagnostic of a catalogue code, with the code's default severity (settings may change it when published). */
  public Diagnostic diagnostic(Range range, Code code, String message) {
    return new Diagnostic(range, message, code.severity(), Code.SOURCE, code.id());
  }

  /** Points each diagnostic of a group at the others. */
  public void relate(List<Diagnostic> group, String why) {
    for (Diagnostic d : group) {
      List<DiagnosticRelatedInformation> related = new ArrayList<>();
      for (Diagnostic other : group) {
        if (other != d) {
          related.add(new DiagnosticRelatedInformation(new Location(uri, other.getRange()), why));
        }
      }
      d.setRelatedInformation(related);
    }
  }

  static boolean isEmpty(Range r) {
    return r.getStart().equals(r.getEnd());
  }

  public static String line(Range r) {
    return "line " + (r.getStart().getLine() + 1);
  }
}
