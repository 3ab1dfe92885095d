package dev.buildbotls.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the chart makes of a farm, in bytes, against the limits Kubernetes and Helm put on one object:
 * the masters' ConfigMap and each Secret of worker passwords (the API server refuses data past 1 MiB,
 * counted as Kubernetes counts it: the values' bytes), and Helm's release record (one Secret holding
 * the base64 of the gzipped release: chart, values and every manifest). Secrets are computed
 * exactly; the ConfigMap from the JSON the template writes; the release is an estimate, a linear
 * model of what each part adds after compression, which {@code FarmSizeTest} holds against real
 * renders (within 5%). Computed from the merged values alone, without rendering: it runs per keystroke.
 */
public final class FarmSize {
  /** Kubernetes' MaxSecretSize, which also bounds a ConfigMap's data; Helm's release Secret is one. */
  public static final long OBJECT_LIMIT = 1024 * 1024;

  // The model, calibrated by FarmSizeTest against the chart's renders: change the chart, rerun it.
  /** The master ConfigMap's data without the farm: buildbot.tac, chartdb.py, chartguard.py, identity.sh, master.cfg's program. */
  static final long CONFIG_MAP_BASE = 26_897;
  /** The lines master.cfg gets for a master.extraConfig, its code aside. */
  static final long CONFIG_MAP_EXTRA_CONFIG = 128;
  /** The release of a farm of nothing: the chart itself (templates, files, schema, values, README) and the fixed objects. */
  static final long RELEASE_BASE = 121_000;
  /** One declared worker's StatefulSet and password in the release, its name aside. */
  static final long RELEASE_PER_WORKER = 178;
  /** One more pool member: its generated password and key. */
  static final long RELEASE_PER_MEMBER = 48;
  /** What one byte of master.cfg's base64 VALUES (builders, properties, ...) adds to the release, at most (random text). */
  static final double RELEASE_PER_VALUES_BYTE = 0.7;
  /** A generated password: randAlphaNum 32. */
  static final int GENERATED_PASSWORD_BYTES = 32;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What kind of object is sized: each is refused by a different party, each needs another remedy. */
  public enum Kind { RELEASE_RECORD, CONFIG_MAP, SECRET }

  /** One object's size against its limit; {@code largest} names what adds most, at {@code path}. */
  public record Size(Kind kind, String object, long bytes, String largest, List<Object> path) {
    public boolean overLimit() {
      return bytes > OBJECT_LIMIT;
    }

    /** Only the release record is estimated; the ConfigMap and the Secrets are counted. */
    public boolean estimated() {
      return kind == Kind.RELEASE_RECORD;
    }
  }

  private FarmSize() {}

  /** Every sized object of the values' farm, largest first. */
  public static List<Size> of(JsonNode values) {
    List<Size> sizes = new ArrayList<>();
    JsonNode workers = values.path("workers");
    long namedSecret = 0;
    String namedLargest = null;
    long declared = 0;
    long nameBytes = 0;
    long members = 0;
    String largestPool = null;
    long largestPoolMembers = 0;
    long workersJson = 2; // [ ]
    if (workers.isObject()) {
      for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) workers::fields) {
        JsonNode w = e.getValue();
        if (!w.isObject()) {
          continue;
        }
        declared++;
        nameBytes += utf8(e.getKey());
        int replicas = Workers.poolSize(w);
        boolean existing = !w.path("existingSecret").path("name").asText("").isEmpty();
        long password = w.path("password").isTextual() && !w.path("password").asText().isEmpty()
            ? utf8(w.path("password").asText()) : GENERATED_PASSWORD_BYTES;
        if (replicas > 1) {
          members += replicas;
          if (replicas > largestPoolMembers) {
            largestPoolMembers = replicas;
            largestPool = e.getKey();
          }
          if (!existing) { // the pool's own Secret
            sizes.add(new Size(Kind.SECRET, "Secret of pool `" + e.getKey() + "`", replicas * password,
                replicas + " passwords", List.of("workers", e.getKey(), "replicas")));
          }
        } else if (!existing) {
          namedSecret += password;
          namedLargest = e.getKey();
        }
        workersJson += (declared > 1 ? 1 : 0) + declarationLength(e.getKey(), w, replicas, existing);
      }
    }
    if (namedSecret > 0) {
      sizes.add(new Size(Kind.SECRET, "Secret of the named workers' passwords", namedSecret, "one password per named worker", List.of("workers")));
    }
    ArrayNode builders = builders(values.path("builders"));
    long buildersJson = json(builders);
    String extraConfig = values.path("master").path("extraConfig").asText("");
    long otherJson = json(values.path("ssh").path("knownHosts")) + json(values.path("ui").path("plugins"));
    long valuesBase64 = base64(workersJson + buildersJson + otherJson);
    long configMap = CONFIG_MAP_BASE + valuesBase64 + (extraConfig.isEmpty() ? 0 : CONFIG_MAP_EXTRA_CONFIG + base64(utf8(extraConfig)));
    sizes.add(largestOf(Kind.CONFIG_MAP, "master ConfigMap (master.cfg)", configMap,
        List.of(part("the workers' declarations", base64(workersJson), List.of("workers")),
            part("the builders", base64(buildersJson), List.of("builders")),
            part("master.extraConfig", base64(utf8(extraConfig)), List.of("master", "extraConfig")))));
    long workerObjects = declared * RELEASE_PER_WORKER + base64(nameBytes);
    long poolPasswords = members * RELEASE_PER_MEMBER;
    long configText = Math.round(RELEASE_PER_VALUES_BYTE * (base64(buildersJson + otherJson) + base64(utf8(extraConfig))));
    long release = RELEASE_BASE + workerObjects + poolPasswords + configText;
    sizes.add(largestOf(Kind.RELEASE_RECORD, "Helm's release record", release,
        List.of(part(declared + " workers' StatefulSets", workerObjects, List.of("workers")),
            part(members + " pool members' passwords" + (largestPool == null ? "" : " (largest pool `" + largestPool + "`, " + largestPoolMembers + ")"),
                poolPasswords, largestPool == null ? List.of("workers") : List.of("workers", largestPool, "replicas")),
            part("the builders and master.extraConfig", configText, List.of("builders")),
            part("the chart itself", RELEASE_BASE, List.of()))));
    sizes.sort(Comparator.comparingLong(Size::bytes).reversed());
    return sizes;
  }

  private record Part(String what, long bytes, List<Object> path) {}

  private static Part part(String what, long bytes, List<Object> path) {
    return new Part(what, bytes, path);
  }

  private static Size largestOf(Kind kind, String object, long bytes, List<Part> parts) {
    Part largest = parts.stream().max(Comparator.comparingLong(Part::bytes)).orElseThrow();
    return new Size(kind, object, bytes, String.format(java.util.Locale.ROOT, "%s, %,d bytes", largest.what(), largest.bytes()), largest.path());
  }

  /**
   * The JSON length of a worker as master-configmap.yaml declares it to master.cfg (defaults left
   * out, keys sorted as Go sorts them), counted without building it: a farm has thousands.
   */
  private static long declarationLength(String name, JsonNode w, int replicas, boolean existing) {
    long length = "{\"name\":".length() + stringLength(name) + 1;
    int maxBuilds = w.path("maxBuilds").asInt(1);
    if (maxBuilds != 1) {
      length += ",\"maxBuilds\":".length() + Integer.toString(maxBuilds).length();
    }
    if (w.path("properties").isObject() && !w.path("properties").isEmpty()) {
      length += ",\"properties\":".length() + json(w.path("properties"));
    }
    if (replicas > 1) {
      length += ",\"replicas\":".length() + Integer.toString(replicas).length();
    }
    if (existing) {
      length += ",\"shared\":true".length();
    }
    return length;
  }

  /** A JSON string's length as Go writes it: quotes, escapes, UTF-8. */
  private static long stringLength(String s) {
    GoJsonLength length = new GoJsonLength();
    length.bytes = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t') {
        length.bytes += 2;
      } else if (c < 0x20) {
        length.bytes += 6;
      } else {
        length.add(c);
      }
    }
    return length.bytes;
  }

  /** The builders as master-configmap.yaml declares them. */
  private static ArrayNode builders(JsonNode builders) {
    ArrayNode list = JSON.createArrayNode();
    if (builders.isObject()) {
      builders.fields().forEachRemaining(e -> {
        JsonNode b = e.getValue();
        if (b.isObject()) {
          ObjectNode declared = list.addObject().put("name", e.getKey()).put("branch", b.path("branch").asText(".*"))
              .put("pollInterval", b.path("pollInterval").asInt(60));
          declared.set("repository", b.path("repository"));
          declared.set("command", b.path("command"));
          declared.set("workers", b.path("workers")); // absent: null, every worker
        }
      });
    }
    return list;
  }

  /** The bytes of Go's toJson of a node: Jackson's UTF-8, plus Go's escapes of <, >, & (\u003c) and U+2028/9 (\u2028). */
  static long json(JsonNode node) {
    if (node.isMissingNode()) {
      return 0;
    }
    GoJsonLength length = new GoJsonLength();
    try {
      JSON.writeValue(length, node);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e); // counting never fails
    }
    return length.bytes;
  }

  /** Counts what it is given as Go's encoding/json would write it, keeping nothing. */
  private static final class GoJsonLength extends java.io.Writer {
    long bytes;

    @Override
    public void write(char[] chars, int off, int len) {
      for (int i = off; i < off + len; i++) {
        add(chars[i]);
      }
    }

    /** One character of text Jackson already escaped (or a string's own character). */
    void add(char c) {
      if (c < 0x80) {
        bytes += c == '<' || c == '>' || c == '&' ? 6 : 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isSurrogate(c)) {
        bytes += 2; // half of a 4-byte character
      } else {
        bytes += c == '\u2028' || c == '\u2029' ? 6 : 3;
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  static long base64(long bytes) {
    return 4 * ((bytes + 2) / 3);
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
