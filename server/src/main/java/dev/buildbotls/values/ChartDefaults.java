package dev.buildbotls.values;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildbotls.yaml.YamlFile;
import dev.buildbotls.yaml.YamlParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chart defaults a values file is merged over: the {@code values.yaml} beside the file's
 * {@code Chart.yaml}, else the bundled chart's. The chart's own {@code values.yaml} has none: it is
 * checked as itself.
 */
public final class ChartDefaults {
  private static final JsonNode BUNDLED = load(bundledText());
  private static final ConcurrentHashMap<Path, Cached> CACHE = new ConcurrentHashMap<>();

  private record Cached(long modified, JsonNode values) {}

  private ChartDefaults() {}

  /**
   * The maps whose entries are whole workloads: Helm merges a file's entries with the defaults',
   * so a file bringing its own gets the chart's too unless it deletes them.
   */
  public static final List<String> FARM_KEYS = List.of("workers", "builders");

  /**
   * Whether entries with these names under a farm key are a farm of the file's own (one name the
   * defaults lack), not an override tuning default entries, which relies on the defaults knowingly.
   */
  public static boolean isOwnFarm(JsonNode defaultEntries, java.util.stream.Stream<String> names) {
    return names.anyMatch(name -> !defaultEntries.has(name));
  }

  /** Defaults for a file at this path (null path: an unsaved document, bundled defaults). */
  public static Optional<JsonNode> forFile(Path file) {
    if (file == null) {
      return Optional.of(BUNDLED);
    }
    Path chart = ChartLocator.chartFor(file);
    if (chart == null) {
      return Optional.of(BUNDLED);
    }
    Path values = chart.resolve("values.yaml");
    if (values.equals(file.toAbsolutePath()) || !Files.isRegularFile(values)) {
      return Optional.empty();
    }
    try {
      long modified = Files.getLastModifiedTime(values).toMillis();
      Cached cached = CACHE.get(values);
      if (cached == null || cached.modified() != modified) {
        cached = new Cached(modified, load(Files.readString(values, StandardCharsets.UTF_8)));
        CACHE.put(values, cached);
      }
      return Optional.of(cached.values());
    } catch (IOException | UncheckedIOException e) {
      return Optional.of(BUNDLED);
    }
  }

  public static JsonNode bundled() {
    return BUNDLED;
  }

  public static String bundledText() {
    return bundledFile("values.yaml");
  }

  /** The image tag of the bundled chart's Buildbot release, {@code v} + its appVersion (the one place the version lives). */
  public static String buildbotTag() {
    return BUILDBOT_TAG;
  }

  private static final String BUILDBOT_TAG = "v" + load(bundledFile("Chart.yaml")).path("appVersion").asText();

  private static String bundledFile(String name) {
    try (InputStream in = ChartDefaults.class.getResourceAsStream("/chart/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the bundled chart is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode load(String text) {
    YamlFile file = YamlParser.parse(text);
    return file.documents().isEmpty() ? null : JsonView.toJson(file.documents().get(0).root());
  }
}
