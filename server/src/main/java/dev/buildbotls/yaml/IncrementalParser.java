package dev.buildbotls.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Parses successive versions of one document, reparsing only the pieces whose text changed. A
 * values file is one block mapping: each top-level entry is a piece, and so is each entry of a
 * long top-level mapping (a farm's {@code workers:} and {@code builders:}). A keystroke then
 * reparses one worker instead of thousands; unchanged pieces are reused, shifted when lines were
 * added above them.
 *
 * <p>The result always equals {@link YamlParser#parse}'s (a test compares them on edited texts):
 * a text this splitting does not cover (several documents, anchors, a top-level list, a syntax
 * error in any piece) is parsed whole.
 */
public final class IncrementalParser {
  /** Top-level entries longer than this many lines are split into their own entries. */
  static final int SPLIT_LINES = 40;

  /** A parsed piece: its single-entry mapping, placed at {@code firstLine}. */
  private record Piece(YMap map, int firstLine) {}

  /** The pieces of the previous version, by their text. */
  private Map<String, Piece> previous = Map.of();

  public synchronized YamlFile parse(String text) {
    LineIndex lines = new LineIndex(text);
    List<int[]> topLevel = splittable(text, lines) ? topLevelEntries(lines) : null;
    if (topLevel == null) {
      previous = Map.of();
      return YamlParser.parse(text);
    }
    Map<String, Piece> pieces = new HashMap<>();
    List<YMap> parsed = new ArrayList<>(topLevel.size());
    for (int[] entry : topLevel) {
      YMap piece = parseTopLevel(lines, entry[0], entry[1], pieces);
      if (piece == null) {
        previous = Map.of();
        return YamlParser.parse(text);
      }
      parsed.add(piece);
    }
    previous = pieces;
    YMap root = join(parsed);
    return new YamlFile(text, lines, List.of(new YamlDocument(root, false)), null, List.of());
  }

  /**
   * One top-level entry, lines {@code [from, to)}, as the single-entry mapping it would parse to;
   * a long one whose value is a block mapping is parsed entry by entry.
   */
  private YMap parseTopLevel(LineIndex lines, int from, int to, Map<String, Piece> pieces) {
    int[] children = to - from > SPLIT_LINES ? childLines(lines, from, to) : null;
    YMap header = children == null ? null : piece(lines, from, children[0], 0, pieces);
    if (header == null || !(header.entries().get(0).value() instanceof YScalar s) || !s.plain() || !s.text().isEmpty()) {
      return piece(lines, from, to, 0, pieces); // short, or `key: value` (a block scalar...): one piece
    }
    List<YMap> entries = new ArrayList<>(children.length);
    for (int i = 0; i < children.length; i++) {
      YMap child = piece(lines, children[i], i + 1 < children.length ? children[i + 1] : to, lines.indentation(children[i]), pieces);
      if (child == null) {
        return null;
      }
      entries.add(child);
    }
    YMap value = join(entries);
    YMap.Entry key = header.entries().get(0);
    return new YMap(List.of(new YMap.Entry(key.key(), key.keyText(), value)), false,
        new Range(header.range().getStart(), value.range().getEnd()));
  }

  /** Single-entry mappings that follow each other, as one mapping. */
  private static YMap join(List<YMap> pieces) {
    List<YMap.Entry> entries = new ArrayList<>(pieces.size());
    pieces.forEach(p -> entries.add(p.entries().get(0)));
    Range range = new Range(pieces.get(0).range().getStart(), pieces.get(pieces.size() - 1).range().getEnd());
    return new YMap(Collections.unmodifiableList(entries), false, range);
  }

  /**
   * The single-entry block mapping lines {@code [from, to)} hold, its key at column {@code column}:
   * from the previous version when the text is unchanged, else parsed. Null when the lines are not that.
   */
  private YMap piece(LineIndex lines, int from, int to, int column, Map<String, Piece> pieces) {
    String text = lines.text().substring(lines.lineStart(from), to < lines.lineCount() ? lines.lineStart(to) : lines.text().length());
    Piece known = pieces.containsKey(text) ? pieces.get(text) : previous.get(text);
    YMap map;
    if (known != null) {
      map = known.firstLine() == from ? known.map() : (YMap) shift(known.map(), from - known.firstLine());
    } else {
      YamlFile parsed = YamlParser.parse(text);
      if (parsed.hasSyntaxError() || parsed.documents().size() != 1
          || !(parsed.documents().get(0).root() instanceof YMap m) || m.flow() || m.entries().size() != 1
          || m.entries().get(0).key().range().getStart().getCharacter() != column || parsed.documents().get(0).sharesNodes()) {
        return null;
      }
      map = from == 0 ? m : (YMap) shift(m, from);
    }
    pieces.put(text, new Piece(map, from));
    return map;
  }

  /**
   * Whether the text is one plain block mapping as far as a line scan can tell. Anchors and aliases
   * are left to the whole-text parse, which bounds alias expansion over the whole text.
   */
  private static boolean splittable(String text, LineIndex lines) {
    if (text.isEmpty() || text.length() > YamlParser.MAX_CHARS || text.charAt(0) == '\uFEFF'
        || text.indexOf('\t') >= 0 || GoYamlBreaks.present(text) || NestingGuard.check(text, YamlParser.MAX_DEPTH) != null) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '&' || c == '*') && (i == 0 || " \n\r[{,:-".indexOf(text.charAt(i - 1)) >= 0)) {
        return false; // perhaps an anchor or an alias
      }
    }
    for (int line = 0; line < lines.lineCount(); line++) {
      int start = lines.lineStart(line);
      if (text.startsWith("---", start) || text.startsWith("...", start) || text.startsWith("%", start)) {
        return false; // several documents, or directives
      }
    }
    return true;
  }

  /** Line ranges {@code [from, to)} of the top-level entries: each starts at a line with content in column 0. */
  private static List<int[]> topLevelEntries(LineIndex lines) {
    List<Integer> starts = new ArrayList<>();
    String text = lines.text();
    for (int line = 0; line < lines.lineCount(); line++) {
      int start = lines.lineStart(line);
      int end = lines.lineEnd(line);
      if (start == end || text.charAt(start) == ' ' || text.charAt(start) == '#' || isIndicator(lines, line, 0, '-')) {
        continue; // blank, indented, a comment, or an item of the entry above's list
      }
      if (isIndicator(lines, line, 0, '?') || isIndicator(lines, line, 0, ':')) {
        return null; // a complex key
      }
      starts.add(line);
    }
    if (starts.isEmpty()) {
      return null;
    }
    starts.set(0, 0); // comments before the first key belong to it
    List<int[]> entries = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      entries.add(new int[] {starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : lines.lineCount()});
    }
    return entries;
  }

  /**
   * The first lines of the entries of a top-level entry's block mapping (lines {@code (from, to)}
   * indented alike), or null when its value is not written that way.
   */
  private static int[] childLines(LineIndex lines, int from, int to) {
    int column = -1;
    List<Integer> starts = new ArrayList<>();
    for (int line = from + 1; line < to; line++) {
      int indent = lines.indentation(line);
      int at = lines.lineStart(line) + indent;
      if (at == lines.lineEnd(line) || lines.text().charAt(at) == '#') {
        continue; // blank or comment: part of the entry above
      }
      if (column < 0) {
        column = indent;
      }
      if (indent < column || indent == column && (isIndicator(lines, line, indent, '?') || isIndicator(lines, line, indent, ':'))) {
        return null; // not a plain block mapping, or complex keys
      }
      if (indent == column && !isIndicator(lines, line, indent, '-')) {
        starts.add(line); // (a `-` line there is an item of the list above)
      }
    }
    if (starts.size() < 2) {
      return null;
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Whether the line has this indicator at {@code column}, followed by a space or nothing (`-x` is a plain scalar). */
  private static boolean isIndicator(LineIndex lines, int line, int column, char indicator) {
    int at = lines.lineStart(line) + column;
    int end = lines.lineEnd(line);
    return at < end && lines.text().charAt(at) == indicator && (at + 1 == end || lines.text().charAt(at + 1) == ' ');
  }

  /** The node moved down by {@code lines} lines (pieces start at a line start, so columns stay). */
  static YNode shift(YNode node, int lines) {
    Range r = new Range(new Position(node.range().getStart().getLine() + lines, node.range().getStart().getCharacter()),
        new Position(node.range().getEnd().getLine() + lines, node.range().getEnd().getCharacter()));
    if (node instanceof YScalar s) {
      return new YScalar(s.text(), s.value(), s.plain(), r);
    }
    if (node instanceof YSeq seq) {
      List<YNode> items = new ArrayList<>(seq.items().size());
      seq.items().forEach(item -> items.add(shift(item, lines)));
      return new YSeq(Collections.unmodifiableList(items), seq.flow(), r);
    }
    YMap map = (YMap) node;
    List<YMap.Entry> entries = new ArrayList<>(map.entries().size());
    map.entries().forEach(e -> entries.add(new YMap.Entry(shift(e.key(), lines), e.keyText(), shift(e.value(), lines))));
    return new YMap(Collections.unmodifiableList(entries), map.flow(), r);
  }
}
