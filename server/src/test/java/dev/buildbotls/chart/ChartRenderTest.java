package dev.buildbotls.chart;

import static dev.buildbotls.testing.Rendered.cast;
import static dev.buildbotls.testing.Rendered.container;
import static dev.buildbotls.testing.Rendered.env;
import static dev.buildbotls.testing.Rendered.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Rendered;
import dev.buildbotls.testing.Repo;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The chart rendered by the real Helm engine, asserted on the parsed objects. */
class ChartRenderTest {

  @Test
  void defaultValuesRenderAMultiMasterInstall() throws Exception {
    Rendered r = Rendered.render("ci");
    for (Map<String, Object> o : r.objects) {
      assertNotNull(o.get("apiVersion"), "apiVersion of " + Rendered.name(o));
      assertNotNull(o.get("kind"));
      assertTrue(Rendered.name(o).startsWith("ci-buildbot-"), "release-prefixed name: " + Rendered.name(o));
      Map<String, Object> labels = cast(path(o, "metadata", "labels"));
      for (String label : List.of("app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/managed-by",
          "app.kubernetes.io/component", "app.kubernetes.io/version", "helm.sh/chart")) {
        assertTrue(labels.containsKey(label), label + " on " + Rendered.name(o));
      }
      assertEquals("ci", labels.get("app.kubernetes.io/instance"));
    }
    Map<String, Object> masters = r.get("StatefulSet", "ci-buildbot-master");
    assertEquals(2, path(masters, "spec", "replicas"));
    assertEquals("RollingUpdate", path(masters, "spec", "updateStrategy", "type"));
    Map<String, Object> master = container(masters);
    assertNotNull(master.get("readinessProbe"));
    assertNotNull(master.get("livenessProbe"));
    assertTrue(path(master, "lifecycle", "preStop", "exec", "command").toString().contains("kill -USR1 1"));
    assertEquals(3600, path(masters, "spec", "template", "spec", "terminationGracePeriodSeconds"));
    assertEquals(true, path(masters, "spec", "template", "spec", "securityContext", "runAsNonRoot"));
    assertNotNull(path(masters, "spec", "template", "spec", "affinity", "podAntiAffinity"));
    assertNotNull(path(masters, "spec", "template", "metadata", "annotations", "checksum/config"));
    assertEquals("all", env(master).get("BUILDBOT_ROLE"));
    assertEquals(1, path(r.get("PodDisruptionBudget", "ci-buildbot-master"), "spec", "maxUnavailable"));
    // The worker load balancer in front of every engine master, and the web Service.
    Map<String, Object> lb = r.get("Service", "ci-buildbot-workers");
    assertEquals("master", path(lb, "spec", "selector", "app.kubernetes.io/component"));
    assertEquals(9989, path(lb, "spec", "ports", 0, "port"));
    assertEquals("master", path(r.get("Service", "ci-buildbot-web"), "spec", "selector", "app.kubernetes.io/component"));
    // Bundled database and crossbar router.
    assertTrue(r.has("StatefulSet", "ci-buildbot-database"));
    assertNotNull(path(r.get("StatefulSet", "ci-buildbot-database"), "spec", "volumeClaimTemplates", 0));
    assertTrue(r.has("Deployment", "ci-buildbot-crossbar"));
    assertEquals("Recreate", path(r.get("Deployment", "ci-buildbot-crossbar"), "spec", "strategy", "type"), "never two routers");
    assertTrue(r.has("Service", "ci-buildbot-crossbar"));
    // Workers: a StatefulSet each (one identity per login), of one replica for a single worker.
    Map<String, Object> docs = r.get("StatefulSet", "ci-buildbot-worker-docs");
    assertEquals(1, path(docs, "spec", "replicas"));
    Map<String, Object> docsEnv = env(container(docs));
    assertEquals("docs", docsEnv.get("WORKERNAME"));
    assertEquals("ci-buildbot-workers", docsEnv.get("BUILDMASTER"));
    assertEquals("9989", docsEnv.get("BUILDMASTER_PORT"));
    // The password is a file, in no variable (builds inherit the variables)
    assertFalse(docsEnv.toString().contains("PASS"), docsEnv.toString());
    assertEquals(Map.of("secretName", "ci-buildbot-workers", "defaultMode", 288, "items", List.of(Map.of("key", "docs", "path", "docs"))),
        path(volume(docs, "password"), "secret"));
    Map<String, Object> pool = r.get("StatefulSet", "ci-buildbot-worker-linux-amd64");
    assertEquals(2, path(pool, "spec", "replicas"));
    assertEquals("linux-amd64-$(POD_INDEX)", env(container(pool)).get("WORKERNAME"));
    // Each member of a pool its own password: the pool's own Secret, a key per login, projected whole
    // (a list of items would be repeated in every Pod object), the member's own file by its WORKERNAME
    assertEquals(Map.of("secretName", "ci-buildbot-worker-linux-amd64", "defaultMode", 288), path(volume(pool, "password"), "secret"));
    Map<String, Object> ownFile = Rendered.<List<Map<String, Object>>>cast(container(pool).get("volumeMounts")).stream()
        .filter(m -> m.get("name").equals("password")).findFirst().orElseThrow();
    assertEquals(Map.of("name", "password", "mountPath", "/etc/buildbot/worker-password", "subPathExpr", "$(WORKERNAME)", "readOnly", true), ownFile);
    assertEquals(Set.of("debian-arm64", "docs"), Rendered.<Map<String, Object>>cast(path(r.get("Secret", "ci-buildbot-workers"), "data")).keySet());
    Map<String, Object> poolSecret = cast(path(r.get("Secret", "ci-buildbot-worker-linux-amd64"), "data"));
    assertEquals(Set.of("linux-amd64-0", "linux-amd64-1"), poolSecret.keySet());
    assertNotEquals(poolSecret.get("linux-amd64-0"), poolSecret.get("linux-amd64-1"));
    // Images: Buildbot's official ones at the chart's appVersion; the migration Job runs the master image.
    assertEquals("quay.io/buildbot/buildbot-master:v" + Repo.appVersion(), master.get("image"));
    assertEquals("quay.io/buildbot/buildbot-worker:v" + Repo.appVersion(), container(docs).get("image"));
    Map<String, Object> job = r.ofKind("Job").get(0);
    assertTrue(Rendered.name(job).matches("ci-buildbot-migrate-[0-9a-f]{8}"), Rendered.name(job));
    assertEquals(master.get("image"), container(job).get("image"));
    assertEquals(List.of("/buildbot_venv/bin/python3", "/etc/buildbot/config/chartdb.py", "migrate"), container(job).get("command"));
    assertEquals(List.of("/buildbot_venv/bin/python3", "/etc/buildbot/config/chartdb.py", "wait"),
        path(masters, "spec", "template", "spec", "initContainers", 1, "command"));
    assertEquals("identity", path(masters, "spec", "template", "spec", "initContainers", 0, "name"), "a passwd entry first");
    String cfg = r.masterCfg("ci");
    assertTrue(cfg.contains("c[\"multiMaster\"] = True"));
    assertTrue(cfg.contains("c[\"mq\"] = {\"type\": \"wamp\", \"router_url\": VALUES[\"routerURL\"]"), cfg);
    assertEquals("ws://ci-buildbot-crossbar:8080/ws", r.masterValues("ci").get("routerURL"));
    assertEquals("none", r.masterValues("ci").get("usageData"));
  }

  @Test
  void twoReleasesInOneNamespaceShareNoName() throws Exception {
    Set<String> first = new HashSet<>(Rendered.render("one").names());
    for (String name : Rendered.render("two").names()) {
      assertFalse(first.contains(name), name + " is rendered by both releases");
    }
  }

  @Test
  void masterReplicasAndOneMasterTurnMultiMasterOff() throws Exception {
    Rendered r = Rendered.render("ci", "master: {replicas: 1}\n");
    assertEquals(1, path(r.get("StatefulSet", "ci-buildbot-master"), "spec", "replicas"));
    assertFalse(r.has("PodDisruptionBudget", "ci-buildbot-master"));
    assertFalse(r.masterCfg("ci").contains("multiMaster"));
  }

  @Test
  void poolsGiveEachPodItsOwnLogin() throws Exception {
    Rendered r = Rendered.render("ci", "workers:\n  big: {replicas: 5, password: p}\n");
    Map<String, Object> pool = r.get("StatefulSet", "ci-buildbot-worker-big");
    assertEquals(5, path(pool, "spec", "replicas"));
    Map<String, Object> env = env(container(pool));
    assertEquals("big-$(POD_INDEX)", env.get("WORKERNAME"));
    assertEquals("metadata.labels['apps.kubernetes.io/pod-index']", path(env.get("POD_INDEX"), "fieldRef", "fieldPath"));
    // master.cfg gets the pool as a range (MasterConfigTest runs it: it declares big-0 .. big-4)
    assertEquals(Map.of("replicas", 5), ((Map<?, ?>) r.masterValues("ci").get("workers")).get("big"), r.masterValues("ci").toString());
    for (int i = 0; i < 5; i++) { // a literal pool password is every member's (each its own key and file)
      assertEquals("p", r.secret("ci-buildbot-worker-big", "big-" + i));
    }
  }

  @Test
  void noTwoRenderedPodsShareAWorkerName() throws Exception {
    Rendered r = Rendered.render("ci", "workers:\n  big: {replicas: 3}\n  big-x: {}\n");
    Set<String> logins = new HashSet<>();
    for (String kind : List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job")) {
      for (Map<String, Object> w : r.ofKind(kind)) {
        Object name = env(container(w)).get("WORKERNAME");
        if (name == null) {
          continue;
        }
        // Only a StatefulSet creates a pod's successor after the pod is gone (ChartPodsIT shows why).
        assertEquals("StatefulSet", kind, "worker " + name);
        int replicas = (Integer) path(w, "spec", "replicas");
        for (int i = 0; i < replicas; i++) {
          String login = name.toString().replace("$(POD_INDEX)", Integer.toString(i));
          assertTrue(logins.add(login), "two pods log in as " + login);
        }
      }
    }
    assertEquals(Set.of("linux-amd64-0", "linux-amd64-1", "debian-arm64", "docs", "big-0", "big-1", "big-2", "big-x"), logins);
  }

  @Test
  void existingSecretsAreReferencedAndNotGenerated() throws Exception {
    Rendered r = Rendered.render("ci", "database: {existingSecret: {name: db, key: pw}}\n"
        + "workers:\n  docs: {existingSecret: {name: docs-secret, key: token}}\n");
    assertFalse(r.has("Secret", "ci-buildbot-database"));
    Map<String, Object> workersSecret = cast(path(r.get("Secret", "ci-buildbot-workers"), "data"));
    assertFalse(workersSecret.containsKey("docs"));
    assertEquals(Map.of("secretName", "docs-secret", "defaultMode", 288, "items", List.of(Map.of("key", "token", "path", "password"))),
        path(volume(r.get("StatefulSet", "ci-buildbot-worker-docs"), "password"), "secret"));
    Map<String, Object> master = container(r.get("StatefulSet", "ci-buildbot-master"));
    assertEquals(Map.of("name", "db", "key", "pw"), path(env(master).get("BUILDBOT_DB_PASSWORD"), "secretKeyRef"));
    String volumes = path(r.get("StatefulSet", "ci-buildbot-master"), "spec", "template", "spec", "volumes").toString();
    assertTrue(volumes.contains("{name=docs-secret, items=[{key=token, path=docs}]}"), volumes);
  }

  @Test
  void externalDatabaseAndRouterDeployNeither() throws Exception {
    Rendered r = Rendered.render("ci", "database: {host: pg.example.org, port: 6543, name: bb, user: ci}\n"
        + "mq: {routerURL: 'ws://router.example.org:9000/ws', realm: ci}\n");
    assertFalse(r.has("StatefulSet", "ci-buildbot-database"));
    assertFalse(r.has("Deployment", "ci-buildbot-crossbar"));
    for (Map<String, Object> pod : List.of(container(r.get("StatefulSet", "ci-buildbot-master")), container(r.ofKind("Job").get(0)))) {
      Map<String, Object> env = env(pod);
      assertEquals(List.of("postgresql", "pg.example.org", "6543", "bb", "ci"), List.of(env.get("BUILDBOT_DB_DRIVER"),
          env.get("BUILDBOT_DB_HOST"), env.get("BUILDBOT_DB_PORT"), env.get("BUILDBOT_DB_NAME"), env.get("BUILDBOT_DB_USER")));
    }
    assertEquals("ws://router.example.org:9000/ws", r.masterValues("ci").get("routerURL"));
    assertEquals("ci", r.masterValues("ci").get("realm"));
  }

  @Test
  void sqliteWithOneMasterKeepsStateOnAVolume() throws Exception {
    Rendered r = Rendered.render("ci", "master: {replicas: 1}\ndatabase: {type: sqlite}\nmq: {type: simple}\n");
    assertFalse(r.has("StatefulSet", "ci-buildbot-database"));
    assertFalse(r.has("Secret", "ci-buildbot-database"));
    assertFalse(r.has("Deployment", "ci-buildbot-crossbar"));
    Map<String, Object> sts = r.get("StatefulSet", "ci-buildbot-master");
    assertEquals("basedir", path(sts, "spec", "volumeClaimTemplates", 0, "metadata", "name"));
    assertFalse(env(container(sts)).containsKey("BUILDBOT_DB_PASSWORD"));
    assertEquals("sqlite", env(container(sts)).get("BUILDBOT_DB_DRIVER"));
    assertTrue(r.ofKind("Job").isEmpty(), "the single sqlite master upgrades its own schema");
    assertEquals(List.of("/buildbot_venv/bin/python3", "/etc/buildbot/config/chartdb.py", "migrate"),
        path(sts, "spec", "template", "spec", "initContainers", 1, "command"));
    String cfg = r.masterCfg("ci");
    assertTrue(cfg.contains("c[\"db\"] = {\"db_url\": chartdb.db_url()}"));
    assertTrue(cfg.contains("c[\"mq\"] = {\"type\": \"simple\", \"debug\": VALUES[\"debugLevel\"] in (\"debug\", \"trace\")}"), cfg);
    assertEquals("error", r.masterValues("ci").get("debugLevel"));
  }

  @Test
  void webMastersServeTheUiAndEngineMastersTheWorkers() throws Exception {
    Rendered r = Rendered.render("ci", "ui: {replicas: 2, ingress: {enabled: true, host: ci.example.org}}\n");
    assertEquals("engine", env(container(r.get("StatefulSet", "ci-buildbot-master"))).get("BUILDBOT_ROLE"));
    Map<String, Object> ui = r.get("StatefulSet", "ci-buildbot-ui");
    assertEquals(2, path(ui, "spec", "replicas"));
    assertEquals("ui", env(container(ui)).get("BUILDBOT_ROLE"));
    assertEquals("ui", path(r.get("Service", "ci-buildbot-web"), "spec", "selector", "app.kubernetes.io/component"));
    assertEquals("master", path(r.get("Service", "ci-buildbot-workers"), "spec", "selector", "app.kubernetes.io/component"));
    assertTrue(r.has("PodDisruptionBudget", "ci-buildbot-ui"));
    assertEquals("ci.example.org", path(r.get("Ingress", "ci-buildbot-web"), "spec", "rules", 0, "host"));
  }

  @Test
  void noPasswordReachesAConfigMap() throws Exception {
    String values = "database: {password: db-Secret-123}\n"
        + "workers:\n  docs: {password: worker-Secret-456}\n  pool: {replicas: 2, password: pool-Secret-789}\n";
    Rendered r = Rendered.render("ci", values);
    for (Map<String, Object> cm : r.ofKind("ConfigMap")) {
      String data = String.valueOf(cm.get("data"));
      for (String password : List.of("db-Secret-123", "worker-Secret-456", "pool-Secret-789")) {
        assertFalse(data.contains(password), password + " in ConfigMap " + Rendered.name(cm));
      }
    }
    assertEquals("db-Secret-123", r.secret("ci-buildbot-database", "password"));
    assertEquals("worker-Secret-456", r.secret("ci-buildbot-workers", "docs"));
  }

  @Test
  void generatedPasswordsAreLongAndDistinct() throws Exception {
    Rendered r = Rendered.render("ci");
    String a = r.secret("ci-buildbot-workers", "docs");
    String b = r.secret("ci-buildbot-workers", "debian-arm64");
    assertEquals(32, a.length());
    assertFalse(a.equals(b));
    assertEquals(32, r.secret("ci-buildbot-database", "password").length());
  }

  @Test
  void usageDataIsSentOnlyWhenOptedIn() throws Exception {
    Rendered r = Rendered.render("ci", "master: {usageData: basic}\n");
    assertTrue(r.masterCfg("ci").contains("c[\"buildbotNetUsageData\"] = None if VALUES[\"usageData\"] == \"none\" else VALUES[\"usageData\"]"));
    assertEquals("basic", r.masterValues("ci").get("usageData"));
  }

  @Test
  void everyPodOptsOutOfServiceLinksAndGetsAPasswdEntryWhereBuildbotRuns() throws Exception {
    Rendered r = Rendered.render("ci", "ui: {replicas: 1}\n");
    List<Map<String, Object>> workloads = new java.util.ArrayList<>(r.ofKind("StatefulSet"));
    workloads.addAll(r.ofKind("Deployment"));
    workloads.addAll(r.ofKind("Job"));
    assertEquals(8, workloads.size(), r.names().toString());
    for (Map<String, Object> w : workloads) {
      assertEquals(false, path(w, "spec", "template", "spec", "enableServiceLinks"), Rendered.name(w));
    }
    for (String name : List.of("ci-buildbot-master", "ci-buildbot-ui", "ci-buildbot-worker-docs")) {
      Map<String, Object> sts = r.get("StatefulSet", name);
      assertEquals("identity", path(sts, "spec", "template", "spec", "initContainers", 0, "name"), name);
      assertTrue(String.valueOf(container(sts).get("volumeMounts")).contains("mountPath=/etc/passwd, subPath=passwd"), name);
    }
    List<?> masterCommand = (List<?>) container(r.get("StatefulSet", "ci-buildbot-master")).get("command");
    assertEquals(List.of("/usr/bin/dumb-init", "--single-child", "--"), masterCommand.subList(0, 3), "SIGUSR1 reaches twistd alone");
  }

  @Test
  void theRouterRunsItsWholeCommandOnTheArchitectureOfItsImage() throws Exception {
    Map<String, Object> router = Rendered.render("ci").get("Deployment", "ci-buildbot-crossbar");
    Map<String, Object> c = container(router);
    assertEquals("docker.io/crossbario/crossbar:cpy-amd64-21.3.1", c.get("image"));
    assertEquals(List.of("/usr/local/bin/crossbar", "start", "--cbdir", "/node/.crossbar", "--config", "/etc/crossbar/config.json",
        "--loglevel", "info"), c.get("command"));
    assertFalse(c.containsKey("args"), "args would follow the image's ENTRYPOINT");
    assertEquals(Map.of("kubernetes.io/arch", "amd64"), path(router, "spec", "template", "spec", "nodeSelector"));
    assertEquals(Map.of("port", "wamp"), path(c, "startupProbe", "tcpSocket"));
    Map<String, Object> arm = Rendered.render("ci", "mq: {router: {image: {tag: cpy-arm64v8-21.3.1}, nodeSelector: {kubernetes.io/arch: arm64}}}\n")
        .get("Deployment", "ci-buildbot-crossbar");
    assertEquals(Map.of("kubernetes.io/arch", "arm64"), path(arm, "spec", "template", "spec", "nodeSelector"));
  }

  @Test
  void onlyTheMastersMountTheDeployKey() throws Exception {
    Rendered r = Rendered.render("ci", "ui: {replicas: 1}\nssh: {existingSecret: {name: deploy-key}, knownHosts: 'github.com ssh-ed25519 AAAA'}\n");
    for (String name : List.of("ci-buildbot-master", "ci-buildbot-ui")) {
      Map<String, Object> sts = r.get("StatefulSet", name);
      assertTrue(String.valueOf(path(sts, "spec", "template", "spec", "volumes")).contains("secretName=deploy-key"), name);
    }
    assertFalse(String.valueOf(r.get("StatefulSet", "ci-buildbot-worker-docs")).contains("deploy-key"));
    assertFalse(String.valueOf(r.ofKind("Job").get(0)).contains("deploy-key"));
    assertEquals(true, r.masterValues("ci").get("sshKey"));
    assertEquals("github.com ssh-ed25519 AAAA", r.masterValues("ci").get("knownHosts"));
    assertFalse(String.valueOf(Rendered.render("ci").get("StatefulSet", "ci-buildbot-master")).contains("ssh-key"));
  }

  @Test
  void theMigrationJobDrainsThenMigratesAndARefusalFailsItAtOnce() throws Exception {
    Map<String, Object> job = Rendered.render("ci", "master: {terminationGracePeriodSeconds: 600}\n").ofKind("Job").get(0);
    Map<String, Object> drain = cast(path(job, "spec", "template", "spec", "initContainers", 0));
    assertEquals(List.of("/buildbot_venv/bin/python3", "/etc/buildbot/config/chartdb.py", "drain"), drain.get("command"));
    assertEquals("1200", env(drain).get("BUILDBOT_DRAIN_SECONDS"), "the old masters' grace period and ten minutes");
    assertEquals(List.of("/buildbot_venv/bin/python3", "/etc/buildbot/config/chartdb.py", "migrate"), container(job).get("command"));
    assertEquals(Map.of("action", "FailJob", "onExitCodes", Map.of("operator", "In", "values", List.of(3))),
        path(job, "spec", "podFailurePolicy", "rules", 0), "chartdb.py's refusals exit 3");
    assertFalse(String.valueOf(job).contains("worker-passwords") || String.valueOf(job).contains("ui-auth"), "the Job reads no other Secret");
  }

  @Test
  void webMastersAndTheJobMountNoWorkerPassword() throws Exception {
    Rendered r = Rendered.render("ci", "ui: {replicas: 1}\n");
    assertTrue(String.valueOf(path(r.get("StatefulSet", "ci-buildbot-master"), "spec", "template", "spec", "volumes")).contains("worker-passwords"));
    for (Map<String, Object> workload : List.of(r.get("StatefulSet", "ci-buildbot-ui"), r.ofKind("Job").get(0))) {
      String spec = String.valueOf(path(workload, "spec", "template"));
      assertFalse(spec.contains("worker-passwords") || spec.contains("ci-buildbot-workers"), Rendered.name(workload) + ": " + spec);
    }
  }

  private static Map<String, Object> volume(Map<String, Object> workload, String name) {
    return Rendered.<List<Map<String, Object>>>cast(path(workload, "spec", "template", "spec", "volumes")).stream()
        .filter(v -> v.get("name").equals(name)).findFirst().orElseThrow();
  }
}
