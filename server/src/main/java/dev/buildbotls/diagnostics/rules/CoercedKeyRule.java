package dev.buildbotls.diagnostics.rules;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.yaml.YScalar;
import dev.buildbotls.yaml.YamlWalk;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;

/**
 * A plain key Helm reads as a boolean or a number (YAML 1.1): {@code on:} names the worker
 * {@code true}, {@code 0x1f:} names it {@code 31}; quoted, it keeps the name as written.
 */
public final class CoercedKeyRule implements Rule {
  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    YamlWalk.forEachMap(context.document(), map -> map.entries().forEach(e -> {
      if (e.key() instanceof YScalar key && key.plain() && !e.isMerge() && !(key.value() instanceof String) && key.value() != null
          && !e.keyText().equals(key.text())) {
        out.add(context.diagnostic(key.range(), Code.COERCED_KEY, "Helm reads the key `" + key.text() + "` as `" + e.keyText()
            + "` (a YAML 1.1 " + (key.value() instanceof Boolean ? "boolean" : "number") + "): quote it, \"" + key.text() + "\":, to keep the name"));
      }
    }));
  }
}
