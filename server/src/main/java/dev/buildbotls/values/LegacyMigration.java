package dev.buildbotls.values;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildbotls.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Rewrites the original multi-master chart's flat values into this chart's layout: masters, image,
 * database, mq, workers from {@code wortkerTypes}, and one builder per worker from its
 * {@code gitURL}, {@code ciBuildSkript} and {@code branchFilterRegEx}, polled every
 * {@code pollInterval} seconds, as the original chart's master.cfg did.
 */
public final class LegacyMigration {
  private LegacyMigration() {}

  public static String migrate(YamlDocument legacy) {
    JsonNode old = JsonView.toJson(legacy.root());
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Object> master = new LinkedHashMap<>();
    putInt(master, "replicas", old.path("master_replicas"));
    if (old.path("master_image").isTextual()) {
      master.put("image", image(old.path("master_image").asText()));
    }
    putText(master, "title", old.path("buildbotTitle"));
    putText(master, "titleURL", old.path("buildbotTitleURL"));
    putText(master, "buildbotURL", old.path("buildbotWebURL"));
    values.put("master", master);

    Map<String, Object> database = new LinkedHashMap<>();
    database.put("type", "postgresql");
    putText(database, "name", old.path("postgres_db"));
    putText(database, "user", old.has("postres_user") ? old.path("postres_user") : old.path("postgres_user"));
    putInt(database, "port", old.path("postgres_port"));
    putText(database, "password", old.path("postgres_password"));
    values.put("database", database);

    Map<String, Object> mq = new LinkedHashMap<>();
    mq.put("type", "wamp");
    String level = old.path("buildbot_mq_debug").asText("error");
    mq.put("debugLevel", List.of("none", "critical", "error", "warn", "info", "debug", "trace").contains(level) ? level : "error");
    values.put("mq", mq);

    Map<String, Object> workers = new LinkedHashMap<>();
    Map<String, Object> builders = new LinkedHashMap<>();
    old.path("wortkerTypes").fields().forEachRemaining(e -> {
      JsonNode w = e.getValue();
      Map<String, Object> worker = new LinkedHashMap<>();
      if (w.path("image").isTextual()) {
        worker.put("image", image(w.path("image").asText()));
      }
      putText(worker, "password", w.path("password"));
      workers.put(e.getKey(), worker);
      String repository = w.path("gitURL").asText(old.path("pollURL").asText(""));
      if (!repository.isEmpty() && w.path("ciBuildSkript").isTextual()) {
        Map<String, Object> builder = new LinkedHashMap<>();
        builder.put("repository", repository);
        putText(builder, "branch", w.path("branchFilterRegEx"));
        putInt(builder, "pollInterval", old.path("pollInterval"));
        builder.put("command", w.path("ciBuildSkript").asText());
        builder.put("workers", new ArrayList<>(List.of(e.getKey())));
        builders.put(e.getKey(), builder);
      }
    });
    values.put("workers", workers);
    values.put("builders", builders);

    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2).setIndicatorIndent(2)
        .setIndentWithIndicator(true).build();
    return "# Migrated from the original multi-master chart's flat layout by buildbot-ls.\n"
        + "# Passwords written here end up in Helm's history: prefer existingSecret (see the quick fixes).\n"
        + new Dump(settings).dumpToString(values);
  }

  /** {@code repo/name:tag} into {@code repository} and {@code tag}. */
  private static Map<String, Object> image(String reference) {
    Map<String, Object> image = new LinkedHashMap<>();
    int colon = reference.lastIndexOf(':');
    boolean tagged = colon > reference.lastIndexOf('/');
    image.put("repository", tagged ? reference.substring(0, colon) : reference);
    image.put("tag", tagged ? reference.substring(colon + 1) : "latest");
    return image;
  }

  private static void putText(Map<String, Object> map, String key, JsonNode value) {
    if (value.isValueNode() && !value.isNull()) {
      map.put(key, value.asText());
    }
  }

  private static void putInt(Map<String, Object> map, String key, JsonNode value) {
    if (value.canConvertToInt()) {
      map.put(key, value.asInt());
    }
  }
}
