package dev.buildbotls.completion;

import dev.buildbotls.yaml.LineIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Where the cursor is, read from the text's lines and indentation alone, so it works on half-typed
 * and invalid YAML: the path of the mapping it is in, whether a key or a value is being typed, the
 * partial word and its range, and the sibling keys or list items already written.
 */
public record CursorContext(Kind kind, List<String> path, String partial, Range replace, Set<String> siblings, int indent) {

  public enum Kind { KEY, VALUE, LIST_ITEM }

  private static final Pattern KEY_LINE = Pattern.compile("^(\\s*)(?:-\\s+)?([^\\s#:][^:#]*?)\\s*:(?:\\s+(.*))?$");
  private static final Pattern FLOW_LIST = Pattern.compile("^(\\s*)(?:-\\s+)?([^\\s#:][^:#]*?)\\s*:\\s*\\[([^\\]]*)$");
  private static final Pattern ITEM_LINE = Pattern.compile("^(\\s*)-\\s*(.*)$");

  public static CursorContext at(LineIndex lines, Position cursor) {
    int line = Math.min(cursor.getLine(), lines.lineCount() - 1);
    String full = lines.lineText(line);
    String before = full.substring(0, Math.min(cursor.getCharacter(), full.length()));
    int indent = indentOf(before.isBlank() ? before : full);

    Matcher flow = FLOW_LIST.matcher(before);
    if (flow.matches()) {
      List<String> path = new ArrayList<>(parents(lines, line, indentOf(flow.group(1))));
      path.add(flow.group(2).trim());
      String items = flow.group(3);
      int lastComma = items.lastIndexOf(',');
      String partial = items.substring(lastComma + 1).stripLeading();
      Set<String> listed = new LinkedHashSet<>();
      for (String item : items.substring(0, Math.max(0, lastComma)).split(",")) {
        if (!item.isBlank()) {
          listed.add(unquote(item.trim()));
        }
      }
      return new CursorContext(Kind.LIST_ITEM, path, partial, word(line, cursor, partial), listed, indent);
    }
    Matcher item = ITEM_LINE.matcher(before);
    if (item.matches() && !item.group(2).contains(":")) {
      int itemIndent = indentOf(item.group(1));
      List<String> path = parents(lines, line, itemIndent + 1);
      String partial = item.group(2);
      return new CursorContext(Kind.LIST_ITEM, path, partial, word(line, cursor, partial),
          listItems(lines, line, itemIndent), itemIndent);
    }
    Matcher key = KEY_LINE.matcher(before);
    if (key.matches() && key.group(3) != null) {
      List<String> path = new ArrayList<>(parents(lines, line, indentOf(key.group(1)) + (before.trim().startsWith("-") ? 2 : 0)));
      path.add(key.group(2).trim());
      String partial = key.group(3);
      return new CursorContext(Kind.VALUE, path, partial, word(line, cursor, partial), Set.of(), indent);
    }
    String partial = before.trim().startsWith("-") ? before.trim().substring(1).trim() : before.trim();
    int keyIndent = before.isBlank() ? before.length() : indentOf(before);
    if (before.trim().startsWith("-")) {
      keyIndent = before.indexOf('-') + 2;
    }
    Range replace = word(line, cursor, partial);
    int sibling = before.trim().startsWith("-") ? -1 : scalarKeyAbove(lines, line, keyIndent);
    if (sibling >= 0) {
      // Over-indented (an editor's indentation after `replicas: 2`): YAML puts no key there, so the
      // key goes beside the one above, the extra indentation replaced.
      keyIndent = sibling;
      replace = new Range(new Position(line, sibling), cursor);
    }
    List<String> path = parents(lines, line, keyIndent);
    return new CursorContext(Kind.KEY, path, partial, replace, siblingKeys(lines, line, keyIndent), keyIndent);
  }

  /** The indentation an item replaces before the partial word (over-indented lines), to prefix filter texts with. */
  public String lead() {
    int length = replace.getEnd().getCharacter() - replace.getStart().getCharacter() - partial.length();
    return length > 0 && replace.getStart().getLine() == replace.getEnd().getLine() ? " ".repeat(length) : "";
  }

  /**
   * The column of the nearest key above when it holds a scalar and sits left of {@code indent}: a
   * key deeper than it is no YAML. -1 when the line above opens a block (any deeper indentation is
   * fine) or there is none.
   */
  private static int scalarKeyAbove(LineIndex lines, int line, int indent) {
    for (int l = line - 1; l >= 0; l--) {
      String text = lines.lineText(l);
      if (text.isBlank() || text.trim().startsWith("#")) {
        continue;
      }
      Matcher m = KEY_LINE.matcher(text);
      int column = indentOf(text);
      if (text.trim().startsWith("-") || column >= indent || !m.matches() || m.group(3) == null) {
        return -1;
      }
      String value = m.group(3).trim();
      boolean opensBlock = value.isEmpty() || value.startsWith("#") || value.startsWith("&") || value.startsWith("|")
          || value.startsWith(">") || value.startsWith("!") || value.endsWith("[") || value.endsWith("{");
      return opensBlock ? -1 : column;
    }
    return -1;
  }

  /** The keys of the enclosing blocks: each nearest line above with less indentation that opens one. */
  private static List<String> parents(LineIndex lines, int line, int indent) {
    List<String> path = new ArrayList<>();
    int limit = indent;
    for (int l = line - 1; l >= 0 && limit > 0; l--) {
      String text = lines.lineText(l);
      if (text.isBlank() || text.trim().startsWith("#") || text.trim().equals("---")) {
        continue;
      }
      int i = indentOf(text);
      String trimmed = text.trim();
      int keyColumn = trimmed.startsWith("- ") ? i + 2 + indentOf(trimmed.substring(2)) : i;
      if (keyColumn < limit) {
        Matcher m = KEY_LINE.matcher(text);
        if (m.matches() && (m.group(3) == null || m.group(3).isBlank() || m.group(3).startsWith("#") || m.group(3).startsWith("&"))) {
          path.add(m.group(2).trim());
          limit = i;
        } else if (trimmed.startsWith("-")) {
          limit = i; // a list item holding a mapping: its keys are not part of the path
        } else {
          limit = keyColumn;
        }
      }
    }
    Collections.reverse(path);
    return path;
  }

  /** Keys already written at this indentation in the same block (above and below the cursor). */
  private static Set<String> siblingKeys(LineIndex lines, int line, int indent) {
    Set<String> keys = new LinkedHashSet<>();
    for (int direction : new int[] {-1, 1}) {
      for (int l = line + direction; l >= 0 && l < lines.lineCount(); l += direction) {
        String text = lines.lineText(l);
        if (text.isBlank() || text.trim().startsWith("#")) {
          continue;
        }
        int i = indentOf(text);
        if (i < indent || text.trim().equals("---")) {
          break;
        }
        Matcher m = KEY_LINE.matcher(text);
        if (i == indent && m.matches()) {
          keys.add(m.group(2).trim());
        }
      }
    }
    return keys;
  }

  /** The items of a block list around the cursor line. */
  private static Set<String> listItems(LineIndex lines, int line, int indent) {
    Set<String> items = new LinkedHashSet<>();
    for (int direction : new int[] {-1, 1}) {
      for (int l = line + direction; l >= 0 && l < lines.lineCount(); l += direction) {
        String text = lines.lineText(l);
        Matcher m = ITEM_LINE.matcher(text);
        if (!m.matches() || indentOf(text) != indent) {
          break;
        }
        items.add(unquote(m.group(2).replaceAll("\\s+#.*$", "").trim()));
      }
    }
    return items;
  }

  private static Range word(int line, Position cursor, String partial) {
    return new Range(new Position(line, cursor.getCharacter() - partial.length()), cursor);
  }

  private static int indentOf(String text) {
    int i = 0;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  static String unquote(String s) {
    if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }
}
