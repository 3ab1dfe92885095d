package dev.buildbotls.diagnostics.rules;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.ValuesContext;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;

/**
 * A setting that only works with one master, while master.replicas + ui.replicas is more than
 * one. The diagnostic sits on whichever of them this file sets (the setting first), and names the
 * default it conflicts with.
 */
abstract class MultimasterRule implements Rule {
  private static final List<Object> MASTER_REPLICAS = List.of("master", "replicas");
  private static final List<Object> UI_REPLICAS = List.of("ui", "replicas");
  private static final java.util.Set<String> KNOWN_VALUES = java.util.Set.of("simple", "wamp", "sqlite", "postgresql");

  private final List<Object> setting;
  private final Code code;

  MultimasterRule(List<Object> setting, Code code) {
    this.setting = setting;
    this.code = code;
  }

  /** True when the setting's merged value is a single-master one. */
  abstract boolean singleMasterOnly(String value);

  /** What to do instead, for the message. */
  abstract String advice();

  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    String value = context.values().at(pointer(setting)).asText("");
    int masters = replicas(context, MASTER_REPLICAS, 1) + replicas(context, UI_REPLICAS, 0);
    if (masters <= 1 || !singleMasterOnly(value)) {
      return;
    }
    Optional<Range> at = context.valueRange(setting)
        .or(() -> context.valueRange(MASTER_REPLICAS))
        .or(() -> context.valueRange(UI_REPLICAS));
    // Only a known value is named: anything else might be a secret pasted into the wrong field.
    String shown = KNOWN_VALUES.contains(value) ? ": " + value : "";
    String message = "`" + dotted(setting) + shown + "`" + context.origin(setting)
        + " works with a single master, but there are " + masters + " masters in all (master.replicas: "
        + replicas(context, MASTER_REPLICAS, 1) + context.origin(MASTER_REPLICAS) + ", ui.replicas: "
        + replicas(context, UI_REPLICAS, 0) + context.origin(UI_REPLICAS) + "); " + advice();
    at.ifPresent(range -> out.add(context.diagnostic(range, code, message)));
  }

  private static int replicas(ValuesContext context, List<Object> path, int fallback) {
    var node = context.values().at(pointer(path));
    return node.canConvertToInt() ? node.asInt() : fallback;
  }

  private static String pointer(List<Object> path) {
    return "/" + String.join("/", path.stream().map(Object::toString).toList());
  }

  private static String dotted(List<Object> path) {
    return String.join(".", path.stream().map(Object::toString).toList());
  }
}
