package dev.buildbotls.values;

import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YamlDocument;
import dev.buildbotls.yaml.YamlFile;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which documents the editor checks: files named {@code values*.yaml} (or {@code .yml}) always;
 * any other YAML file only when a document's top level has a key of this chart's values (current
 * or legacy layout), so Kubernetes manifests and other YAML stay untouched.
 */
public final class ValuesFiles {
  private static final Pattern VALUES_NAME = Pattern.compile("(?i)(^|.*[/\\\\])values[^/\\\\]*\\.ya?ml$");
  private static final Set<String> TOP_LEVEL_KEYS = Set.of("master", "ui", "database", "mq", "workers", "latentWorkers", "builders");

  private ValuesFiles() {}

  public static boolean isValuesName(String pathOrUri) {
    return VALUES_NAME.matcher(pathOrUri).matches();
  }

  public static boolean shouldCheck(String pathOrUri, YamlFile file) {
    if (isValuesName(pathOrUri)) {
      return true;
    }
    for (YamlDocument document : file.documents()) {
      if (document.root() instanceof YMap root && root.entries().stream()
          .anyMatch(e -> TOP_LEVEL_KEYS.contains(e.keyText()) || LegacyLayout.KEYS.containsKey(e.keyText()))) {
        return true;
      }
    }
    return false;
  }
}
