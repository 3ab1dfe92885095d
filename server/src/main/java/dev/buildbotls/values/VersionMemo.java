package dev.buildbotls.values;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Results carried from one version of a document to the next, by the identity of what they were
 * computed from: the incremental parser hands unchanged nodes over as they were, so their JSON and
 * their schema verdicts are found here instead of being made again. Only the previous version's
 * results are kept.
 */
public final class VersionMemo<K, V> {
  private Map<K, V> previous = new IdentityHashMap<>();
  private Map<K, V> current = new IdentityHashMap<>();

  public V get(K key, Function<K, V> compute) {
    V found = current.get(key);
    if (found == null) {
      found = previous.get(key);
      if (found == null) {
        found = compute.apply(key);
      }
      current.put(key, found);
    }
    return found;
  }

  /** Called once a version is done: what the next version does not ask for is then forgotten. */
  public void nextVersion() {
    previous = current;
    current = new IdentityHashMap<>();
  }
}
