package dev.buildbotls.chart;

import static dev.buildbotls.testing.Rendered.cast;
import static dev.buildbotls.testing.Rendered.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Rendered;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rendered NetworkPolicies, evaluated as Kubernetes does for pods of one namespace: a pod that a
 * policy selects for Ingress admits a connection only when some rule of such a policy names the
 * port (or none) and a peer that matches the source (or none).
 */
class NetworkPolicyTest {
  private final Rendered r;
  private final Map<String, Map<String, String>> pods = new HashMap<>();

  NetworkPolicyTest() throws Exception {
    r = Rendered.render("ci", "ui: {replicas: 1}\n");
    for (String kind : List.of("StatefulSet", "Deployment", "Job")) {
      for (Map<String, Object> w : r.ofKind(kind)) {
        String component = (String) path(w, "spec", "template", "metadata", "labels", "app.kubernetes.io/component");
        pods.put(component.startsWith("worker-") ? "worker" : component, cast(path(w, "spec", "template", "metadata", "labels")));
      }
    }
  }

  @Test
  void onlyMastersReachTheRouterAndOnlyMastersAndTheMigrationReachTheDatabase() {
    for (String master : List.of("master", "ui")) {
      assertTrue(allowed(pods.get(master), "crossbar", "wamp"), master + " to the router");
      assertTrue(allowed(pods.get(master), "database", "db"), master + " to the database");
    }
    assertTrue(allowed(pods.get("migrate"), "database", "db"));
    for (String other : List.of("worker", "crossbar", "migrate")) {
      assertFalse(allowed(pods.get(other), "crossbar", "wamp"), other + " to the router");
    }
    for (String other : List.of("worker", "crossbar")) {
      assertFalse(allowed(pods.get(other), "database", "db"), other + " to the database");
    }
  }

  @Test
  void workersReachTheMastersPbPortAndNothingReachesAWorker() {
    assertTrue(allowed(pods.get("worker"), "master", "pb"));
    Map<String, String> stranger = new HashMap<>(pods.get("worker"));
    stranger.put("app.kubernetes.io/instance", "another-release");
    assertFalse(allowed(stranger, "master", "pb"), "another release's worker");
    assertFalse(allowed(pods.get("crossbar"), "master", "pb"));
    assertTrue(allowed(Map.of("app", "ingress-controller"), "ui", "http"), "the web port is open by default");
    for (String source : List.of("master", "ui", "crossbar", "database")) {
      assertFalse(allowed(pods.get(source), "worker", "any"), source + " to a worker");
    }
  }

  /** A latent worker's build pod, with the labels the master creates it with: the masters' pb port, nothing else. */
  @Test
  void buildPodsReachTheMastersPbPortAndNothingReachesThem() throws Exception {
    Rendered latent = Rendered.render("ci", "ui: {replicas: 1}\nlatentWorkers:\n  build: {labels: {team: ci}}\n");
    Map<String, String> buildPod = cast(path(latent.buildPods().get("build"), "metadata", "labels"));
    assertTrue(allowed(latent, buildPod, pods.get("master"), "pb"));
    assertFalse(allowed(latent, buildPod, pods.get("crossbar"), "wamp"));
    assertFalse(allowed(latent, buildPod, pods.get("database"), "db"));
    for (String source : List.of("master", "ui", "crossbar", "database")) {
      assertFalse(allowed(latent, pods.get(source), buildPod, "any"), source + " to a build pod");
    }
  }

  @Test
  void webSourcesCloseTheWebPortToOthers() throws Exception {
    Rendered closed = Rendered.render("ci", "networkPolicy:\n  webSources: [{podSelector: {matchLabels: {app: proxy}}}]\n");
    assertTrue(allowed(closed, Map.of("app", "proxy"), pods.get("master"), "http"));
    assertFalse(allowed(closed, Map.of("app", "other"), pods.get("master"), "http"));
    assertEquals(List.of(), Rendered.render("ci", "networkPolicy: {enabled: false}\n").ofKind("NetworkPolicy"));
  }

  private boolean allowed(Map<String, String> source, String destination, String port) {
    return allowed(r, source, pods.get(destination), port);
  }

  private static boolean allowed(Rendered r, Map<String, String> source, Map<String, String> destination, String port) {
    boolean selected = false;
    for (Map<String, Object> policy : r.ofKind("NetworkPolicy")) {
      if (!matches(cast(path(policy, "spec", "podSelector")), destination)) {
        continue;
      }
      selected = true;
      for (Object rule : list(path(policy, "spec", "ingress"))) {
        List<Object> ports = list(path(rule, "ports"));
        List<Object> from = list(path(rule, "from"));
        boolean portOk = path(rule, "ports") == null || ports.stream().anyMatch(p -> port.equals(String.valueOf(path(p, "port"))));
        boolean peerOk = path(rule, "from") == null || from.stream()
            .anyMatch(peer -> path(peer, "podSelector") != null && path(peer, "namespaceSelector") == null
                && matches(cast(path(peer, "podSelector")), source));
        if (portOk && peerOk) {
          return true;
        }
      }
    }
    return !selected;
  }

  private static boolean matches(Map<String, Object> selector, Map<String, String> labels) {
    Map<String, String> matchLabels = selector.get("matchLabels") == null ? Map.of() : cast(selector.get("matchLabels"));
    if (!matchLabels.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
      return false;
    }
    for (Object expression : list(selector.get("matchExpressions"))) {
      String key = (String) path(expression, "key");
      String operator = (String) path(expression, "operator");
      boolean ok = switch (operator) {
        case "In" -> list(path(expression, "values")).contains(labels.get(key));
        case "NotIn" -> !list(path(expression, "values")).contains(labels.get(key));
        case "Exists" -> labels.containsKey(key);
        case "DoesNotExist" -> !labels.containsKey(key);
        default -> throw new AssertionError("operator " + operator);
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static List<Object> list(Object o) {
    return o instanceof List<?> l ? new java.util.ArrayList<>(l) : new java.util.ArrayList<>();
  }
}
