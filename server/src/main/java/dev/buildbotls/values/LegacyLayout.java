package dev.buildbotls.values;

import dev.buildbotls.yaml.YMap;
import dev.buildbotls.yaml.YNode;
import java.util.List;
import java.util.Map;

/**
 * The flat layout of the original multi-master chart: its keys, with where each lives now, and its
 * detection. The legacy-layout rule, the file filter and the migration action all read it here.
 */
public final class LegacyLayout {
  public static final Map<String, String> KEYS = Map.ofEntries(
      Map.entry("buildbotTitle", "master.title"),
      Map.entry("buildbotTitleURL", "master.titleURL"),
      Map.entry("buildbotWebURL", "master.buildbotURL"),
      Map.entry("buildbot_mq_debug", "mq.debugLevel"),
      Map.entry("postgres_db", "database.name"),
      Map.entry("postgres_password", "database.password (better: database.existingSecret)"),
      Map.entry("postres_user", "database.user"),
      Map.entry("postgres_user", "database.user"),
      Map.entry("postgres_port", "database.port"),
      Map.entry("pollInterval", "builders.<name>.pollInterval"),
      Map.entry("pollURL", "builders.<name>.repository"),
      Map.entry("master_image", "master.image"),
      Map.entry("master_replicas", "master.replicas"),
      Map.entry("wortkerTypes", "workers (and one builder per worker)"));

  private LegacyLayout() {}

  /** Whether a document's top level has any key of the flat layout. */
  public static boolean uses(YNode root) {
    return !flatEntries(root).isEmpty();
  }

  /** The top-level entries of a document that are keys of the flat layout, in order. */
  public static List<YMap.Entry> flatEntries(YNode root) {
    return root instanceof YMap map ? map.entries().stream().filter(e -> KEYS.containsKey(e.keyText())).toList() : List.of();
  }
}
