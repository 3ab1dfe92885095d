package dev.buildbotls.integration;

import static dev.buildbotls.testing.Rendered.cast;
import static dev.buildbotls.testing.Rendered.container;
import static dev.buildbotls.testing.Rendered.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Processes;
import dev.buildbotls.testing.Rendered;
import dev.buildbotls.testing.pods.Cluster;
import dev.buildbotls.testing.pods.Pod;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pod runner itself cannot be silently wrong: a pod-spec field it neither implements nor lists
 * fails the pod, and its probes act as the kubelet's (a failing liveness probe restarts the
 * container; readiness waits for the startup probe). The pods are the chart's own worker pod with
 * one field changed, run in the worker image's root.
 */
class PodRunnerIT {
  private static final String WORKER = "ci-buildbot-worker-docs";
  @TempDir
  Path dir;

  @Test
  void aFieldTheRunnerNeitherImplementsNorListsFailsThePod() throws Exception {
    Rendered objects = Rendered.render("ci");
    template(objects).put("hostNetwork", true);
    try (Cluster cluster = new Cluster(dir, objects, Set.of())) {
      AssertionError e = assertThrows(AssertionError.class, () -> cluster.startStatefulSet(WORKER));
      assertTrue(e.getMessage().contains("neither implements nor lists spec.hostNetwork"), e.getMessage());
    }
  }

  /** A mount point under a symbolic link of the image (Debian's /var/run -> /run) is made inside the root, as runtimes do. */
  @Test
  void aMountUnderASymbolicLinkOfTheImageIsWhereTheContainerLooks() throws Exception {
    Rendered objects = Rendered.render("ci");
    Map<String, Object> worker = container(objects.get("StatefulSet", WORKER));
    worker.put("command", List.of("/bin/sh", "-c", "test -d /var/run/secrets/example && touch /var/run/secrets/example/seen && exec sleep 600"));
    List<Object> mounts = new java.util.ArrayList<>(Rendered.cast(worker.get("volumeMounts")));
    mounts.add(Map.of("name", "tmp", "mountPath", "/var/run/secrets/example"));
    worker.put("volumeMounts", mounts);
    try (Cluster cluster = new Cluster(dir, objects, Set.of())) {
      Pod pod = cluster.startStatefulSet(WORKER).get(0);
      Processes.await("the container saw its mount", 60, null, () -> java.nio.file.Files.exists(pod.volume("tmp").resolve("seen")));
      assertFalse(java.nio.file.Files.exists(Path.of("/run/secrets/example")), "nothing made on the host");
    }
  }

  @Test
  void aFailingLivenessProbeRestartsTheContainer() throws Exception {
    Rendered objects = Rendered.render("ci");
    Map<String, Object> worker = container(objects.get("StatefulSet", WORKER));
    worker.put("command", List.of("/bin/sleep", "600"));
    worker.put("livenessProbe", Map.of("exec", Map.of("command", List.of("/bin/false")), "periodSeconds", 1, "failureThreshold", 2));
    try (Cluster cluster = new Cluster(dir, objects, Set.of())) {
      Pod pod = cluster.startStatefulSet(WORKER).get(0);
      Processes.await("a restart", 60, null, () -> pod.restarts() >= 1);
      assertTrue(pod.events().contains("liveness probe failed 2 times: container worker killed"), pod.events().toString());
    }
  }

  @Test
  void readinessWaitsForTheStartupProbeAndLivenessIsNotRunBeforeIt() throws Exception {
    Rendered objects = Rendered.render("ci");
    Map<String, Object> worker = container(objects.get("StatefulSet", WORKER));
    // Started once /tmp/started exists (after 5 s); liveness would fail at once if it ran before.
    worker.put("command", List.of("/bin/sh", "-c", "sleep 5; touch /tmp/started; exec sleep 600"));
    worker.put("startupProbe", Map.of("exec", Map.of("command", List.of("/usr/bin/test", "-e", "/tmp/started")), "periodSeconds", 1,
        "failureThreshold", 30));
    worker.put("livenessProbe", Map.of("exec", Map.of("command", List.of("/usr/bin/test", "-e", "/tmp/started")), "periodSeconds", 1,
        "failureThreshold", 1));
    try (Cluster cluster = new Cluster(dir, objects, Set.of())) {
      Pod pod = cluster.startStatefulSet(WORKER).get(0);
      Processes.await("running", 60, null, () -> pod.phase().equals("Running"));
      assertFalse(pod.ready(), "not ready before the startup probe succeeded");
      Processes.await("ready", 60, null, pod::ready);
      Thread.sleep(3000);
      assertEquals(0, pod.restarts(), pod.events().toString());
    }
  }

  @Test
  void aWorkersEnvValueReachesTheContainerAsWrittenNeverExpanded() throws Exception {
    Rendered objects = Rendered.render("ci", "workers: {docs: {env: {LEAK: '$(WORKERPASS)', DOLLARS: 'a$$b$(', PLAIN: '$HOME', "
        + "DATA: {value: '$(HOME)'}, ASKED: {value: '$(HOME)/bin:$(BUILDMASTER):$$(HOME)', expand: true}}}}\n");
    Map<String, Object> worker = container(objects.get("StatefulSet", WORKER));
    worker.put("command", List.of("/bin/sh", "-c", "printf '%s|%s|%s|%s|%s\\n' \"$LEAK\" \"$DOLLARS\" \"$PLAIN\" \"$DATA\" \"$ASKED\"; exec sleep 600"));
    try (Cluster cluster = new Cluster(dir, objects, Set.of())) {
      Pod pod = cluster.startStatefulSet(WORKER).get(0);
      Processes.await("the values printed", 60, pod.mainLog(), () -> pod.log("worker").contains("|"));
      // As the kubelet expands them (the runner does what it does: $(VAR) of an earlier variable, $$ to $).
      // Only the value that asks for it is expanded, as the kubelet expands it.
      assertEquals("$(WORKERPASS)|a$$b$(|$HOME|$(HOME)|/home/buildbot/bin:ci-buildbot-workers:$(HOME)", pod.log("worker").strip());
    }
  }

  @Test
  void eachPoolMemberReadsItsOwnPasswordAndNoOther() throws Exception {
    Rendered objects = Rendered.render("ci", "workers: {docs: {replicas: 2}}\n"); // generated: one password per login
    String[] passwords = {objects.secret("ci-buildbot-worker-docs", "docs-0"), objects.secret("ci-buildbot-worker-docs", "docs-1")};
    assertNotEquals(passwords[0], passwords[1]);
    Map<String, Object> worker = container(objects.get("StatefulSet", WORKER));
    worker.put("command", List.of("/bin/sh", "-c", "printf '%s|%s|%s\\n' \"$WORKERNAME\" \"$(cat /etc/buildbot/worker-password)\" "
        + "\"$(env | grep -c -F -e '" + passwords[0] + "' -e '" + passwords[1] + "')\"; exec sleep 600"));
    try (Cluster cluster = new Cluster(dir, objects, Set.of())) {
      List<Pod> pods = cluster.startStatefulSet(WORKER);
      for (int i = 0; i < 2; i++) {
        Pod pod = pods.get(i);
        Processes.await("the password printed", 60, pod.mainLog(), () -> pod.log("worker").contains("|"));
        // its own login's password as its file, and no variable holding any password
        assertEquals("docs-" + i + "|" + passwords[i] + "|0", pod.log("worker").strip());
      }
    }
  }

  /** A pool scaled past its values (`kubectl scale`): the new member has no password key, and its worker says so and stops. */
  @Test
  void aPoolMemberBeyondTheValuesSaysWhyItCannotLogIn() throws Exception {
    Rendered objects = Rendered.render("ci", "workers: {docs: {replicas: 2}}\n");
    try (Cluster cluster = new Cluster(dir, objects, Set.of())) {
      Pod extra = cluster.createStatefulSetPod(WORKER, 2); // the pod's own command: dumb-init, twistd, the chart's buildbot.tac
      Processes.await("the worker's refusal", 60, extra.mainLog(), () -> extra.log("worker").contains("no password"));
      assertTrue(extra.log("worker").contains("worker docs-2: no password in /etc/buildbot/worker-password: set the pool's replicas in the values"
          + " (helm upgrade), not with kubectl scale"), extra.log("worker"));
    }
  }

  private static Map<String, Object> template(Rendered objects) {
    return cast(path(objects.get("StatefulSet", WORKER), "spec", "template", "spec"));
  }
}
