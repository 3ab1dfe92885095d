package dev.buildbotls.render;

import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YamlDocument;
import dev.buildbotls.yaml.YScalar;
import dev.buildbotls.yaml.YamlFile;
import dev.buildbotls.yaml.YamlWalk;
import java.util.Comparator;
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
    file.documents().forEach(d -> collect(d, secrets));
    String result = message;
    for (String secret : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
      result = result.replace(secret, "***");
    }
    return result;
  }

  private static void collect(YamlDocument document, Set<String> secrets) {
    YamlWalk.forEachMap(document, map -> {
      for (YMap.Entry e : map.entries()) {
        if (e.keyText().toLowerCase().contains("password") && e.value() instanceof YScalar s && s.text().length() >= 3) {
          secrets.add(s.text());
        }
      }
    });
  }
}
