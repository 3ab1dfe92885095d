package dev.buildbotls.values;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildbotls.yaml.OneLine;
import dev.buildbotls.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.buildbotls.yaml.GoYamlBreaks;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Rewrites the original multi-master chart's flat values into this chart's layout: masters, image,
 * database, mq, workers from {@code wortkerTypes}, and one builder per worker from its
 * {@code gitURL}, {@code ciBuildSkript} and {@code branchFilterRegEx}, polled every
 * {@code pollInterval} seconds, as the original chart's master.cfg did. Lossless: keys already in
 * this chart's layout are kept as they are (they win over what a legacy key would give), and every
 * legacy value that has no place in the contract is reported, never dropped in silence.
 */
public final class LegacyMigration {
  /** The keys of a {@code wortkerTypes} entry the migration carries over. */
  private static final Set<String> WORKER_KEYS = Set.of("image", "password", "gitURL", "ciBuildSkript", "branchFilterRegEx");
  private static final List<String> MQ_LEVELS = List.of("none", "critical", "error", "warn", "info", "debug", "trace");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LegacyMigration() {}

  /** The migrated text, and each legacy value it could not place (also written into the text as comments). */
  public record Result(String text, List<String> notMigrated) {}

  public static Result migrate(YamlDocument legacy) {
    JsonNode old = JsonView.toJson(legacy.root());
    List<String> found = new ArrayList<>();
    Map<String, Object> values = fromLegacy(old, found);
    List<String> notMigrated = List.copyOf(new LinkedHashSet<>(found)); // a legacy key read per worker is told once
    // Keys already in the contract's layout stay exactly as written, over the legacy ones.
    old.fields().forEachRemaining(e -> {
      if (!LegacyLayout.KEYS.containsKey(e.getKey())) {
        values.put(e.getKey(), mergeOver(values.get(e.getKey()), MAPPER.convertValue(e.getValue(), Object.class)));
      }
    });
    deleteDefaultFarm(values);
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2).setIndicatorIndent(2)
        .setIndentWithIndicator(true).build();
    StringBuilder text = new StringBuilder("# Migrated from the original multi-master chart's flat layout by buildbot-ls.\n"
        + "# Passwords written here end up in Helm's history: prefer existingSecret (see the quick fixes).\n");
    if (!notMigrated.isEmpty()) {
      text.append("# Not migrated (no place in this chart's values):\n");
      // A legacy value is data in a comment: no line break of any reader's may end the comment.
      notMigrated.forEach(n -> text.append("#   ").append(OneLine.of(n)).append('\n'));
    }
    // DEL is printable to snakeyaml-engine, which writes it raw; only HelmSafeRepresenter's double quotes can hold one
    String yaml = new Dump(settings, new HelmSafeRepresenter(settings)).dumpToString(values).replace("\u007f", "\\x7f");
    return new Result(text + yaml, List.copyOf(notMigrated));
  }

  /**
   * Writes a string that holds a control character or a line break of go-yaml's own (U+0085,
   * U+2028, U+2029) double-quoted, where each is an escape: plain or in a block, go-yaml would
   * break the line there or refuse the file.
   */
  private static final class HelmSafeRepresenter extends StandardRepresenter {
    HelmSafeRepresenter(DumpSettings settings) {
      super(settings);
    }

    @Override
    protected Node representScalar(Tag tag, String value, ScalarStyle style) {
      boolean escape = value.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t' || GoYamlBreaks.isBreak(c));
      return super.representScalar(tag, value, escape ? ScalarStyle.DOUBLE_QUOTED : style);
    }
  }

  /**
   * A migrated farm replaces the chart's demo farm: Helm would merge the default workers and
   * builders into it, so each one the farm does not name is deleted ({@code name: null}). Only the
   * bundled chart's defaults are known here: a migrated file is a file for this chart.
   */
  @SuppressWarnings("unchecked")
  private static void deleteDefaultFarm(Map<String, Object> values) {
    for (String key : ChartDefaults.FARM_KEYS) {
      JsonNode defaults = ChartDefaults.bundled().path(key);
      if (values.get(key) instanceof Map<?, ?> own && ChartDefaults.isOwnFarm(defaults, own.keySet().stream().map(String::valueOf))) {
        Map<String, Object> farm = (Map<String, Object>) own;
        defaults.fieldNames().forEachRemaining(name -> farm.putIfAbsent(name, null));
      }
    }
  }

  /** A kept value over a migrated one: maps merge key by key, anything else replaces. */
  @SuppressWarnings("unchecked")
  private static Object mergeOver(Object migrated, Object kept) {
    if (migrated instanceof Map<?, ?> base && kept instanceof Map<?, ?> top) {
      Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) base);
      ((Map<String, Object>) top).forEach((k, v) -> merged.put(k, mergeOver(merged.get(k), v)));
      return merged;
    }
    return kept;
  }

  private static Map<String, Object> fromLegacy(JsonNode old, List<String> notMigrated) {
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Object> master = new LinkedHashMap<>();
    putInt(master, "replicas", old, "master_replicas", notMigrated);
    if (old.path("master_image").isTextual()) {
      master.put("image", image(old.path("master_image").asText()));
    } else if (old.has("master_image")) {
      notMigrated.add("master_image: not an image reference");
    }
    if (old.has("wortkerTypes") && !old.path("wortkerTypes").isObject()) {
      notMigrated.add("wortkerTypes: not a mapping of workers");
    }
    putText(master, "title", old, "buildbotTitle", notMigrated);
    putText(master, "titleURL", old, "buildbotTitleURL", notMigrated);
    putText(master, "buildbotURL", old, "buildbotWebURL", notMigrated);
    values.put("master", master);

    Map<String, Object> database = new LinkedHashMap<>();
    database.put("type", "postgresql");
    putText(database, "name", old, "postgres_db", notMigrated);
    putText(database, "user", old, old.has("postres_user") ? "postres_user" : "postgres_user", notMigrated);
    putInt(database, "port", old, "postgres_port", notMigrated);
    putText(database, "password", old, "postgres_password", notMigrated);
    values.put("database", database);

    Map<String, Object> mq = new LinkedHashMap<>();
    mq.put("type", "wamp");
    String level = old.path("buildbot_mq_debug").asText("error");
    mq.put("debugLevel", MQ_LEVELS.contains(level) ? level : "error");
    if (!MQ_LEVELS.contains(level)) {
      notMigrated.add("buildbot_mq_debug: " + level + " is no debug level (" + String.join(", ", MQ_LEVELS) + "); error is used");
    }
    values.put("mq", mq);

    Map<String, Object> workers = new LinkedHashMap<>();
    Map<String, Object> builders = new LinkedHashMap<>();
    old.path("wortkerTypes").fields().forEachRemaining(e -> {
      JsonNode w = e.getValue();
      w.fieldNames().forEachRemaining(key -> {
        if (!WORKER_KEYS.contains(key)) {
          notMigrated.add("wortkerTypes." + e.getKey() + "." + key + ": no such setting for a worker");
        }
      });
      Map<String, Object> worker = new LinkedHashMap<>();
      if (w.path("image").isTextual()) {
        worker.put("image", image(w.path("image").asText()));
      }
      putText(worker, "password", w, "password", notMigrated);
      workers.put(e.getKey(), worker);
      String repository = w.path("gitURL").asText(old.path("pollURL").asText(""));
      if (!repository.isEmpty() && w.path("ciBuildSkript").isTextual()) {
        Map<String, Object> builder = new LinkedHashMap<>();
        builder.put("repository", repository);
        putText(builder, "branch", w, "branchFilterRegEx", notMigrated);
        builder.computeIfPresent("branch", (k, regex) -> asWholeMatch((String) regex));
        putInt(builder, "pollInterval", old, "pollInterval", notMigrated);
        builder.put("command", w.path("ciBuildSkript").asText());
        builder.put("workers", new ArrayList<>(List.of(e.getKey())));
        builders.put(e.getKey(), builder);
      } else if (w.has("gitURL") || w.has("ciBuildSkript") || w.has("branchFilterRegEx")) {
        notMigrated.add("wortkerTypes." + e.getKey() + ": no builder (it needs both a repository, gitURL or pollURL, and a ciBuildSkript)");
      }
    });
    values.put("workers", workers);
    values.put("builders", builders);
    return values;
  }

  /**
   * The original chart's branchFilterRegEx matched a branch's start (Buildbot's {@code branch_re});
   * this chart matches the whole name: {@code master} becomes {@code master.*}, so the migrated farm
   * builds what it built before (write {@code master} afterwards to build that branch only).
   */
  public static String asWholeMatch(String prefixRegex) {
    if (prefixRegex.endsWith(".*") && !prefixRegex.contains("|")) {
      return prefixRegex;
    }
    return (prefixRegex.contains("|") ? "(?:" + prefixRegex + ")" : prefixRegex) + ".*";
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

  private static void putText(Map<String, Object> map, String key, JsonNode from, String legacyKey, List<String> notMigrated) {
    JsonNode value = from.path(legacyKey);
    if (value.isValueNode() && !value.isNull()) {
      map.put(key, value.asText());
    } else if (!value.isMissingNode() && !value.isNull()) {
      notMigrated.add(legacyKey + ": not a single value");
    }
  }

  private static void putInt(Map<String, Object> map, String key, JsonNode from, String legacyKey, List<String> notMigrated) {
    JsonNode value = from.path(legacyKey);
    if (value.canConvertToInt() && value.isIntegralNumber()) {
      map.put(key, value.asInt());
    } else if (!value.isMissingNode() && !value.isNull()) {
      notMigrated.add(legacyKey + ": not a whole number");
    }
  }
}
