package dev.buildbotls.diagnostics.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Rule;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.values.ChartDefaults;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.Diagnostic;

/**
 * What the migration Job would refuse or never finish, as far as the values tell it (README:
 * Upgrading Buildbot): web and engine masters on two Buildbot releases share one database, so the
 * masters of one of them never start; a master image a major release below the chart's Buildbot is
 * a downgrade for a release that ran the chart's.
 */
public final class UpgradePathRule implements Rule {
  private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)");
  private static final List<String> MASTER_TAG = List.of("master", "image", "tag");
  private static final List<String> UI_TAG = List.of("ui", "image", "tag");

  @Override
  public void check(ValuesContext context, List<Diagnostic> out) {
    JsonNode values = context.values();
    String master = tag(values.path("master").path("image").path("tag").asText(""));
    String ui = values.path("ui").path("image").path("tag").asText("");
    if (values.path("ui").path("replicas").asInt(0) > 0 && !ui.isEmpty() && !tag(ui).equals(master)) {
      context.valueRange(UI_TAG).or(() -> context.valueRange(MASTER_TAG)).ifPresent(range -> out.add(context.diagnostic(range,
          Code.UPGRADE_PATH, "web masters on Buildbot " + tag(ui) + " and engine masters on " + master + " share one database: the masters "
              + "of the Buildbot whose schema the migration Job did not record never start; give `ui.image` the engine masters' tag")));
    }
    Matcher mine = VERSION.matcher(master);
    Matcher chart = VERSION.matcher(ChartDefaults.buildbotTag());
    if (mine.matches() && chart.matches() && Integer.parseInt(mine.group(1)) < Integer.parseInt(chart.group(1))) {
      context.valueRange(MASTER_TAG).ifPresent(range -> out.add(context.diagnostic(range, Code.UPGRADE_PATH,
          "Buildbot " + master + " is a major release below the chart's " + ChartDefaults.buildbotTag() + ": a release that ran "
              + ChartDefaults.buildbotTag() + " cannot go back to it (the migration Job refuses a downgrade); only a new install can")));
    }
  }

  /** A tag as the chart reads it: empty is the chart's Buildbot. */
  private static String tag(String tag) {
    return tag.isEmpty() ? ChartDefaults.buildbotTag() : tag;
  }
}
