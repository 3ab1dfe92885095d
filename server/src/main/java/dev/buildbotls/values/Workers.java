package dev.buildbotls.values;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The workers of the merged values and the Buildbot logins each one gives (pools expanded). */
public final class Workers {
  private final Map<String, List<String>> loginsByWorker = new LinkedHashMap<>();

  public Workers(JsonNode values) {
    JsonNode workers = values.path("workers");
    if (workers.isObject()) {
      workers.fields().forEachRemaining(e -> loginsByWorker.put(e.getKey(), logins(e.getKey(), e.getValue())));
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

  public static int poolSize(JsonNode worker) {
    JsonNode replicas = worker.path("replicas");
    return replicas.canConvertToInt() ? replicas.asInt(1) : 1;
  }

  public Map<String, List<String>> loginsByWorker() {
    return loginsByWorker;
  }

  /** Every name a builder may use: worker names (a pool's name stands for its members) and logins. */
  public List<String> referenceableNames() {
    List<String> names = new ArrayList<>();
    loginsByWorker.forEach((name, logins) -> {
      names.add(name);
      logins.stream().filter(l -> !l.equals(name)).forEach(names::add);
    });
    return names;
  }

  public boolean isReferenceable(String name) {
    if (loginsByWorker.containsKey(name)) {
      return true;
    }
    return loginsByWorker.values().stream().anyMatch(logins -> logins.contains(name));
  }
}
