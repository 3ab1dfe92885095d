package dev.buildbotls.testing;

import dev.buildbotls.render.ChartRenderer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The parsed objects of one `helm template` of the repository's chart, with lookups for tests. */
public final class Rendered {
  public final String manifests;
  public final List<Map<String, Object>> objects = new ArrayList<>();

  private Rendered(String manifests) {
    this.manifests = manifests;
    // One document at a time: a farm's manifests pass the parser's limit on one stream.
    Load load = new Load(LoadSettings.builder().build());
    for (String document : manifests.split("(?m)^---$")) {
      Object o = load.loadFromString(document);
      if (o != null) {
        objects.add(cast(o));
      }
    }
  }

  /** A ConfigMap's or Secret's data as the API server counts it against 1 MiB: the values' bytes, a Secret's decoded. */
  public static long dataBytes(Map<String, Object> object) {
    boolean secret = "Secret".equals(object.get("kind"));
    Map<String, String> data = cast(object.get("data"));
    return data.values().stream().mapToLong(v -> secret ? Base64.getDecoder().decode(v).length : v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
  }

  /** Manifests rendered elsewhere (ReleaseRecord), parsed. */
  public static Rendered of(String manifests) {
    return new Rendered(manifests);
  }

  /** Renders the repository's chart with these values texts layered over its defaults. */
  public static Rendered render(String release, String... values) throws ChartRenderer.RenderException {
    return new Rendered(ChartRenderer.render(Repo.chart(), release, List.of(values)));
  }

  public List<Map<String, Object>> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.get("kind"))).collect(Collectors.toList());
  }

  public Map<String, Object> get(String kind, String name) {
    return objects.stream()
        .filter(o -> kind.equals(o.get("kind")) && name.equals(name(o)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in: " + names()));
  }

  public boolean has(String kind, String name) {
    return objects.stream().anyMatch(o -> kind.equals(o.get("kind")) && name.equals(name(o)));
  }

  public List<String> names() {
    return objects.stream().map(o -> o.get("kind") + "/" + name(o)).toList();
  }

  /** The generated master.cfg. */
  public String masterCfg(String release) {
    return (String) path(get("ConfigMap", release + "-buildbot-master"), "data", "master.cfg");
  }

  /** The values master.cfg carries as data (its base64-encoded JSON document VALUES), parsed. */
  public Map<String, Object> masterValues(String release) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("VALUES = json\\.loads\\(base64\\.b64decode\\(\"([A-Za-z0-9+/=]*)\"\\)").matcher(masterCfg(release));
    if (!m.find()) {
      throw new AssertionError("no VALUES in master.cfg");
    }
    String json = new String(Base64.getDecoder().decode(m.group(1)), java.nio.charset.StandardCharsets.UTF_8);
    return cast(new Load(LoadSettings.builder().build()).loadFromString(json));
  }

  /** A Secret's decoded value. */
  public String secret(String name, String key) {
    String encoded = (String) path(get("Secret", name), "data", key);
    return new String(Base64.getDecoder().decode(Objects.requireNonNull(encoded, key)));
  }

  public static String name(Map<String, Object> object) {
    return (String) path(object, "metadata", "name");
  }

  /** Walks maps by key and lists by index (Integer); null when absent. */
  public static Object path(Object node, Object... steps) {
    for (Object step : steps) {
      if (node instanceof Map<?, ?> m) {
        node = m.get(step);
      } else if (node instanceof List<?> l && step instanceof Integer i && i < l.size()) {
        node = l.get(i);
      } else {
        return null;
      }
    }
    return node;
  }

  /**
   * The build pods of the latent workers (the masters' ConfigMap's latent-pods.json, as master.cfg
   * reads it): worker name to pod (metadata and spec), before the master adds the login.
   */
  public Map<String, Map<String, Object>> buildPods() {
    for (Map<String, Object> configMap : ofKind("ConfigMap")) {
      Object json = path(configMap, "data", "latent-pods.json");
      if (json != null) {
        try {
          return cast(new com.fasterxml.jackson.databind.ObjectMapper().readValue((String) json, Map.class));
        } catch (java.io.IOException e) {
          throw new AssertionError("latent-pods.json is not JSON: " + e.getMessage(), e);
        }
      }
    }
    return Map.of();
  }

  /** The first container of a workload's pod template. */
  public static Map<String, Object> container(Map<String, Object> workload) {
    return cast(path(workload, "spec", "template", "spec", "containers", 0));
  }

  /** A container's environment as name to value (or to the secretKeyRef/fieldRef map). */
  public static Map<String, Object> env(Map<String, Object> container) {
    Map<String, Object> env = new java.util.LinkedHashMap<>();
    List<?> vars = container.get("env") == null ? List.of() : (List<?>) container.get("env");
    for (Object e : vars) {
      Map<String, Object> var = cast(e);
      env.put((String) var.get("name"), var.containsKey("value") ? var.get("value") : var.get("valueFrom"));
    }
    return env;
  }

  @SuppressWarnings("unchecked")
  public static <T> T cast(Object o) {
    return (T) o;
  }
}
