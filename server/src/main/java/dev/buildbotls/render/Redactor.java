package dev.buildbotls.render;

import dev.buildbotls.schema.ValuesSchema;
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

  public static String redact(String message, YamlFile file) {
    Set<String> secrets = new LinkedHashSet<>();
    file.documents().forEach(d -> collect(d.root(), new ArrayList<>(), secrets));
    String result = message;
    for (String secret : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
      result = result.replace(secret, "***");
    }
    return URL_USER_INFO.matcher(result).replaceAll("$1***@");
  }

  private static void collect(YNode node, List<Object> path, Set<String> secrets) {
    if (node instanceof YMap map) {
      for (YMap.Entry e : map.entries()) {
        path.add(e.keyText());
        if (e.value() instanceof YScalar s && s.text().length() >= 3 && sensitive(path, e.keyText())) {
          secrets.add(s.text());
        }
        collect(e.value(), path, secrets);
        path.remove(path.size() - 1);
      }
    } else if (node instanceof YSeq seq) {
      for (int i = 0; i < seq.items().size(); i++) {
        path.add(i);
        collect(seq.items().get(i), path, secrets);
        path.remove(path.size() - 1);
      }
    }
  }

  /** A password by the schema ({@code writeOnly}), or by its name where the schema knows no such key (a legacy file). */
  private static boolean sensitive(List<Object> path, String key) {
    return key.toLowerCase().contains("password")
        || ValuesSchema.get().at(path).map(schema -> schema.path("writeOnly").asBoolean(false)).orElse(false);
  }
}
