package dev.buildbotls.diagnostics;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import dev.buildbotls.schema.ValuesSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import dev.buildbotls.yaml.YScalar;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.Location;
import dev.buildbotls.values.LegacyLayout;

/**
 * JSON Schema violations of the merged values, each placed at the smallest range in this file:
 * the unknown key, the wrong value, the parent key of a missing property. Messages are written
 * here, never copied from the validator, so no value (a password) is ever echoed.
 */
public final class SchemaDiagnostics {
  private SchemaDiagnostics() {}

  public static List<Diagnostic> check(ValuesContext context, ValuesSchema.Memo memo) {
    Map<String, Diagnostic> unique = new LinkedHashMap<>();
    for (ValuesSchema.Violation v : ValuesSchema.get().validate(context.values(), memo)) {
      ValidationMessage m = v.message();
      List<Object> path = v.path();
      List<Diagnostic> found = switch (m.getType()) {
        case "additionalProperties" -> listOf(unknownKey(context, path, m.getProperty()));
        case "required" -> listOf(missing(context, path, m.getProperty()));
        case "propertyNames" -> badNames(context, path, m);
        default -> listOf(wrongValue(context, path, m));
      };
      found.forEach(d -> unique.putIfAbsent(d.getCode().getLeft() + d.getRange(), d));
    }
    return new ArrayList<>(unique.values());
  }

  private static Diagnostic unknownKey(ValuesContext context, List<Object> parent, String key) {
    List<Object> path = append(parent, key);
    Optional<Range> range = context.keyRange(path);
    if (range.isEmpty()) {
      return null; // from the defaults, which the chart's own tests keep valid
    }
    String legacy = parent.isEmpty() ? LegacyLayout.KEYS.get(key) : null;
    if (legacy != null) { // explained by the file's one legacy-layout diagnostic, which comes first
      Diagnostic d = error(range.get(), "additionalProperties", "unknown key `" + key + "`: the original chart's flat layout, `"
          + legacy + "` here; Helm rejects values the chart does not declare");
      LegacyLayout.flatEntries(context.document().root()).stream().findFirst()
          .ifPresent(first -> d.setRelatedInformation(List.of(new DiagnosticRelatedInformation(
              new Location(context.uri(), first.key().range()), "the file is in the original chart's flat layout: migrate it"))));
      return d;
    }
    List<String> known = ValuesSchema.get().at(parent).map(ValuesSchema::propertyNames).orElse(List.of());
    String where = parent.isEmpty() ? "at the top level" : "under `" + dotted(parent) + "`";
    return error(range.get(), "additionalProperties", "unknown key `" + key + "` " + where
        + Suggestions.didYouMean(key, known) + "; Helm rejects values the chart does not declare");
  }

  private static Diagnostic missing(ValuesContext context, List<Object> parent, String property) {
    Optional<Range> deleted = context.node(append(parent, property)).filter(n -> n instanceof YScalar s && s.value() == null)
        .flatMap(n -> context.keyRange(append(parent, property)));
    if (deleted.isPresent()) {
      // `key: null` deleted a default the chart cannot render without (Helm: "missing property").
      return error(deleted.get(), "required", "`" + dotted(append(parent, property)) + ": null` deletes the chart's default, "
          + "which the chart needs; Helm refuses the values (remove the line to keep the default)");
    }
    JsonNode defaultParent = context.defaults();
    for (Object step : parent) {
      defaultParent = step instanceof Integer i ? defaultParent.path(i) : defaultParent.path((String) step);
    }
    if (!defaultParent.isMissingNode() && !defaultParent.has(property)) {
      return null; // the chart's own defaults lack it: not this file's doing
    }
    String message = (parent.isEmpty() ? "the values" : "`" + dotted(parent) + "`")
        + " lacks the required property `" + property + "`";
    Range at = nearestKey(context, parent);
    return at == null ? null : error(at, "required", message);
  }

  private static List<Diagnostic> listOf(Diagnostic d) {
    return d == null ? List.of() : List.of(d);
  }

  /** Why a named map's keys are short: what Kubernetes makes of them. */
  private static final Map<String, String> NAME_LIMITS = Map.of(
      "workers", ", at most 50 characters (it becomes a Kubernetes name)",
      "latentWorkers", ", at most 47 characters (its build pods are named buildbot-<name>-<6 hex digits>, a DNS label of at most 63)");

  /** Each key of the mapping that is reserved or breaks the names' pattern. */
  private static List<Diagnostic> badNames(ValuesContext context, List<Object> path, ValidationMessage m) {
    // The validator reports the mapping; the offending key is the one that breaks the pattern.
    JsonNode names = m.getInstanceNode();
    JsonNode propertyNames = ValuesSchema.get().at(path).map(s -> s.path("propertyNames")).orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    String rule = propertyNames.path("pattern").asText();
    List<String> reserved = new ArrayList<>();
    propertyNames.path("not").path("enum").forEach(n -> reserved.add(n.asText()));
    String reservedPattern = propertyNames.path("not").path("pattern").asText("");
    java.util.regex.Pattern reservedKeys = reservedPattern.isEmpty() ? null : java.util.regex.Pattern.compile(reservedPattern);
    List<Diagnostic> bad = new ArrayList<>();
    if (names != null && names.isObject()) {
      for (var it = names.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        boolean reservedByPattern = reservedKeys != null && reservedKeys.matcher(name).find();
        if (reserved.contains(name) || reservedByPattern) { // (one diagnostic per name: the pattern's below would say it again)
          Optional<Range> range = context.keyRange(append(path, name));
          if (range.isPresent()) {
            bad.add(error(range.get(), "propertyNames", "`" + name + "` under `" + dotted(path) + "` is reserved: the chart sets it itself ("
                + (reservedByPattern ? propertyNames.path("not").path("description").asText("keys matching " + reservedPattern) : String.join(", ", reserved))
                + "); Helm refuses the values"));
          }
          continue;
        }
        int maxLength = propertyNames.path("maxLength").asInt(Integer.MAX_VALUE);
        if (!name.matches(rule) || name.length() > maxLength) {
          Optional<Range> range = context.keyRange(append(path, name));
          if (range.isPresent()) {
            String must = isManifestText(rule) ? UNWRITABLE.substring(1)
                : (rule.startsWith("^[a-z0-9]") ? "must be lower-case letters, digits and '-', start and end with a letter or digit"
                    + NAME_LIMITS.getOrDefault(dotted(path), "")
                    : "must match the names' pattern") + " (pattern " + rule + ")";
            bad.add(error(range.get(), "pattern", "name `" + name + "` under `" + dotted(path) + "` " + must));
          }
        }
      }
    }
    return bad;
  }

  private static Diagnostic wrongValue(ValuesContext context, List<Object> path, ValidationMessage m) {
    JsonNode schema = m.getSchemaNode();
    String what = path.isEmpty() ? "the values" : "`" + dotted(path) + "`";
    String keyword = m.getType();
    String message = switch (keyword) {
      case "type" -> what + " must be " + expectedType(schema) + ", not " + jsonType(m.getInstanceNode());
      case "enum" -> what + " must be one of " + String.join(", ", enumValues(schema));
      case "pattern" -> isManifestText(schema.asText()) ? what + UNWRITABLE : what + " must match the pattern " + schema.asText();
      case "minimum" -> what + " must be at least " + schema.asText();
      case "maximum" -> what + " must be at most " + schema.asText();
      case "minLength" -> what + " must not be empty";
      case "maxLength" -> what + " must be at most " + schema.asText() + " characters";
      case "minItems" -> what + " must have at least " + schema.asText() + " item(s)";
      case "uniqueItems" -> what + " must not repeat an item";
      case "oneOf", "anyOf" -> what + " must be " + alternatives(m);
      default -> what + " breaks the schema's `" + keyword + "` rule";
    };
    Range range = context.valueRange(path).orElseGet(() -> nearestKey(context, path));
    return range == null ? null : error(range, keyword, message);
  }

  private static final String UNWRITABLE = " holds DEL or a C1 control character (U+007F to U+009F): Helm's toYaml cannot write it "
      + "into the manifest and silently drops the whole block (a nodeSelector, the annotations); Helm refuses the values";

  /** The schema's pattern of text the chart writes with toYaml ({@code definitions.manifestData}). */
  private static boolean isManifestText(String pattern) {
    return pattern.equals(ValuesSchema.get().raw().path("definitions").path("manifestData").path("pattern").asText());
  }

  private static String alternatives(ValidationMessage m) {
    JsonNode options = m.getSchemaNode();
    List<String> kinds = new ArrayList<>();
    if (options != null && options.isArray()) {
      options.forEach(o -> kinds.add(o.path("type").asText("value") + (o.path("type").asText().equals("array") ? " of " + o.path("items").path("type").asText("value") + "s" : "")));
    }
    return kinds.isEmpty() ? "of another shape" : "a " + String.join(" or a ", kinds);
  }

  private static List<String> enumValues(JsonNode schema) {
    List<String> values = new ArrayList<>();
    if (schema != null) {
      schema.forEach(v -> values.add("`" + v.asText() + "`"));
    }
    return values;
  }

  private static String expectedType(JsonNode schema) {
    if (schema == null) {
      return "another type";
    }
    if (schema.isArray()) {
      List<String> types = new ArrayList<>();
      schema.forEach(t -> types.add(article(t.asText())));
      return String.join(" or ", types);
    }
    return article(schema.asText());
  }

  private static String article(String type) {
    return switch (type) {
      case "integer", "array", "object" -> "an " + type;
      default -> "a " + type;
    };
  }

  private static String jsonType(JsonNode node) {
    if (node == null || node.isNull()) {
      return "empty (null)";
    }
    if (node.isIntegralNumber()) {
      return "an integer";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    return "a string";
  }

  /**
   * The key of the deepest part of the path this file sets; the file's start if none; null when
   * another file of the stack sets a deeper part (the finding is that file's).
   */
  private static Range nearestKey(ValuesContext context, List<Object> path) {
    if (context.stack().reach(path) > context.reach(path)) {
      return null;
    }
    for (int n = path.size(); n > 0; n--) {
      Optional<Range> r = context.keyRange(path.subList(0, n));
      if (r.isPresent()) {
        return r.get();
      }
    }
    Position start = context.document().root() == null ? new Position(0, 0) : context.document().root().range().getStart();
    return new Range(start, start);
  }

  private static Diagnostic error(Range range, String keyword, String message) {
    return new Diagnostic(range, message, DiagnosticSeverity.Error, Code.SOURCE, Code.SCHEMA_PREFIX + keyword);
  }

  private static List<Object> append(List<Object> path, Object step) {
    List<Object> result = new ArrayList<>(path);
    result.add(step);
    return result;
  }

  static String dotted(List<Object> path) {
    StringBuilder b = new StringBuilder();
    for (Object step : path) {
      if (step instanceof Integer i) {
        b.append('[').append(i).append(']');
      } else {
        b.append(b.length() == 0 ? "" : ".").append(step);
      }
    }
    return b.toString();
  }
}
