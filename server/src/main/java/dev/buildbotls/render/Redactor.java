package dev.buildbotls.render;

import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YNode;
import dev.buildbotls.yaml.YScalar;
import dev.buildbotls.yaml.YSeq;
import dev.buildbotls.yaml.YamlFile;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Removes the literal passwords of a values text from a message that is not ours (Helm's), so a
 * template that echoes a value cannot leak one into the editor or a CI log.
 */
public final class Redactor {
  private Redactor() {}

  public static String redact(String message, YamlFile file) {
    Set<String> secrets = new LinkedHashSet<>();
    file.documents().forEach(d -> collect(d.root(), secrets));
    String result = message;
    for (String secret : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
      result = result.replace(secret, "***");
    }
    return result;
  }

  private static void collect(YNode root, Set<String> secrets) {
    Deque<YNode> pending = new ArrayDeque<>();
    if (root != null) {
      pending.add(root);
    }
    while (!pending.isEmpty()) {
      YNode node = pending.poll();
      if (node instanceof YMap map) {
        for (YMap.Entry e : map.entries()) {
          if (e.keyText().toLowerCase().contains("password") && e.value() instanceof YScalar s && s.text().length() >= 3) {
            secrets.add(s.text());
          }
          pending.add(e.value());
        }
      } else if (node instanceof YSeq seq) {
        pending.addAll(seq.items());
      }
    }
  }
}
