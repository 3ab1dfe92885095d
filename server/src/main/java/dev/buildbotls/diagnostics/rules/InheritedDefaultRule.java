package dev.buildbotls.diagnostics.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.values.ChartDefaults;
import dev.buildbotls.yaml.YMap;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;

/**
 * Helm merges maps: a file that brings its own {@code workers:} or {@code builders:} still gets
 * every entry of the chart's defaults it neither sets nor deletes ({@code name: null}). Flagged on
 * the file's key, naming the entries, so nobody deploys the chart's demo farm by accident. A file
 * whose entries all tune default ones (an override file) relies on the defaults knowingly: not flagged.
 */
public final class InheritedDefaultRule implements Rule {
  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    if (!context.overDefaults()) {
      return;
    }
    for (String key : ChartDefaults.FARM_KEYS) {
      List<String> inherited = inherited(context, key);
      if (!inherited.isEmpty()) {
        context.keyRange(List.of(key)).ifPresent(range -> out.add(context.diagnostic(range, Code.INHERITED_DEFAULT,
            "the chart's defaults add " + key + " " + names(inherited) + " to the ones here (Helm merges maps, so they are "
                + "deployed too): delete them with `name: null`, or write them here to keep them")));
      }
    }
  }

  /** The default entries of {@code key} that this file's own map neither sets nor deletes. */
  public static List<String> inherited(ValuesContext context, String key) {
    List<String> names = new ArrayList<>();
    if (!(context.node(List.of(key)).orElse(null) instanceof YMap own)) {
      return names; // no key here, or `key: null` (Helm drops the whole default)
    }
    JsonNode defaults = context.defaults().path(key);
    if (!ChartDefaults.isOwnFarm(defaults, own.entries().stream().filter(e -> !e.isMerge()).map(YMap.Entry::keyText))) {
      return names; // only tunes default entries: an override file
    }
    JsonNode set = context.user().path(key); // by this file or another of its stack
    defaults.fieldNames().forEachRemaining(name -> {
      if (own.entry(name).isEmpty() && !set.has(name)) {
        names.add(name);
      }
    });
    return names;
  }

  private static String names(List<String> names) {
    return String.join(", ", names.stream().map(n -> "`" + n + "`").toList());
  }
}
