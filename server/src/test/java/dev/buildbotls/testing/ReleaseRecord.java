package dev.buildbotls.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.buildbotls.render.ChartRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The record Helm keeps of an install of the repository's chart, made as Helm's storage driver
 * makes it (pkg/storage/driver/util.go encodeRelease: the release's JSON, gzip at BestCompression,
 * base64, stored as one Secret's data): the chart (metadata, templates, values, schema and other
 * files, the .helmignore'd ones left out), the user's values (config), the manifests and the
 * rendered NOTES.txt. zlib stands in for Go's compress/flate at the same level (sizes within a few
 * percent). The notes are rendered by the real engine too: `helm template` prints no notes, so a
 * copy of the chart gets one more template, a ConfigMap holding them, taken out again here.
 */
public record ReleaseRecord(String manifests, String notes, long size) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NOTES = Pattern.compile("(?s)---\\n# Source: buildbot/templates/zz-release-notes\\.yaml\\n.*?notes: (\"[^\\n]*\")\\n");

  /** Renders the chart as release {@code ci} with these user values and sizes its stored record. */
  public static ReleaseRecord install(String userValues) throws Exception {
    Path copy = Files.createTempDirectory("buildbot-release");
    try {
      Path chart = Repo.chart();
      try (Stream<Path> walk = Files.walk(chart)) {
        for (Path file : walk.toList()) {
          Path target = copy.resolve(chart.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(target);
          } else {
            Files.copy(file, target);
          }
        }
      }
      Files.writeString(copy.resolve("templates/zz-release-notes.yaml"),
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: release-notes\ndata:\n"
              + "  notes: {{ include (print $.Template.BasePath \"/NOTES.txt\") . | toJson }}\n");
      String rendered = ChartRenderer.render(copy, "ci", List.of(userValues));
      Matcher m = NOTES.matcher(rendered);
      if (!m.find()) {
        throw new AssertionError("no notes rendered");
      }
      String notes = JSON.readValue(m.group(1), String.class);
      String manifests = rendered.substring(0, m.start()) + rendered.substring(m.end());
      return new ReleaseRecord(manifests, notes, size(chart, userValues, manifests, notes));
    } finally {
      try (Stream<Path> walk = Files.walk(copy)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static long size(Path chart, String userValues, String manifests, String notes) throws IOException {
    ObjectNode release = JSON.createObjectNode().put("name", "ci");
    release.putObject("info").put("first_deployed", "2026-12-04T12:00:00.000000000Z").put("last_deployed", "2026-12-04T12:00:00.000000000Z")
        .put("deleted", "").put("description", "Install complete").put("status", "deployed").put("notes", notes);
    ObjectNode chartNode = release.putObject("chart");
    chartNode.set("metadata", JSON.valueToTree(yaml(Files.readString(chart.resolve("Chart.yaml")))));
    chartNode.putNull("lock");
    ArrayNode templates = chartNode.putArray("templates");
    ArrayNode files = chartNode.putArray("files");
    try (Stream<Path> walk = Files.walk(chart)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String name = chart.relativize(file).toString();
        if (name.startsWith("examples/") || List.of(".helmignore", "Chart.yaml", "values.yaml", "values.schema.json").contains(name)) {
          continue; // .helmignore'd, or a field of its own
        }
        (name.startsWith("templates/") ? templates : files).addObject().put("name", name).put("data", Files.readAllBytes(file));
      }
    }
    chartNode.set("values", JSON.valueToTree(yaml(Files.readString(chart.resolve("values.yaml")))));
    chartNode.put("schema", Files.readAllBytes(chart.resolve("values.schema.json")));
    release.set("config", JSON.valueToTree(yaml(userValues)));
    release.put("manifest", manifests).put("version", 1).put("namespace", "default");
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    }) {
      gzip.write(JSON.writeValueAsBytes(release));
    }
    return Base64.getEncoder().encode(gzipped.toByteArray()).length;
  }

  private static Object yaml(String text) {
    Object o = new Load(LoadSettings.builder().setCodePointLimit(Integer.MAX_VALUE).build()).loadFromString(text);
    return o == null ? Map.of() : o;
  }
}
