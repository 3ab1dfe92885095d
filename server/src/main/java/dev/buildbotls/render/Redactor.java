package dev.buildbotls.render;

import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YNode;
import dev.buildbotls.yaml.YScalar;
import dev.buildbotls.yaml.YSeq;
import dev.buildbotls.yaml.YamlFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Removes secrets from a message that is not ours (Helm's), so a template or a schema error that
 * echoes a value cannot leak one into the editor or a CI log: every value under a key the schema
 * marks {@code writeOnly} (the passwords) or whose name says password, and the user information of
 * every URL ({@code postgres://ci:secret@db} becomes {@code postgres://***@db}).
 */
public final class Redactor {
  private static final Pattern URL_USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@'\"]+@");

  private Redactor() {}

  /** @param writeOnly whether the schema marks the value at a path sensitive ({@code ValuesSchema::isWriteOnly}) */
  public static String redact(String message, YamlFile file, Predicate<List<Object>> writeOnly) {
    Set<String> secrets = new LinkedHashSet<>();
    file.documents().forEach(d -> collect(d.root(), new ArrayList<>(), writeOnly, secrets));
    String result = message;
    for (String secret : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
      result = result.replace(secret, "***");
    }
    return URL_USER_INFO.matcher(result).replaceAll("$1***@");
  }

  private static void collect(YNode node, List<Object> path, Predicate<List<Object>> writeOnly, Set<String> secrets) {
    if (node instanceof YMap map) {
      for (YMap.Entry e : map.entries()) {
        path.add(e.keyText());
        // a password by the schema, or by its name where the schema knows no such key (a legacy file)
        if (e.value() instanceof YScalar s && s.text().length() >= 3 && (e.keyText().toLowerCase().contains("password") || writeOnly.test(path))) {
          secrets.add(s.text());
        }
        collect(e.value(), path, writeOnly, secrets);
        path.remove(path.size() - 1);
      }
    } else if (node instanceof YSeq seq) {
      for (int i = 0; i < seq.items().size(); i++) {
        path.add(i);
        collect(seq.items().get(i), path, writeOnly, secrets);
        path.remove(path.size() - 1);
      }
    }
  }
}
