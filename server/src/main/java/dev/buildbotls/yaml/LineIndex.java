package dev.buildbotls.yaml;

import java.util.Arrays;
import org.eclipse.lsp4j.Position;

/**
 * Converts between UTF-16 offsets in a text and LSP positions (0-based line, UTF-16 column).
 * Line breaks are {@code \n}, {@code \r\n} and a lone {@code \r}, as the LSP specification says.
 */
public final class LineIndex {
  private final String text;
  private final int[] lineStarts;

  public LineIndex(String text) {
    this.text = text;
    int[] starts = new int[16];
    int count = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, count);
  }

  public String text() {
    return text;
  }

  public int lineCount() {
    return lineStarts.length;
  }

  public Position positionAt(int offset) {
    return positionAt(offset, -1);
  }

  /** The position of an offset, looked up directly when {@code likelyLine} (a parser's count) holds it. */
  public Position positionAt(int offset, int likelyLine) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    int line = likelyLine;
    if (line < 0 || line >= lineStarts.length || lineStarts[line] > clamped
        || line + 1 < lineStarts.length && lineStarts[line + 1] <= clamped) {
      line = Arrays.binarySearch(lineStarts, clamped);
      if (line < 0) {
        line = -line - 2;
      }
    }
    return new Position(line, clamped - lineStarts[line]);
  }

  /** The offset of a position; lines and columns past the end are clamped, as clients expect. */
  /** The nearest position in the text: a client's position before, past or between lines is clamped, never refused. */
  public Position clamp(Position position) {
    return positionAt(offsetAt(position));
  }

  public int offsetAt(Position position) {
    if (position.getLine() < 0) {
      return 0;
    }
    if (position.getLine() >= lineStarts.length) {
      return text.length();
    }
    int start = lineStarts[position.getLine()];
    return Math.min(start + Math.max(0, position.getCharacter()), lineEnd(position.getLine()));
  }

  /** The offset just before the line break of a line. */
  public int lineEnd(int line) {
    int end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length();
    while (end > lineStarts[line] && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return end;
  }

  public int lineStart(int line) {
    return lineStarts[Math.max(0, Math.min(line, lineStarts.length - 1))];
  }

  /** The spaces a line starts with (all of it when blank). */
  public int indentation(int line) {
    int start = lineStart(line);
    int end = lineEnd(line);
    int i = start;
    while (i < end && text.charAt(i) == ' ') {
      i++;
    }
    return i - start;
  }

  public String lineText(int line) {
    return text.substring(lineStart(line), lineEnd(line));
  }

  public Position end() {
    return positionAt(text.length());
  }
}
