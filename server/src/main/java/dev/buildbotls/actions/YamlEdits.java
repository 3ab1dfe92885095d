package dev.buildbotls.actions;

import dev.buildbotls.yaml.LineIndex;
import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YNode;
import dev.buildbotls.yaml.YScalar;
import dev.buildbotls.yaml.YamlDocument;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/**
 * Minimal text edits on a values file: only the characters that must change, so the user's
 * comments, indentation and key order stay as they are.
 */
public final class YamlEdits {
  private final YamlDocument document;
  private final LineIndex lines;

  public YamlEdits(YamlDocument document, LineIndex lines) {
    this.document = document;
    this.lines = lines;
  }

  /** Sets a scalar at a path: replaces the value if the file has it, else adds the missing keys. */
  public TextEdit set(List<String> path, String value) {
    if (document.find(path).orElse(null) instanceof YScalar existing && !isEmpty(existing.range())) {
      return new TextEdit(existing.range(), value);
    }
    return insert(path, value);
  }

  /** Adds {@code key: value} at a path whose last step is missing, creating missing parents. */
  public TextEdit insert(List<String> path, String value) {
    int depth = path.size() - 1;
    while (depth > 0 && document.find(path.subList(0, depth)).isEmpty()) {
      depth--;
    }
    YNode ancestor = depth == 0 ? document.root() : document.find(path.subList(0, depth)).get();
    List<String> rest = path.subList(depth, path.size());
    if (ancestor instanceof YMap map && map.flow()) {
      Position close = map.range().getEnd();
      Position before = new Position(close.getLine(), close.getCharacter() - 1);
      return new TextEdit(new Range(before, before), (map.entries().isEmpty() ? "" : ", ") + flow(rest, value));
    }
    if (ancestor instanceof YMap map && !map.entries().isEmpty()) {
      YMap.Entry last = map.entries().get(map.entries().size() - 1);
      Position end = afterLine(last.value().range().getEnd(), last.key().range().getStart().getLine());
      return new TextEdit(new Range(end, end), block(rest, value, last.key().range().getStart().getCharacter(), "\n"));
    }
    if (depth > 0 && ancestor instanceof YScalar s && s.value() == null) {
      // `key:` with nothing under it yet: the new block goes under it
      YMap.Entry entry = document.findEntry(path.subList(0, depth)).get();
      Position end = afterLine(entry.key().range().getEnd(), entry.key().range().getStart().getLine());
      return new TextEdit(new Range(end, end), block(rest, value, entry.key().range().getStart().getCharacter() + unit(), "\n"));
    }
    Position end = lines.end();
    return new TextEdit(new Range(end, end), (end.getCharacter() == 0 ? "" : "\n") + block(rest, value, 0, "") + "\n");
  }

  /** The end of the last line a node occupies (after any trailing comment), where a new line may start. */
  private Position afterLine(Position end, int firstLine) {
    int line = end.getCharacter() == 0 && end.getLine() > firstLine ? end.getLine() - 1 : end.getLine();
    return lines.positionAt(lines.lineEnd(line));
  }

  /** Nested block lines for the keys, each under the previous, starting with the separator. */
  private String block(List<String> keys, String value, int indent, String separator) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      b.append(separator).append(" ".repeat(indent + i * unit())).append(keys.get(i)).append(':');
      separator = "\n";
    }
    return b.append(' ').append(value).toString();
  }

  private static String flow(List<String> keys, String value) {
    String text = keys.get(keys.size() - 1) + ": " + value;
    for (int i = keys.size() - 2; i >= 0; i--) {
      text = keys.get(i) + ": {" + text + "}";
    }
    return text;
  }

  /** The file's indentation step: the first indented key's column, else 2. */
  public int unit() {
    for (int l = 0; l < lines.lineCount(); l++) {
      String text = lines.lineText(l);
      int i = 0;
      while (i < text.length() && text.charAt(i) == ' ') {
        i++;
      }
      if (i > 0 && i < text.length() && text.charAt(i) != '#' && text.charAt(i) != '-') {
        return i;
      }
    }
    return 2;
  }

  public LineIndex lines() {
    return lines;
  }

  public static boolean isEmpty(Range r) {
    return r.getStart().equals(r.getEnd());
  }
}
