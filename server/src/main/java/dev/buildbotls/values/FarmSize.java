package dev.buildbotls.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
  static final long CONFIG_MAP_BASE = 26_938;
  /** The lines master.cfg gets for a master.extraConfig, its code aside. */
  static final long CONFIG_MAP_EXTRA_CONFIG = 128;
  /** With latent workers: chartkube.py, and latent-pods.json's braces. */
  static final long CONFIG_MAP_LATENT_BASE = 9_194;
  /** One latent worker's build pod in latent-pods.json, defaults only, its name (written three times) aside. */
  static final long LATENT_POD = 2_267;
  /** One latent worker in the release record: its build pod (compressed, nearly a copy of the others)... */
  static final long RELEASE_PER_LATENT = 82;
  /** ... and its pod name in the Role's two rules, once per engine master... */
  static final double RELEASE_PER_LATENT_POD_NAME = 6.4;
  /** ... and, with any latent worker, this per engine master (calibrated on renders with 3 and 64 masters). */
  static final long RELEASE_PER_MASTER_WITH_LATENT = 200;
  /** What one byte of a latent worker's own pod fields (as JSON) adds to the release: in its values and its build pod. */
  static final double RELEASE_PER_POD_FIELD_BYTE = 0.3;
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

  /** Jackson's writer without ObjectMapper, whose first use sets up the JDK's calendar data (README "Performance"). */
  private static final JsonFactory JSON = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** What kind of object is sized: each is refused by a different party, each needs another remedy. */
  public enum Kind { RELEASE_RECORD, CONFIG_MAP, SECRET }

  /**
   * One object's size against its limit; {@code largest} names what adds most, at {@code path}.
   * {@code estimated}: the release record, and the ConfigMap when latent workers set pod fields
   * (counted as their JSON); the Secrets and the rest of the ConfigMap are counted.
   */
  public record Size(Kind kind, String object, long bytes, String largest, List<Object> path, boolean estimated) {
    public boolean overLimit() {
      return bytes > OBJECT_LIMIT;
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
    long workersJson = 2; // { }
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
                replicas + " passwords", List.of("workers", e.getKey(), "replicas"), false));
          }
        } else if (!existing) {
          namedSecret += password;
          namedLargest = e.getKey();
        }
        workersJson += (declared > 1 ? 1 : 0) + declarationLength(e.getKey(), w, replicas, existing);
      }
    }
    if (namedSecret > 0) {
      sizes.add(new Size(Kind.SECRET, "Secret of the named workers' passwords", namedSecret, "one password per named worker", List.of("workers"), false));
    }
    Latent latent = latent(values.path("latentWorkers"));
    ObjectNode builders = builders(values.path("builders"));
    long buildersJson = json(builders);
    String extraConfig = values.path("master").path("extraConfig").asText("");
    long otherJson = json(values.path("ssh").path("knownHosts")) + json(values.path("ui").path("plugins"));
    long valuesBase64 = base64(workersJson + latent.declarations + buildersJson + otherJson);
    long configMap = CONFIG_MAP_BASE + valuesBase64 + (extraConfig.isEmpty() ? 0 : CONFIG_MAP_EXTRA_CONFIG + base64(utf8(extraConfig)))
        + latent.pods;
    sizes.add(largestOf(Kind.CONFIG_MAP, "master ConfigMap (master.cfg)", configMap, latent.podFields > 0,
        List.of(part("the workers' declarations", base64(workersJson), List.of("workers")),
            part("the builders", base64(buildersJson), List.of("builders")),
            part("master.extraConfig", base64(utf8(extraConfig)), List.of("master", "extraConfig")),
            part(latent.count + " latent workers' build pods", latent.pods, List.of("latentWorkers")))));
    long workerObjects = declared * RELEASE_PER_WORKER + base64(nameBytes);
    long poolPasswords = members * RELEASE_PER_MEMBER;
    long configText = Math.round(RELEASE_PER_VALUES_BYTE * (base64(buildersJson + otherJson) + base64(utf8(extraConfig))));
    long latentRelease = latent.count == 0 ? 0 : Math.round(latent.count * (RELEASE_PER_LATENT + RELEASE_PER_LATENT_POD_NAME * engineMasters(values))
        + RELEASE_PER_MASTER_WITH_LATENT * engineMasters(values) + RELEASE_PER_POD_FIELD_BYTE * latent.podFields);
    long release = RELEASE_BASE + workerObjects + poolPasswords + configText + latentRelease;
    sizes.add(largestOf(Kind.RELEASE_RECORD, "Helm's release record", release, true,
        List.of(part(declared + " workers' StatefulSets", workerObjects, List.of("workers")),
            part(latent.count + " latent workers' build pods and Role entries", latentRelease, List.of("latentWorkers")),
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

  private static Size largestOf(Kind kind, String object, long bytes, boolean estimated, List<Part> parts) {
    Part largest = parts.stream().max(Comparator.comparingLong(Part::bytes)).orElseThrow();
    return new Size(kind, object, bytes, largest.what() + ", " + thousands(largest.bytes()) + " bytes", largest.path(), estimated);
  }

  /** 1234567 as 1,234,567: Formatter's %,d reads the JDK's locale data at its first use, on every analysis' way. */
  private static String thousands(long n) {
    String digits = Long.toString(n);
    StringBuilder grouped = new StringBuilder(digits.length() + digits.length() / 3);
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        grouped.append(',');
      }
      grouped.append(digits.charAt(i));
    }
    return grouped.toString();
  }

  /**
   * The JSON length of a worker as master-configmap.yaml declares it to master.cfg (defaults left
   * out, keys sorted as Go sorts them), counted without building it: a farm has thousands.
   */
  private static long declarationLength(String name, JsonNode w, int replicas, boolean existing) {
    long fields = 0;
    long length = stringLength(name) + ":{}".length();
    int maxBuilds = w.path("maxBuilds").asInt(1);
    if (maxBuilds != 1) {
      fields++;
      length += "\"maxBuilds\":".length() + Integer.toString(maxBuilds).length();
    }
    if (w.path("properties").isObject() && !w.path("properties").isEmpty()) {
      fields++;
      length += "\"properties\":".length() + json(w.path("properties"));
    }
    if (replicas > 1) {
      fields++;
      length += "\"replicas\":".length() + Integer.toString(replicas).length();
    }
    if (existing) {
      fields++;
      length += "\"shared\":true".length();
    }
    return length + Math.max(0, fields - 1); // the commas between fields
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

  /**
   * The latent workers' part of the masters' ConfigMap: their declarations in master.cfg's VALUES,
   * and chartkube.py with latent-pods.json (each build pod: the chart's spec, the worker's own
   * pod fields counted as their JSON, close to how the pod carries them).
   */
  private record Latent(long count, long declarations, long pods, long podFields) {}

  private static final Set<String> LATENT_SETTINGS = Set.of("maxBuilds", "buildWaitTimeout", "startTimeout", "properties");

  private static Latent latent(JsonNode latentWorkers) {
    ObjectNode declared = NODES.objectNode();
    long pods = 0;
    long podFields = 0;
    if (latentWorkers.isObject()) {
      for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) latentWorkers::fields) {
        JsonNode w = e.getValue();
        if (!w.isObject()) {
          continue;
        }
        declared.putObject(e.getKey()).put("buildWaitTimeout", w.path("buildWaitTimeout").asInt(0)).put("maxBuilds", w.path("maxBuilds").asInt(1))
            .put("startTimeout", w.path("startTimeout").asInt(300)).set("properties", w.path("properties").isObject() ? w.path("properties") : NODES.objectNode());
        pods += LATENT_POD + 3 * stringLength(e.getKey());
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) w::fields) {
          if (!LATENT_SETTINGS.contains(field.getKey()) && !field.getValue().isNull()) {
            podFields += json(field.getValue());
          }
        }
      }
    }
    if (declared.isEmpty()) {
      return new Latent(0, 0, 0, 0);
    }
    return new Latent(declared.size(), json(declared) - 2, CONFIG_MAP_LATENT_BASE + pods + podFields, podFields);
  }

  /** The masters that create build pods: each has its own names in the Role. */
  private static long engineMasters(JsonNode values) {
    return Math.max(1, values.path("master").path("replicas").asInt(1));
  }

  /** The builders as master-configmap.yaml declares them, by name. */
  private static ObjectNode builders(JsonNode builders) {
    ObjectNode byName = NODES.objectNode();
    if (builders.isObject()) {
      builders.fields().forEachRemaining(e -> {
        JsonNode b = e.getValue();
        if (b.isObject()) {
          ObjectNode declared = byName.putObject(e.getKey()).put("branch", b.path("branch").asText(".*"))
              .put("pollInterval", b.path("pollInterval").asInt(60));
          declared.set("repository", b.path("repository"));
          declared.set("command", b.path("command"));
          declared.set("workers", b.path("workers")); // absent: null, every worker
        }
      });
    }
    return byName;
  }

  /** The bytes of Go's toJson of a node: Jackson's UTF-8, plus Go's escapes of <, >, & (\u003c) and U+2028/9 (\u2028). */
  static long json(JsonNode node) {
    if (node.isMissingNode()) {
      return 0;
    }
    GoJsonLength length = new GoJsonLength();
    try (JsonGenerator json = JSON.createGenerator(length)) {
      writeJson(json, node);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e); // counting never fails
    }
    return length.bytes;
  }

  /** A node as ObjectMapper writes it (FarmSizeTest compares the two). */
  static void writeJson(JsonGenerator json, JsonNode node) throws java.io.IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        json.writeStartObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          json.writeFieldName(field.getKey());
          writeJson(json, field.getValue());
        }
        json.writeEndObject();
      }
      case ARRAY -> {
        json.writeStartArray();
        for (JsonNode item : node) {
          writeJson(json, item);
        }
        json.writeEndArray();
      }
      case STRING -> json.writeString(node.textValue());
      case BOOLEAN -> json.writeBoolean(node.booleanValue());
      case NULL, MISSING -> json.writeNull(); // as Jackson writes a missing node set into an object: a builder without workers
      case NUMBER -> {
        switch (node.numberType()) {
          case INT -> json.writeNumber(node.intValue());
          case LONG -> json.writeNumber(node.longValue());
          case BIG_INTEGER -> json.writeNumber(node.bigIntegerValue());
          case FLOAT -> json.writeNumber(node.floatValue());
          case DOUBLE -> json.writeNumber(node.doubleValue());
          case BIG_DECIMAL -> json.writeNumber(node.decimalValue());
        }
      }
      default -> throw new IllegalArgumentException("not a value of YAML: " + node.getNodeType());
    }
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
