package dev.buildbotls.chart;

import static dev.buildbotls.testing.Rendered.cast;
import static dev.buildbotls.testing.Rendered.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Rendered;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Latent workers (latentWorkers): the engine masters' Kubernetes access exists only with them and is
 * exactly what Buildbot's KubeLatentWorker asks for; the build pod is the worker's pod without a password.
 */
class LatentWorkersTest {
  private static final String LATENT = "master: {replicas: 3}\nui: {replicas: 1}\nlatentWorkers:\n"
      + "  build:\n    labels: {team: ci}\n    env: {GREETING: 'hi $(WORKERNAME)', NAME: {value: '$(WORKERNAME)', expand: true}}\n"
      + "    tolerations: [{key: dedicated, operator: Exists}]\n  docs: {}\n"
      + "builders:\n  app-tests: {workers: [build]}\n";

  @Test
  void withoutLatentWorkersNoPodHasKubernetesAccess() throws Exception {
    Rendered r = Rendered.render("ci", "");
    for (String kind : List.of("ServiceAccount", "Role", "RoleBinding")) {
      assertEquals(List.of(), r.ofKind(kind), kind);
    }
    Map<String, Object> master = r.get("StatefulSet", "ci-buildbot-master");
    assertNull(path(master, "spec", "template", "spec", "serviceAccountName"));
    assertFalse(volumeNames(master).contains("kube-api"));
    assertEquals(Map.of(), r.buildPods());
  }

  /** Buildbot's requests: create a pod; delete one and read its status by the name it gave it. */
  @Test
  void theEngineMastersMayCreatePodsAndDeleteAndReadOnlyTheirOwn() throws Exception {
    Rendered r = Rendered.render("ci", LATENT);
    List<String> own = new ArrayList<>();
    for (String worker : List.of("build", "docs")) {
      for (int i = 0; i < 3; i++) {
        own.add("buildbot-" + worker + "-" + sha1("ci-buildbot-master-" + i + ":/buildbot").substring(0, 6));
      }
    }
    assertEquals(List.of(
        Map.of("apiGroups", List.of(""), "resources", List.of("pods"), "verbs", List.of("create")),
        Map.of("apiGroups", List.of(""), "resources", List.of("pods"), "verbs", List.of("delete"), "resourceNames", own),
        Map.of("apiGroups", List.of(""), "resources", List.of("pods/status"), "verbs", List.of("get"), "resourceNames", own)),
        path(r.get("Role", "ci-buildbot-master"), "rules"));
    Map<String, Object> binding = r.get("RoleBinding", "ci-buildbot-master");
    assertEquals(Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", "ci-buildbot-master"), path(binding, "roleRef"));
    assertEquals(List.of(Map.of("kind", "ServiceAccount", "name", "ci-buildbot-master", "namespace", "default")), path(binding, "subjects"));
    assertEquals(false, path(r.get("ServiceAccount", "ci-buildbot-master"), "automountServiceAccountToken"));

    Map<String, Object> engine = r.get("StatefulSet", "ci-buildbot-master");
    assertEquals("ci-buildbot-master", path(engine, "spec", "template", "spec", "serviceAccountName"));
    assertEquals(false, path(engine, "spec", "template", "spec", "automountServiceAccountToken"));
    assertTrue(volumeNames(engine).contains("kube-api"));
    Map<String, Object> env = Rendered.env(Rendered.container(engine));
    assertEquals(Map.of("fieldRef", Map.of("fieldPath", "metadata.name")), env.get("BUILDBOT_POD_NAME"));
    assertEquals(Map.of("fieldRef", Map.of("fieldPath", "metadata.uid")), env.get("BUILDBOT_POD_UID"));
    assertEquals(Map.of("fieldRef", Map.of("fieldPath", "metadata.namespace")), env.get("BUILDBOT_NAMESPACE"));
    // The web masters never create a pod: no account, no token.
    Map<String, Object> web = r.get("StatefulSet", "ci-buildbot-ui");
    assertNull(path(web, "spec", "template", "spec", "serviceAccountName"));
    assertFalse(volumeNames(web).contains("kube-api"));
  }

  @Test
  void aBuildPodIsTheWorkersPodWithItsLabelsAndNoPassword() throws Exception {
    Rendered r = Rendered.render("ci", LATENT);
    Map<String, Object> pod = r.buildPods().get("build");
    Map<String, Object> labels = cast(path(pod, "metadata", "labels"));
    assertEquals("ci", labels.get("app.kubernetes.io/instance"));
    assertEquals("latent-build", labels.get("app.kubernetes.io/component"));
    assertEquals("build", labels.get("buildbot.net/worker"));
    assertEquals("true", labels.get("buildbot.net/latent"));
    assertEquals("ci", labels.get("team"));
    Map<String, Object> spec = cast(pod.get("spec"));
    assertEquals("Never", spec.get("restartPolicy"));
    assertEquals(List.of(Map.of("key", "dedicated", "operator", "Exists")), spec.get("tolerations"));
    Map<String, Object> container = cast(path(spec, "containers", 0));
    assertEquals("quay.io/buildbot/buildbot-worker:v" + dev.buildbotls.testing.Repo.appVersion(), container.get("image"));
    // The master puts its variables first (chartkube.py); the values' follow, data unless asked to expand.
    assertEquals(Map.of("HOME", "/home/buildbot", "GREETING", "hi $$(WORKERNAME)", "NAME", "$(WORKERNAME)"), Rendered.env(container));
    assertFalse(volumeNames(Map.of("spec", Map.of("template", Map.of("spec", spec)))).contains("password"), "the login comes from the master");
    // The static workers' pod, but for the login and the restart policy.
    Map<String, Object> worker = cast(path(Rendered.render("ci", "").get("StatefulSet", "ci-buildbot-worker-docs"), "spec", "template", "spec"));
    assertEquals(path(worker, "initContainers"), spec.get("initContainers"));
    assertEquals(path(worker, "securityContext"), spec.get("securityContext"));
    assertEquals(path(worker, "containers", 0, "command"), container.get("command"));
  }

  private static List<Object> volumeNames(Map<String, Object> workload) {
    List<?> volumes = (List<?>) path(workload, "spec", "template", "spec", "volumes");
    return volumes.stream().map(v -> path(v, "name")).toList();
  }

  private static String sha1(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
