package dev.buildbotls.integration;

import static dev.buildbotls.testing.Rendered.cast;
import static dev.buildbotls.testing.Rendered.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Processes;
import dev.buildbotls.testing.Rendered;
import dev.buildbotls.testing.pods.Cluster;
import dev.buildbotls.testing.pods.Farm;
import dev.buildbotls.testing.pods.KubeApi;
import dev.buildbotls.testing.pods.Pod;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Latent workers on the pod runner, with the Kubernetes API stand-in (Adaptations, 7): two engine
 * masters each create build pods with the Role the chart renders, each pod connects back to the
 * master that created it and is gone after its build; a pod whose image cannot be pulled, or that
 * no node takes, fails its build within the start timeout; the web master declares the latent
 * workers; a master that restarts while its pod runs deletes the pod.
 */
class LatentWorkersIT extends OnThePodRunner {
  private static final int START_TIMEOUT = 10;

  @Test
  void eachMasterBuildsOnItsOwnPodsAndAPodThatCannotStartFailsItsBuild() throws Exception {
    farm = new Farm(dir, RELEASE);
    Cluster cluster = install();
    Thread.sleep(3000); // the poller's first poll records the existing commit; the next commit is a change
    farm.commit("second", "echo building on $WORKERNAME\nsleep 3\n");
    // Three builders on `build` (one build at a time per master's pod), one on `broken` and one on
    // `elsewhere`: both masters build.
    awaitBuilds(5, 300);
    Map<String, String> results = rows("SELECT bu.name, b.results || ' ' || m.name || ' ' || (b.complete_at - b.started_at) FROM builds b "
        + "JOIN builders bu ON bu.id = b.builderid JOIN masters m ON m.id = b.masterid");
    for (String builder : List.of("a", "b", "c")) {
      assertTrue(results.get(builder).startsWith("0 "), "SUCCESS on a build pod: " + results);
    }
    Set<String> masters = Set.of("a", "b", "c").stream().map(b -> results.get(b).split(" ")[1]).collect(Collectors.toSet());
    assertEquals(2, masters.size(), "both engine masters built on their own pods: " + results);
    // EXCEPTION ("worker cannot substantiate") within the start timeout and one look at the pod, not
    // Buildbot's hour, naming Kubernetes' reason: the kubelet's (an image no registry serves) or the
    // scheduler's (a nodeSelector no node matches).
    assertCouldNotStart(cluster, results, "x", "identity ImagePullBackOff: Back-off pulling image \"registry.invalid/");
    assertCouldNotStart(cluster, results, "z", "Unschedulable: 0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.");

    // The web master declares the latent workers (builders name them) and shows where each build ran.
    String workers = farm.get(PREFIX + "web", 8080, "/api/v2/workers");
    for (String latent : List.of("build", "broken", "elsewhere")) {
      assertTrue(workers.contains("\"name\": \"" + latent + "\""), latent + " on the web master: " + workers);
    }

    // Every pod named its creator as owner and came back to it; every request was one the Role allows.
    List<Map<String, Object>> created = cluster.pods().stream().filter(p -> "true".equals(p.labels.get("buildbot.net/latent")))
        .map(Pod::object).toList();
    assertTrue(created.size() >= 3, "build pods: " + created.size());
    for (Map<String, Object> pod : created) {
      String owner = (String) path(pod, "metadata", "ownerReferences", 0, "name");
      assertTrue(owner.startsWith(PREFIX + "master-"), "owner " + owner);
      Map<String, Object> env = Rendered.env(cast(path(pod, "spec", "containers", 0)));
      assertEquals(owner + "." + PREFIX + "master-headless", env.get("BUILDMASTER"), "the pod returns to its master");
    }
    for (KubeApi.Request request : cluster.api().requests()) {
      assertTrue(request.status() != 401 && request.status() != 403, "refused: " + request);
      assertEquals(PREFIX + "master", request.account(), request.toString());
    }
    assertEquals(Set.of("create", "delete", "get"), cluster.api().requests().stream().map(KubeApi.Request::verb).collect(Collectors.toSet()));
    Processes.await("every build pod gone", 90, null, () -> livePods(cluster).isEmpty());

    // The service account's token rotates (the kubelet rewrites the projected file; the old token is
    // refused): the masters send the new one, where Buildbot alone keeps the token it read at start.
    cluster.api().rotateToken(PREFIX + "master");
    cluster.apply(cluster.objects());
    int rotated = cluster.api().requests().size();

    // A master restarted while its pod runs a build deletes the pod as it starts.
    farm.commit("third", "echo long build\nsleep 600\n");
    Processes.await("build pods running on both masters", 180, null, () -> livePods(cluster).stream()
        .filter(p -> p.phase().equals("Running")).map(p -> path(p.object(), "metadata", "ownerReferences", 0, "name")).distinct().count() == 2);
    assertTrue(cluster.api().requests().subList(rotated, cluster.api().requests().size()).stream()
        .filter(r -> r.verb().equals("create") && r.status() == 201).count() >= 2, "both masters created pods with the new token");
    Pod running = runningBuildPod(cluster);
    String owner = (String) path(running.object(), "metadata", "ownerReferences", 0, "name");
    Pod master = cluster.pod(owner);
    master.killMainContainer();
    Processes.await(running.name + " deleted by its restarted master", 120, null, () -> running.phase().equals("Deleted"));
    assertEquals(0, cluster.api().requests().stream().filter(r -> r.status() == 401 || r.status() == 403).count());
    assertTrue(cluster.api().requests().stream().anyMatch(r -> r.verb().equals("delete") && r.name().equals(running.name) && r.status() == 200),
        "the restarted master asked for the deletion");
    Processes.await(owner + " Ready again", 120, null, master::ready);

    // A master pod force-deleted while its build pod runs (its node lost: no process of it deletes
    // anything): the garbage collector deletes the build pod it owned. (Deleted gracefully, the
    // master deletes its pods itself as it stops.)
    Processes.await("a build pod running again", 180, null, () -> runningBuildPod(cluster) != null);
    Pod orphan = runningBuildPod(cluster);
    Pod gone = cluster.pod((String) path(orphan.object(), "metadata", "ownerReferences", 0, "name"));
    int before = cluster.api().requests().size();
    gone.forceDelete();
    Processes.await(orphan.name + " collected with its owner", 60, null, () -> orphan.phase().equals("Deleted"));
    assertTrue(cluster.api().requests().subList(before, cluster.api().requests().size()).stream()
        .noneMatch(r -> r.verb().equals("delete") && r.name().equals(orphan.name) && r.status() == 200), "the garbage collector deleted it, not a master");
  }

  /**
   * Two engine masters and a web master, latent workers `build`, `broken` (an image no registry
   * serves) and `elsewhere` (a nodeSelector no node matches), no declared worker.
   */
  private Cluster install() throws Exception {
    String values = "master: {replicas: 2, terminationGracePeriodSeconds: 60}\nui: {replicas: 1}\n"
        + "database: {password: " + Farm.DB_PASSWORD + "}\n"
        + "workers:\n  linux-amd64: null\n  debian-arm64: null\n  docs: null\n"
        + "latentWorkers:\n  build: {}\n"
        + "  broken: {image: {repository: registry.invalid/buildbot/buildbot-worker}, startTimeout: " + START_TIMEOUT + "}\n"
        + "  elsewhere: {nodeSelector: {kubernetes.io/arch: " + (System.getProperty("os.arch").equals("amd64") ? "arm64" : "amd64")
        + "}, startTimeout: " + START_TIMEOUT + "}\n"
        + "builders:\n  app-tests: null\n  docs: null\n"
        + builder("a", "build") + builder("b", "build") + builder("c", "build") + builder("x", "broken") + builder("z", "elsewhere");
    return farm.install(Rendered.render(RELEASE, values), cluster -> {}, PREFIX + "master", PREFIX + "ui");
  }

  private String builder(String name, String worker) {
    return "  " + name + ":\n    repository: '" + farm.repositoryUrl() + "'\n    branch: main\n    pollInterval: 1\n"
        + "    command: [sh, ci.sh]\n    workers: [" + worker + "]\n";
  }

  private static List<Pod> livePods(Cluster cluster) {
    return cluster.pods().stream().filter(p -> "true".equals(p.labels.get("buildbot.net/latent")) && !p.phase().equals("Deleted")).toList();
  }

  private static Pod runningBuildPod(Cluster cluster) {
    return livePods(cluster).stream().filter(p -> p.phase().equals("Running") && !p.deleting()).findFirst().orElse(null);
  }

  /** The builder's build ended EXCEPTION within the start timeout, a master's log naming {@code reason}. */
  private void assertCouldNotStart(Cluster cluster, Map<String, String> results, String builder, String reason) throws Exception {
    assertTrue(results.containsKey(builder), "a build on " + builder + ": " + results + "\n" + state(cluster));
    String[] build = results.get(builder).split(" ");
    assertEquals("4", build[0], "the build on " + builder + ": " + results + "\n" + state(cluster));
    assertTrue(Integer.parseInt(build[2]) <= START_TIMEOUT + 15, "failed after " + build[2] + " s: " + results);
    assertTrue(cluster.pods().stream().anyMatch(p -> p.name.startsWith(PREFIX + "master-")
        && p.log("master").contains("did not start within startTimeout (" + START_TIMEOUT + " s): " + reason)), "the failure names " + reason);
  }

  /** Until {@code builders} builders have each finished a build. */
  private void awaitBuilds(int builders, int seconds) throws Exception {
    try {
      Processes.await(builders + " builders' finished builds", seconds, null,
          () -> farm.count("SELECT count(DISTINCT builderid) FROM builds WHERE complete_at IS NOT NULL") >= builders);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + state(farm.cluster()), e);
    }
  }

  /** A query's rows as first column to the rest. */
  private Map<String, String> rows(String query) throws Exception {
    return farm.sql(query).lines().map(l -> l.split("\\|", 2)).collect(Collectors.toMap(f -> f[0], f -> f.length > 1 ? f[1] : "", (a, b) -> a + "; " + b));
  }

  private String state(Cluster cluster) throws Exception {
    StringBuilder b = new StringBuilder();
    for (String table : List.of("builds", "buildrequests", "connected_workers")) {
      b.append("--- ").append(table).append('\n').append(farm.sql("SELECT * FROM " + table)).append('\n');
    }
    cluster.api().requests().forEach(r -> b.append(r).append('\n'));
    cluster.pods().stream().filter(p -> p.name.contains("master") || p.name.startsWith("buildbot-")).forEach(p -> b.append(p.describe()));
    return b.toString();
  }
}
