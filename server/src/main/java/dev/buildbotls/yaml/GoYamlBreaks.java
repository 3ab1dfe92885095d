package dev.buildbotls.yaml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * U+0085, U+2028 and U+2029: line breaks to Helm's YAML reader (go-yaml, YAML 1.1), none to
 * snakeyaml-engine (YAML 1.2) or an editor. A comment that holds one ends there for Helm, and
 * whatever follows is read as values; a quoted scalar folds around one differently.
 *
 * <p>So a text that holds one is read as Helm reads it: the structure from the text with each such
 * character as a {@code \n} (same offsets, so ranges stay), and the scalars' text from SnakeYAML,
 * a YAML 1.1 reader that breaks and folds lines as go-yaml does ({@code HelmReadingTest} holds the
 * two readings equal). Each one outside quotes is an error: a values file has no reason to hold one.
 */
public final class GoYamlBreaks {
  private GoYamlBreaks() {}

  /** A line break to go-yaml that is none to an editor: U+0085, U+2028, U+2029. */
  public static boolean isBreak(int c) {
    return c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  static boolean present(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isBreak(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The text with each such break a {@code \n}: the structure go-yaml sees, at the same offsets. */
  static String asNewlines(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (isBreak(chars[i])) {
        chars[i] = '\n';
      }
    }
    return new String(chars);
  }

  /**
   * The text of each scalar as go-yaml reads it, by the node snakeyaml-engine composed from
   * {@link #asNewlines}: both readers compose the same structure, and SnakeYAML's scalars are
   * go-yaml's. Documents SnakeYAML cannot compose keep snakeyaml-engine's text.
   */
  static Map<Node, String> scalarTexts(String text, List<Node> documents, int maxAliases) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true);
    options.setMaxAliasesForCollections(maxAliases);
    options.setCodePointLimit(Integer.MAX_VALUE);
    options.setNestingDepthLimit(YamlParser.MAX_DEPTH + 1);
    Map<Node, String> texts = new IdentityHashMap<>();
    try {
      Iterator<org.yaml.snakeyaml.nodes.Node> yaml11 = new Yaml(options).composeAll(new StringReader(text)).iterator();
      for (Node document : documents) {
        if (!yaml11.hasNext()) {
          break;
        }
        pair(document, yaml11.next(), texts, new IdentityHashMap<>());
      }
    } catch (RuntimeException e) {
      // SnakeYAML stopped where Helm may not: the documents paired so far keep their texts
    }
    return texts;
  }

  private static void pair(Node node, org.yaml.snakeyaml.nodes.Node other, Map<Node, String> texts, Map<Node, Boolean> seen) {
    if (node == null || other == null || seen.put(node, Boolean.TRUE) != null) {
      return;
    }
    if (node instanceof ScalarNode s && other instanceof org.yaml.snakeyaml.nodes.ScalarNode o) {
      texts.put(s, o.getValue());
    } else if (node instanceof SequenceNode s && other instanceof org.yaml.snakeyaml.nodes.SequenceNode o
        && s.getValue().size() == o.getValue().size()) {
      for (int i = 0; i < s.getValue().size(); i++) {
        pair(s.getValue().get(i), o.getValue().get(i), texts, seen);
      }
    } else if (node instanceof MappingNode m && other instanceof org.yaml.snakeyaml.nodes.MappingNode o
        && m.getValue().size() == o.getValue().size()) {
      for (int i = 0; i < m.getValue().size(); i++) {
        NodeTuple t = m.getValue().get(i);
        org.yaml.snakeyaml.nodes.NodeTuple u = o.getValue().get(i);
        pair(t.getKeyNode(), u.getKeyNode(), texts, seen);
        pair(t.getValueNode(), u.getValueNode(), texts, seen);
      }
    }
  }

  /**
   * The offsets of the breaks outside quoted scalars: in a comment, between tokens, in a plain or
   * a block scalar. {@code quoted} holds the {@code [start, end)} code point indexes of the quoted
   * scalars, in order.
   */
  static List<Integer> outsideQuotes(String text, List<int[]> quoted) {
    List<Integer> offsets = new ArrayList<>();
    int q = 0;
    int codePoint = 0;
    for (int i = 0; i < text.length(); codePoint++) {
      int c = text.codePointAt(i);
      while (q < quoted.size() && quoted.get(q)[1] <= codePoint) {
        q++;
      }
      boolean inQuotes = q < quoted.size() && quoted.get(q)[0] <= codePoint;
      if (isBreak(c) && !inQuotes) {
        offsets.add(i);
      }
      i += Character.charCount(c);
    }
    return offsets;
  }

  static boolean quoted(ScalarNode s) {
    return s.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED || s.getScalarStyle() == ScalarStyle.SINGLE_QUOTED;
  }
}
