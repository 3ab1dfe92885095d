package dev.buildbotls.testing;

import dev.buildbotls.yaml.LineIndex;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * A test text with markers: {@code «…»} marks expected ranges (in order), {@code |} the cursor
 * (only with {@link #withCursor}). Positions are LSP positions of the text without the markers.
 */
public record Marked(String text, List<Range> spans, Position cursor) {

  public static Marked of(String marked) {
    return parse(marked, false);
  }

  public static Marked withCursor(String marked) {
    return parse(marked, true);
  }

  private static Marked parse(String marked, boolean cursorMarker) {
    StringBuilder text = new StringBuilder();
    List<Integer> starts = new ArrayList<>();
    List<int[]> spans = new ArrayList<>();
    int cursor = -1;
    for (int i = 0; i < marked.length(); i++) {
      char c = marked.charAt(i);
      if (c == '«') {
        starts.add(text.length());
      } else if (c == '»') {
        spans.add(new int[] {starts.remove(starts.size() - 1), text.length()});
      } else if (c == '|' && cursorMarker && cursor < 0) {
        cursor = text.length();
      } else {
        text.append(c);
      }
    }
    LineIndex lines = new LineIndex(text.toString());
    spans.sort((a, b) -> a[0] - b[0]);
    List<Range> ranges = spans.stream().map(s -> new Range(lines.positionAt(s[0]), lines.positionAt(s[1]))).toList();
    return new Marked(text.toString(), ranges, cursor < 0 ? null : lines.positionAt(cursor));
  }

  /** {@code L:C-L:C}, 0-based, as the assertions print ranges. */
  public static String format(Range r) {
    return r.getStart().getLine() + ":" + r.getStart().getCharacter() + "-" + r.getEnd().getLine() + ":" + r.getEnd().getCharacter();
  }
}
