package dev.buildbotls.yaml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * Parses text into {@link YamlFile} with snakeyaml-engine's composer, converting its marks (code
 * point indexes) into LSP ranges (UTF-16). Limits keep hostile input bounded; see README "Limits".
 */
public final class YamlParser {
  /** Larger texts are refused with a diagnostic instead of being parsed. */
  public static final int MAX_CHARS = 16 * 1024 * 1024;
  /** Collections reached through aliases; more is a YAML bomb. */
  public static final int MAX_ALIASES = 100;
  /** Deepest nesting of collections accepted. */
  public static final int MAX_DEPTH = 500;
  /**
   * Values that aliases may add once expanded (a ten-line bomb of nine aliases per level expands to
   * 9^9); the parse itself stays linear, since an alias is the anchored node, not a copy.
   */
  public static final long MAX_ALIAS_EXPANSION = 1_000_000;

  private YamlParser() {}

  public static YamlFile parse(String text) {
    LineIndex lines = new LineIndex(text);
    if (text.length() > MAX_CHARS) {
      return new YamlFile(text, lines, List.of(), new YamlFile.SyntaxError(
          "file too large: " + text.length() + " characters, the limit is " + MAX_CHARS, startRange()), List.of());
    }
    String depthProblem = NestingGuard.check(text, MAX_DEPTH); // (a hidden break cannot open a collection)
    if (depthProblem != null) {
      return new YamlFile(text, lines, List.of(), new YamlFile.SyntaxError(depthProblem, startRange()), List.of());
    }
    LoadSettings settings = LoadSettings.builder()
        .setAllowDuplicateKeys(true)
        .setAllowNonScalarKeys(true) // Helm refuses `? [a, b]: c` (Converter.unreadableKey says so, on the key)
        .setMaxAliasesForCollections(MAX_ALIASES)
        .setCodePointLimit(MAX_CHARS)
        .setUseMarks(true)
        // The reader's window grows by copying: a window of the whole text keeps a long line linear.
        .setBufferSize(Math.max(1024, text.length() + 1))
        .setSchema(TAGS_AS_WRITTEN)
        .build();
    boolean hiddenBreaks = GoYamlBreaks.present(text);
    String read = hiddenBreaks ? GoYamlBreaks.asNewlines(text) : text;
    List<Node> composed = new ArrayList<>();
    List<YamlDocument> documents = new ArrayList<>();
    YamlFile.SyntaxError error = null;
    MarkedYamlEngineException stopped = null; // placed once the converter (which maps marks) is made
    Converter converter;
    try {
      try {
        for (Node node : new Compose(settings).composeAllFromString(read)) {
          composed.add(node);
        }
      } catch (MarkedYamlEngineException e) {
        stopped = e;
      } catch (YamlEngineException e) {
        error = new YamlFile.SyntaxError(firstLine(e.getMessage()), startRange());
      }
      converter = new Converter(text, lines, hiddenBreaks ? GoYamlBreaks.scalarTexts(text, composed, MAX_ALIASES) : Map.of());
      if (stopped != null) {
        error = new YamlFile.SyntaxError(syntaxMessage(stopped), stopped.getProblemMark().map(converter::point).orElse(startRange()));
      }
      for (Node node : composed) {
        documents.add(new YamlDocument(converter.convert(node), converter.anchorsSeen()));
        converter.firstDocumentDone = true;
      }
    } catch (StackOverflowError e) {
      return new YamlFile(text, lines, List.of(), new YamlFile.SyntaxError("nesting too deep to analyse (limit " + MAX_DEPTH + ")", startRange()), List.of());
    }
    if (error == null && converter.recursion != null) {
      error = new YamlFile.SyntaxError("recursive alias: Helm cannot read a value that contains itself", converter.recursion);
    }
    if (error == null && converter.bomb != null) {
      // Nothing downstream may expand these documents: they are dropped, the diagnostic stays.
      documents.clear();
      error = new YamlFile.SyntaxError("aliases expand to more than " + MAX_ALIAS_EXPANSION
          + " values (a YAML bomb; here, where an alias crosses the bound): Helm refuses such a document", converter.bomb);
    }
    if (error == null) {
      error = converter.unreadable;
    }
    if (error == null) {
      error = controlCharacter(text, lines);
    }
    if (error == null) {
      error = helmRefuses(text, lines, documents);
    }
    return new YamlFile(text, lines, documents, error, hiddenBreaks ? hiddenBreakErrors(text, lines, converter.quoted) : List.of());
  }

  /** Each U+0085, U+2028 or U+2029 outside quotes: what follows it is a new line to Helm, invisible in an editor. */
  private static List<YamlFile.SyntaxError> hiddenBreakErrors(String text, LineIndex lines, List<int[]> quoted) {
    quoted.sort(java.util.Comparator.comparingInt(q -> q[0]));
    List<YamlFile.SyntaxError> errors = new ArrayList<>();
    for (int offset : GoYamlBreaks.outsideQuotes(text, quoted)) {
      Range at = new Range(lines.positionAt(offset), lines.positionAt(offset + 1));
      errors.add(new YamlFile.SyntaxError(String.format("U+%04X outside quotes: Helm reads a line break here that editors do not show, "
          + "so what follows is a new line to Helm; remove it (in double quotes, write it as \\N, \\L or \\P)", (int) text.charAt(offset)), at));
    }
    return errors;
  }

  /** A scalar's tag as written, or {@link #IMPLICIT}: which type a scalar has is Helm's decision ({@link ScalarResolver}), not snakeyaml-engine's. */
  private static final Tag IMPLICIT = new Tag("tag:buildbot-ls,implicit");
  private static final Schema TAGS_AS_WRITTEN = new Schema() {
    @Override
    public org.snakeyaml.engine.v2.resolver.ScalarResolver getScalarResolver() {
      return (value, implicit) -> implicit ? IMPLICIT : Tag.STR;
    }

    @Override
    public Map<Tag, ConstructNode> getSchemaTagConstructors() {
      return Map.of();
    }
  };

  private static final Pattern YAML_DIRECTIVE = Pattern.compile("^%YAML[ \t]+(\\S+)", Pattern.MULTILINE);

  /**
   * What snakeyaml-engine reads but Helm's YAML library refuses: a {@code %YAML} directive other than
   * 1.1 ("found incompatible YAML document") and a merge key whose value is no mapping and no list
   * of mappings ("map merge requires map or sequence of maps as the value").
   */
  private static YamlFile.SyntaxError helmRefuses(String text, LineIndex lines, List<YamlDocument> documents) {
    Matcher directive = YAML_DIRECTIVE.matcher(text);
    while (directive.find()) {
      if (!directive.group(1).equals("1.1")) {
        Range at = new Range(lines.positionAt(directive.start()), lines.positionAt(directive.end()));
        return new YamlFile.SyntaxError("`%YAML " + directive.group(1) + "`: Helm reads YAML 1.1 and refuses this file "
            + "(found incompatible YAML document); remove the directive", at);
      }
    }
    YamlFile.SyntaxError tab = tabAtLineStart(text, lines, documents);
    if (tab != null) {
      return tab;
    }
    for (YamlDocument document : documents) {
      Range[] bad = new Range[1];
      YamlWalk.forEachMap(document, map -> map.entries().stream()
          .filter(e -> e.isMerge() && !(e.value() instanceof YMap)
              && !(e.value() instanceof YSeq seq && seq.items().stream().allMatch(YMap.class::isInstance)))
          .findFirst().ifPresent(e -> bad[0] = bad[0] == null ? e.value().range() : bad[0]));
      if (bad[0] != null) {
        return new YamlFile.SyntaxError("a merge key `<<` takes a mapping or a list of mappings: Helm refuses the file "
            + "(map merge requires map or sequence of maps as the value)", bad[0]);
      }
    }
    return null;
  }

  private static final Pattern TAB_LINE = Pattern.compile("^ *\t[ \t]*(#.*)?$", Pattern.MULTILINE);

  /**
   * A line that is only a tab-indented comment (or blank after a tab), outside flow collections and
   * scalars: snakeyaml-engine skips it, go-yaml refuses the file (in block context a tab cannot start
   * a line: "found character that cannot start any token"). Other tab-indented lines both refuse.
   */
  private static YamlFile.SyntaxError tabAtLineStart(String text, LineIndex lines, List<YamlDocument> documents) {
    Matcher tab = TAB_LINE.matcher(text);
    if (text.indexOf('\t') < 0 || !tab.find()) {
      return null;
    }
    // Lines inside a flow collection or a multi-line scalar: there a tab is data or separation.
    java.util.BitSet exempt = new java.util.BitSet();
    for (YamlDocument document : documents) {
      YamlWalk.forEachNode(document, node -> {
        boolean flowOrScalar = node instanceof YScalar || node instanceof YMap m && m.flow() || node instanceof YSeq s && s.flow();
        if (flowOrScalar && node.range().getEnd().getLine() > node.range().getStart().getLine()) {
          exempt.set(node.range().getStart().getLine() + 1, node.range().getEnd().getLine() + 1);
        }
      });
    }
    do {
      int line = lines.positionAt(tab.start()).getLine();
      if (!exempt.get(line)) {
        int at = text.indexOf('\t', tab.start());
        return new YamlFile.SyntaxError("a tab at the start of a line: Helm refuses the file (found character that cannot start any token); "
            + "indent with spaces", new Range(lines.positionAt(at), lines.positionAt(at + 1)));
      }
    } while (tab.find());
    return null;
  }

  /**
   * A character go-yaml refuses anywhere, quoted or not ("control characters are not allowed"),
   * that snakeyaml-engine reads: DEL.
   */
  private static YamlFile.SyntaxError controlCharacter(String text, LineIndex lines) {
    int at = text.indexOf('\u007f');
    return at < 0 ? null : new YamlFile.SyntaxError("control character U+007F (DEL): Helm refuses the file "
        + "(control characters are not allowed); in double quotes, write it as \\x7f", new Range(lines.positionAt(at), lines.positionAt(at + 1)));
  }

  private static String syntaxMessage(MarkedYamlEngineException e) {
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    String context = e.getContext();
    return context == null || context.isBlank() ? problem : problem + " (" + context + ")";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid YAML";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static Range startRange() {
    return new Range(new Position(0, 0), new Position(0, 0));
  }

  /** Converts composer nodes; aliases map to the one converted anchor node. */
  private static final class Converter {
    private final LineIndex lines;
    private final int[] astralIndexes;
    private final Map<Node, YNode> converted = new IdentityHashMap<>();
    private final Map<Node, Boolean> inProgress = new IdentityHashMap<>();
    private final String text;
    /** Expanded sizes (the node and everything under it, aliases counted each time) of anchored nodes. */
    private final Map<YNode, Long> anchoredSizes = new IdentityHashMap<>();
    /** The expanded size of the node convert() returned last. */
    private long lastSize;
    /** Values added by aliases so far. */
    private long aliasExpansion;
    /** The collections being converted, innermost last: where an alias is written. */
    private final java.util.ArrayDeque<Node> open = new java.util.ArrayDeque<>();
    Range recursion;
    Range bomb;
    /** The first scalar of the first document Helm cannot read, if any. */
    YamlFile.SyntaxError unreadable;
    boolean firstDocumentDone;

    boolean anchorsSeen() {
      return !converted.isEmpty();
    }

    /** Scalars' text as go-yaml reads it, where snakeyaml-engine reads otherwise ({@link GoYamlBreaks}). */
    private final Map<Node, String> goYamlTexts;
    /** The {@code [start, end)} code point indexes of the quoted scalars. */
    final List<int[]> quoted = new ArrayList<>();

    Converter(String text, LineIndex lines, Map<Node, String> goYamlTexts) {
      this.text = text;
      this.lines = lines;
      this.goYamlTexts = goYamlTexts;
      this.astralIndexes = astralCodePointIndexes(text);
    }

    YNode convert(Node node) {
      // Only an anchored node can be reached twice (through an alias): only those are remembered.
      boolean anchored = node.getAnchor().isPresent();
      if (anchored) {
        YNode done = converted.get(node);
        if (done != null) {
          lastSize = anchoredSizes.getOrDefault(done, 1L);
          aliasExpansion += lastSize;
          if (aliasExpansion > MAX_ALIAS_EXPANSION && bomb == null) {
            bomb = range(open.isEmpty() ? node : open.peekLast());
          }
          return done;
        }
        if (inProgress.containsKey(node)) {
          recursion = range(node);
          lastSize = 1;
          return new YScalar("", null, true, range(node));
        }
        inProgress.put(node, Boolean.TRUE);
      }
      YNode result;
      long size = 1;
      if (node instanceof ScalarNode s) {
        result = scalar(s);
      } else if (node instanceof SequenceNode s) {
        List<YNode> items = new ArrayList<>(s.getValue().size());
        open.addLast(node);
        for (Node item : s.getValue()) {
          items.add(convert(item));
          size += lastSize;
        }
        open.removeLast();
        result = new YSeq(Collections.unmodifiableList(items), s.getFlowStyle() == FlowStyle.FLOW, range(node));
      } else {
        MappingNode m = (MappingNode) node;
        List<YMap.Entry> entries = new ArrayList<>(m.getValue().size());
        open.addLast(node);
        for (NodeTuple t : m.getValue()) {
          YNode key = convert(t.getKeyNode());
          size += lastSize;
          unreadableKey(key);
          entries.add(new YMap.Entry(key, keyText(key), convert(t.getValueNode())));
          size += lastSize;
        }
        open.removeLast();
        result = new YMap(Collections.unmodifiableList(entries), m.getFlowStyle() == FlowStyle.FLOW, range(node));
      }
      if (anchored) {
        inProgress.remove(node);
        converted.put(node, result);
        anchoredSizes.put(result, size);
      }
      lastSize = size;
      return result;
    }

    private YScalar scalar(ScalarNode s) {
      String value = goYamlTexts.getOrDefault(s, s.getValue());
      if (GoYamlBreaks.quoted(s) && s.getStartMark().isPresent() && s.getEndMark().isPresent()) {
        quoted.add(new int[] {s.getStartMark().get().getIndex(), s.getEndMark().get().getIndex()});
      }
      Tag tag = s.getTag();
      String explicit = tag.equals(IMPLICIT) || tag.equals(Tag.STR) && !s.isPlain() ? null : tag.getValue();
      Object read = value;
      try {
        read = ScalarResolver.resolve(explicit, value, s.isPlain());
      } catch (ScalarResolver.Unreadable e) {
        if (!firstDocumentDone && unreadable == null) { // Helm reads the first document only
          unreadable = new YamlFile.SyntaxError(e.getMessage() + ": Helm refuses the file", range(s));
        }
      }
      return new YScalar(value, read, s.isPlain(), range(s));
    }

    /** sigs.k8s.io/yaml, turning Helm's values into JSON, refuses a null key, one past int64 and a collection. */
    private void unreadableKey(YNode key) {
      String why = key instanceof YScalar s
          ? s.value() == null ? "a null key (`" + s.text() + "`)" : s.value() instanceof java.math.BigInteger ? "a key past 2^63-1" : null
          : "a key that is a " + (key instanceof YSeq ? "list" : "mapping");
      if (why != null && !firstDocumentDone && unreadable == null) {
        unreadable = new YamlFile.SyntaxError(why + ": Helm refuses the file (unsupported map key); quote it to make it a name", key.range());
      }
    }

    /** Helm turns every key into a string; a collection key becomes its source text. */
    private String keyText(YNode key) {
      if (key instanceof YScalar s) {
        return ScalarResolver.keyText(s.value(), s.text());
      }
      Range r = key.range();
      return text.substring(lines.offsetAt(r.getStart()), lines.offsetAt(r.getEnd())).trim();
    }

    /**
     * The node's range. A block node's end mark is where the next token starts (the next line,
     * maybe after its indentation): such a node ends at its last content instead, so a text gives
     * the same ranges whatever follows it (which lets {@link IncrementalParser} parse pieces).
     */
    Range range(Node node) {
      Position start = node.getStartMark().map(this::position).orElse(new Position(0, 0));
      Position end = node.getEndMark().map(this::position).orElse(start);
      if (end.getLine() > start.getLine() && end.getCharacter() <= lines.indentation(end.getLine())) {
        boolean scalar = node instanceof ScalarNode; // a block scalar's `#` lines are text, not comments
        int line = end.getLine() - 1;
        while (line > start.getLine() && (lines.lineText(line).isBlank() || !scalar && lines.lineText(line).trim().startsWith("#"))) {
          line--;
        }
        end = new Position(line, lines.lineText(line).stripTrailing().length());
      }
      return new Range(start, end);
    }

    /** The character the parser stopped at (nothing at the end of a line): visible in editors. */
    Range point(Mark mark) {
      Position p = position(mark);
      int width = p.getCharacter() < lines.lineText(p.getLine()).length() ? 1 : 0;
      return new Range(p, new Position(p.getLine(), p.getCharacter() + width));
    }

    Position position(Mark mark) {
      int index = mark.getIndex();
      int astralBefore = 0;
      if (astralIndexes.length > 0) {
        int before = Arrays.binarySearch(astralIndexes, index);
        astralBefore = before < 0 ? -before - 1 : before;
      }
      return lines.positionAt(index + astralBefore, mark.getLine());
    }

    /** Code point indexes of characters outside the BMP: each takes two UTF-16 units. */
    private static int[] astralCodePointIndexes(String text) {
      int[] result = new int[0];
      int count = 0;
      int cp = 0;
      for (int i = 0; i < text.length(); cp++) {
        int c = text.codePointAt(i);
        if (Character.isSupplementaryCodePoint(c)) {
          if (count == result.length) {
            result = Arrays.copyOf(result, Math.max(8, count * 2));
          }
          result[count++] = cp;
        }
        i += Character.charCount(c);
      }
      return Arrays.copyOf(result, count);
    }
  }
}
