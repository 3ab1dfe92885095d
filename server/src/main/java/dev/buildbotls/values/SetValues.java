package dev.buildbotls.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Helm's {@code --set} and {@code --set-string} ({@code strvals}): {@code a.b=c,d={x,y}}, with
 * {@code \,} and {@code \.} escapes. Each assignment becomes a layer of its own, a one-line YAML
 * (JSON) document, so it is merged, checked and rendered like a values file.
 */
public final class SetValues {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** One assignment: as the user wrote it, and as a one-line values document. */
  public record Assignment(String source, String yaml) {}

  private SetValues() {}

  /**
   * @param strings true for {@code --set-string}: every value is text
   * @throws IllegalArgumentException with a one-line reason when Helm would refuse the expression too,
   *     or it uses list indexes ({@code a[0]=x}), which {@code --check} does not place
   */
  public static List<Assignment> parse(String expression, boolean strings) {
    List<Assignment> assignments = new ArrayList<>();
    for (String part : split(expression, ',', true)) {
      int equals = unescapedIndex(part, '=');
      if (equals < 0) {
        throw new IllegalArgumentException("`" + part + "`: key has no value (expected key=value)");
      }
      String key = part.substring(0, equals);
      if (key.contains("[")) {
        throw new IllegalArgumentException("`" + part + "`: list indexes are not supported by --check and --render; set the whole list in a values file");
      }
      List<String> path = split(key, '.', false).stream().map(SetValues::unescape).toList();
      if (path.stream().anyMatch(String::isEmpty)) {
        throw new IllegalArgumentException("`" + part + "`: empty key");
      }
      String raw = part.substring(equals + 1);
      JsonNode value;
      if (raw.startsWith("{") && raw.endsWith("}")) {
        ArrayNode list = JSON.arrayNode();
        if (raw.length() > 2) {
          split(raw.substring(1, raw.length() - 1), ',', false).forEach(item -> list.add(typed(unescape(item), strings)));
        }
        value = list;
      } else {
        value = typed(unescape(raw), strings);
      }
      for (int i = path.size() - 1; i >= 0; i--) {
        ObjectNode map = JSON.objectNode();
        map.set(path.get(i), value);
        value = map;
      }
      assignments.add(new Assignment(part, value.toString() + "\n"));
    }
    return assignments;
  }

  /** strvals' typedVal: true, false, null, and base-10 integers without a leading zero; else text. */
  private static JsonNode typed(String value, boolean strings) {
    if (strings) {
      return JSON.textNode(value);
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return JSON.booleanNode(value.equalsIgnoreCase("true"));
    }
    if (value.equalsIgnoreCase("null")) {
      return JSON.nullNode();
    }
    if (value.equals("0")) {
      return JSON.numberNode(0L);
    }
    if (!value.isEmpty() && value.charAt(0) != '0') {
      try {
        return JSON.numberNode(Long.parseLong(value));
      } catch (NumberFormatException e) {
        // text
      }
    }
    return JSON.textNode(value);
  }

  /** Splits at unescaped separators (and, for assignments, never inside a {@code {list}}). */
  private static List<String> split(String text, char separator, boolean braces) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        part.append(c).append(text.charAt(++i));
        continue;
      }
      if (braces && c == '{') {
        depth++;
      } else if (braces && c == '}' && depth > 0) {
        depth--;
      }
      if (c == separator && depth == 0) {
        parts.add(part.toString());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    parts.add(part.toString());
    return parts;
  }

  private static int unescapedIndex(String text, char wanted) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\\') {
        i++;
      } else if (text.charAt(i) == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static String unescape(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c == '\\' && i + 1 < text.length() ? text.charAt(++i) : c);
    }
    return out.toString();
  }
}
