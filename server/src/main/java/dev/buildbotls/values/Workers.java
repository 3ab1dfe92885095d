package dev.buildbotls.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The workers of the merged values and the Buildbot logins each one gives (pools expanded), and the
 * latent workers (latentWorkers: one login each, its name), which share the logins' namespace.
 */
public final class Workers {
  private final Map<String, List<String>> loginsByWorker = new LinkedHashMap<>();
  private final Set<String> latent = new LinkedHashSet<>();
  /** Worker names, then pool logins, in order: builders' references are looked up here (farms have thousands). */
  private final Set<String> referenceable = new LinkedHashSet<>();

  /** No workers: values that never parsed. */
  public static final Workers NONE = new Workers(MissingNode.getInstance());

  public Workers(JsonNode values) {
    JsonNode workers = values.path("workers");
    if (workers.isObject()) {
      workers.fields().forEachRemaining(e -> {
        List<String> logins = logins(e.getKey(), e.getValue());
        loginsByWorker.put(e.getKey(), logins);
        referenceable.add(e.getKey());
        referenceable.addAll(logins);
      });
    }
    JsonNode latentWorkers = values.path("latentWorkers");
    if (latentWorkers.isObject()) {
      latentWorkers.fieldNames().forEachRemaining(name -> {
        latent.add(name);
        referenceable.add(name);
      });
    }
  }

  /** The logins of one worker: its name, or name-0 .. name-N-1 for a pool of N. */
  public static List<String> logins(String name, JsonNode worker) {
    int replicas = poolSize(worker);
    if (replicas <= 1) {
      return List.of(name);
    }
    List<String> logins = new ArrayList<>(replicas);
    for (int i = 0; i < replicas; i++) {
      logins.add(name + "-" + i);
    }
    return logins;
  }

  /** The schema's maximum pool: a larger one is a schema error, and is never expanded here. */
  public static final int MAX_POOL = 1000;

  /** A pool's size, bounded by MAX_POOL whatever the values say (the schema reports what is past it). */
  public static int poolSize(JsonNode worker) {
    JsonNode replicas = worker.path("replicas");
    return replicas.canConvertToInt() ? Math.min(replicas.asInt(1), MAX_POOL) : 1;
  }

  /** The latent workers' names (each its own login). */
  public Set<String> latentNames() {
    return Collections.unmodifiableSet(latent);
  }

  /** The declared workers' map a worker is in: {@code latentWorkers} for a latent one, else {@code workers}. */
  public String section(String worker) {
    return latent.contains(worker) && !loginsByWorker.containsKey(worker) ? "latentWorkers" : "workers";
  }

  public Map<String, List<String>> loginsByWorker() {
    return Collections.unmodifiableMap(loginsByWorker);
  }

  /** Every name a builder may use: worker names (a pool's name stands for its members) and logins. */
  public Set<String> referenceableNames() {
    return Collections.unmodifiableSet(referenceable);
  }

  public boolean isReferenceable(String name) {
    return referenceable.contains(name);
  }
}
