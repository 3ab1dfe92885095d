package dev.buildbotls.render;

import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YNode;
import dev.buildbotls.yaml.YSeq;
import dev.buildbotls.yaml.YamlDocument;
import dev.buildbotls.yaml.YamlFile;
import dev.buildbotls.yaml.GoYamlBreaks;
import dev.buildbotls.yaml.YamlParser;
import dev.buildbotls.yaml.YamlWalk;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/** Places Helm's schema messages ({@code - at '/master/replicas': got string, want integer}) in a values file. */
public final class HelmErrors {
  private static final Pattern AT = Pattern.compile("- at '([^']*)': ([^\\n]*?)(?=\\s+- at '|$)", Pattern.DOTALL);
  private static final Pattern ADDITIONAL = Pattern.compile("additional propert(?:y|ies) '([^']+)'");
  private static final Pattern MISSING = Pattern.compile("missing propert(?:y|ies) '([^']+)'");
  /** Messages about a key's name: Helm locates them at a parent, the name tells which key. */
  private static final Pattern PROPERTY_NAME = Pattern.compile("invalid propertyName '([^']+)'|^'([^']+)' does not match pattern");

  private HelmErrors() {}

  /** One problem Helm names: where in the values, and what. */
  public record Problem(String pointer, String message, Range range) {}

  /**
   * The problems of a Helm message that can be placed in one values file, the one Helm's message
   * calls {@code name}: a YAML error on its line, schema complaints on their values ("validation
   * failed" summary lines dropped). Helm reads the file's first document only.
   */
  public static List<Problem> place(String helmMessage, String name, YamlFile file) {
    List<Problem> problems = new ArrayList<>();
    Matcher syntax = Pattern.compile("failed to parse " + Pattern.quote(name) + ": .*?yaml: line (\\d+):").matcher(helmMessage);
    if (syntax.find()) {
      int line = file.lines().positionAt(goYamlLineStart(file.text(), Integer.parseInt(syntax.group(1)) - 1)).getLine();
      problems.add(new Problem("", "the values are not YAML Helm can read",
          new Range(new Position(line, 0), new Position(line, file.lines().lineText(line).length()))));
    }
    if (!file.documents().isEmpty()) {
      problems.addAll(place(helmMessage, file.documents().get(0)));
    }
    return problems;
  }

  /**
   * Where go-yaml's line {@code line} (0-based) starts: go-yaml also breaks lines at U+0085, U+2028
   * and U+2029, which are no line breaks to an editor.
   */
  static int goYamlLineStart(String text, int line) {
    int seen = 0;
    for (int i = 0; i < text.length() && seen < line; i++) {
      char c = text.charAt(i);
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        i++;
      }
      if (c == '\n' || c == '\r' || GoYamlBreaks.isBreak(c)) {
        if (++seen == line) {
          return i + 1;
        }
      }
    }
    return seen == line ? 0 : text.length();
  }

  private static List<Problem> place(String helmMessage, YamlDocument document) {
    List<Problem> problems = new ArrayList<>();
    Matcher m = AT.matcher(helmMessage.replace('\n', ' '));
    while (m.find()) {
      String pointer = m.group(1);
      String message = m.group(2).trim();
      if (message.equals("validation failed")) {
        continue;
      }
      rangeOf(pointer, message, document).ifPresent(range -> problems.add(new Problem(pointer, message, range)));
    }
    return problems;
  }

  private static Optional<Range> rangeOf(String pointer, String message, YamlDocument document) {
    List<Object> path = new ArrayList<>();
    for (String step : pointer.split("/")) {
      if (!step.isEmpty()) {
        String key = step.replace("~1", "/").replace("~0", "~");
        path.add(key.matches("\\d+") && document.find(path).map(n -> n instanceof YSeq).orElse(false) ? Integer.parseInt(key) : key);
      }
    }
    Matcher additional = ADDITIONAL.matcher(message);
    if (additional.find()) {
      List<Object> keyPath = new ArrayList<>(path);
      keyPath.add(additional.group(1));
      return document.findEntry(keyPath).map(e -> e.key().range());
    }
    Matcher missing = MISSING.matcher(message);
    if (missing.find()) { // on the `key: null` that deleted it, else on the key of what lacks it
      List<Object> keyPath = new ArrayList<>(path);
      keyPath.add(missing.group(1));
      return document.findEntry(keyPath).or(() -> document.findEntry(path)).map(e -> e.key().range());
    }
    Matcher name = PROPERTY_NAME.matcher(message);
    if (name.find()) {
      return findKey(document, name.group(1) != null ? name.group(1) : name.group(2));
    }
    if (path.isEmpty()) {
      return Optional.empty(); // the whole file is no useful place
    }
    Optional<YMap.Entry> entry = document.findEntry(path);
    if (entry.isPresent()) {
      return Optional.of(entry.get().value().range());
    }
    return document.find(path).map(YNode::range);
  }

  /** The first key with this name anywhere in the document (Helm's location for property names is its parent's parent). */
  private static Optional<Range> findKey(YamlDocument document, String key) {
    List<Range> found = new ArrayList<>();
    YamlWalk.forEachMap(document, map -> map.entries().stream()
        .filter(e -> e.keyText().equals(key)).findFirst().ifPresent(e -> found.add(e.key().range())));
    return found.stream().findFirst();
  }
}
