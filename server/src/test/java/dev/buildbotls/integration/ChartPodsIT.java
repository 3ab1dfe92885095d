package dev.buildbotls.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Processes;
import dev.buildbotls.testing.Rendered;
import dev.buildbotls.testing.Repo;
import dev.buildbotls.testing.pods.Cluster;
import dev.buildbotls.testing.pods.Farm;
import dev.buildbotls.testing.pods.Pod;
import dev.buildbotls.testing.pods.SshGitServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chart's pods run as Kubernetes runs them (the pod runner in testing/pods: each container's
 * own command, environment and mounted files, in a root laid out like its image), against a test
 * PostgreSQL and WAMP router: an install, a database that comes up late, an upgrade of Buildbot
 * from 3.7 to 4.2.1 during a build, and a worker pod replaced while its predecessor terminates.
 */
class ChartPodsIT extends OnThePodRunner {

  @Test
  void aFreshInstallStartsMastersAndWorkersAndBuildsOnTheMasterWithoutTheScheduler() throws Exception {
    // An env value is data unless it asks to be expanded; either way no build sees a password.
    Cluster cluster = install("", 1, c -> {}, "workers:\n  solo:\n    env:\n      TRY: '$(WORKERPASS)'\n"
        + "      HOME_BIN: {value: '$(HOME)/bin', expand: true}\n");
    List<Pod> masters = List.of(cluster.pod(PREFIX + "master-0"), cluster.pod(PREFIX + "master-1"));
    startWorkers(cluster);

    String schedulerMaster = farm.sql("SELECT m.name FROM scheduler_masters s JOIN schedulers sc ON sc.id = s.schedulerid "
        + "JOIN masters m ON m.id = s.masterid WHERE sc.name = 'app'");
    moveWorkerAwayFrom(cluster, schedulerMaster);
    Thread.sleep(3000); // the poller's first poll records the existing commit; the next commit is a change
    farm.commit("second", "echo building $(git rev-parse --short HEAD)\nenv | sort\n");
    awaitBuilds(1);
    String build = farm.sql("SELECT b.id || ' ' || b.results || ' ' || w.name || ' ' || m.name FROM builds b "
        + "JOIN workers w ON w.id = b.workerid JOIN masters m ON m.id = b.masterid ORDER BY b.id LIMIT 1");
    String[] fields = build.split(" ");
    assertEquals("0 solo", fields[1] + " " + fields[2], "SUCCESS on solo: " + build);
    assertTrue(!fields[3].equals(schedulerMaster), "the build ran on the master without the scheduler: " + build + " / " + schedulerMaster);

    String builders = farm.get(PREFIX + "web", 8080, "/api/v2/builders");
    assertTrue(builders.contains("\"name\": \"app\""), builders);
    String log = farm.get(PREFIX + "web", 8080, "/api/v2/builds/" + fields[0] + "/steps/command/logs/stdio/contents");
    assertTrue(log.contains("building "), "the build's log reached the database: " + log);
    assertTrue(log.contains("TRY=$(WORKERPASS)") && log.contains("HOME_BIN=/home/buildbot/bin") && log.contains("WORKERNAME=solo"), log);
    for (String password : List.of("solo-It-Pass", "pool-It-Pass", Farm.DB_PASSWORD)) {
      assertFalse(log.contains(password), "a password in the build's environment: " + log);
    }
    for (Pod pod : masters) {
      assertEquals(0, pod.restarts(), pod.name + " " + pod.events());
    }

    // A pod whose Secret holds another password is refused.
    cluster.addSecret(PREFIX + "workers", Map.of("solo", "not-the-password"));
    Pod intruder = cluster.createPod(PREFIX + "worker-solo", 0, PREFIX + "worker-solo-intruder");
    Processes.await("the wrong password refused", 60, intruder.mainLog(), () -> Processes.contains(intruder.mainLog(), "unauthorized login"));
  }

  /**
   * Ten thousand declared workers (ten pools of 1,000) and ten builders on all of them: both engine
   * masters become Ready within their startupProbe, and a build still runs. Prints the time from the
   * masters' start to Ready and the database connections they hold (README, "Masters at scale").
   */
  @Test
  void mastersWithTenThousandDeclaredWorkersStartWithinTheirProbeAndBuild() throws Exception {
    StringBuilder big = new StringBuilder("workers:\n");
    for (int i = 0; i < 10; i++) {
      big.append("  big").append(i).append(": {replicas: 1000}\n");
    }
    big.append("builders:\n");
    for (int i = 0; i < 10; i++) {
      big.append("  every").append(i).append(": {repository: 'https://git.invalid/r.git', pollInterval: 3600, command: [make]}\n");
    }
    farm = new Farm(dir, RELEASE);
    Rendered objects = Rendered.render(RELEASE, values(farm, "", 2, 0), big.toString());
    Map<String, Object> probe = Rendered.cast(Rendered.path(objects.get("StatefulSet", PREFIX + "master"), "spec", "template", "spec", "containers", 0, "startupProbe"));
    int budget = ((Number) probe.get("periodSeconds")).intValue() * ((Number) probe.get("failureThreshold")).intValue();
    Cluster cluster = farm.deploy(objects);
    farm.startDatabase();
    farm.startRouter();
    Pod job = cluster.startJob(PREFIX + "migrate");
    assertEquals("Succeeded", job.awaitEnd(180), job.describe());
    long start = System.nanoTime();
    List<Pod> masters = cluster.startStatefulSet(PREFIX + "master");
    for (Pod master : masters) {
      Processes.await(master.name + " Ready within its startupProbe (" + budget + " s)", budget, master.mainLog(), master::ready);
    }
    long ready = (System.nanoTime() - start) / 1_000_000_000L;
    // Ready (the port is open) comes before the configuration is in the database: each master records
    // every worker it declares and each builder's workers (configured_workers), 10 x 10,003 + 1 rows each.
    int connections = 0;
    long deadline = System.nanoTime() + 1800L * 1_000_000_000L;
    while (farm.count("SELECT count(*) FROM configured_workers") < 2 * (10 * 10003 + 1)) {
      connections = Math.max(connections, farm.count("SELECT count(*) FROM pg_stat_activity WHERE datname = 'buildbot'"));
      assertTrue(System.nanoTime() < deadline, "configured workers: " + farm.count("SELECT count(*) FROM configured_workers"));
      Thread.sleep(2000);
    }
    long configured = (System.nanoTime() - start) / 1_000_000_000L;
    assertEquals("10003", farm.sql("SELECT count(*) FROM workers"), "every login once, whichever master declared it");
    System.out.printf("masters at scale: 10,003 workers, 10 builders on all: Ready after %d s (probe budget %d s), configured after %d s,"
        + " at most %d database connections%n", ready, budget, configured, connections);
    cluster.startStatefulSet(PREFIX + "worker-solo");
    Processes.await("solo connected", 120, null, () -> farm.count("SELECT count(*) FROM connected_workers") == 1);
    farm.commit("second", "echo building\n");
    awaitBuilds(1);
    for (Pod pod : masters) {
      assertEquals(0, pod.restarts(), pod.name + " " + pod.events());
    }
  }

  @Test
  void mastersWaitForADatabaseThatComesUpLateAndStartWithoutARestart() throws Exception {
    farm = new Farm(dir, RELEASE);
    Cluster cluster = farm.deploy(Rendered.render(RELEASE, values(farm, "", 2, 0)));
    farm.startRouter();
    Pod job = cluster.startJob(PREFIX + "migrate");
    List<Pod> masters = cluster.startStatefulSet(PREFIX + "master");
    Thread.sleep(20_000);
    for (Pod master : masters) {
      assertTrue(master.log("schema").contains("chartdb: waiting for the database buildbot at ci-buildbot-database:5432 (attempt "),
          master.log("schema"));
      assertEquals("Pending", master.phase(), "still in its init container");
    }
    farm.startDatabase();
    assertEquals("Succeeded", job.awaitEnd(180), job.log("migrate"));
    Farm.awaitReady(masters);
    for (Pod pod : List.of(job, masters.get(0), masters.get(1))) {
      assertEquals(0, pod.restarts(), pod.name + " " + pod.events());
    }
    assertTrue(job.log("migrate").contains("upgrade complete"), job.log("migrate"));
  }

  /** Two more builders, one on each pool member: a commit builds on all three workers at once. */
  private static final String THREE_BUILDERS = "builders:\n"
      + "  app-pool0: {repository: &repo '%s', branch: main, pollInterval: 1, command: [sh, ci.sh], workers: [pool-0]}\n"
      + "  app-pool1: {repository: *repo, branch: main, pollInterval: 1, command: [sh, ci.sh], workers: [pool-1]}\n";

  @Test
  void aSchemaChangingUpgradeDrainsTheOldMastersMigratesOnceAndRunsEveryBuildOnTheNewOnes() throws Exception {
    farm = new Farm(dir, RELEASE);
    Cluster cluster = install("v3.7.0", 1, c -> {}, threeBuilders());
    startWorkers(cluster);
    spreadWorkersOverTheEngineMasters(cluster);
    Thread.sleep(3000);
    farm.commit("long builds on 3.7", "echo long build; sleep 40; echo long build done\n");
    Processes.await("three builds running", 120, null, () -> farm.count("SELECT count(*) FROM builds WHERE complete_at IS NULL") == 3);
    assertEquals(2, farm.count("SELECT count(DISTINCT masterid) FROM builds WHERE complete_at IS NULL"), "a build on each old engine master");

    // helm upgrade: the new objects; the migration Job and the StatefulSet controller start together.
    cluster.apply(Rendered.render(RELEASE, values(farm, "", 2, 1), threeBuilders()));
    Pod job = cluster.startJob(PREFIX + "migrate");
    Processes.await("the drain begun", 120, job.logFile("drain"), () -> job.log("drain").contains("finishes its builds and stops"));
    long drainBegun = System.currentTimeMillis() / 1000;
    farm.commit("during the upgrade", "echo building $(git rev-parse --short HEAD)\n");
    long[] drained = new long[1];
    Thread watch = new Thread(() -> {
      try {
        Processes.await("the old masters drained", 600, null, () -> job.log("drain").contains("no master of another Buildbot runs"));
        drained[0] = System.currentTimeMillis() / 1000;
      } catch (Exception | AssertionError e) {
        drained[0] = -1;
      }
    });
    watch.start();
    cluster.rollStatefulSet(PREFIX + "master", 600);
    cluster.rollStatefulSet(PREFIX + "ui", 300);
    watch.join();
    assertEquals("Succeeded", job.awaitEnd(60), job.describe());
    awaitBuilds(6);

    assertEquals("0 0 0 0 0 0", farm.sql("SELECT string_agg(results::text, ' ' ORDER BY id) FROM builds"), "every build succeeded");
    assertEquals(1, farm.count("SELECT count(*) FROM changes WHERE comments = 'during the upgrade'"), "the late commit is one change");
    assertEquals(3, farm.count("SELECT count(*) FROM buildrequests r JOIN buildset_sourcestamps bs ON bs.buildsetid = r.buildsetid "
        + "JOIN changes c ON c.sourcestampid = bs.sourcestampid WHERE c.comments = 'during the upgrade'"), "one build request per builder for it");
    assertTrue(drained[0] > 0, "the drain ended: " + job.log("drain"));
    assertEquals(3, farm.count("SELECT count(*) FROM builds WHERE started_at >= " + (drained[0] - 2)),
        "the late builds started after the last old master stopped, so on " + Repo.appVersion() + " masters");
    System.out.println("MEASURED schema-changing upgrade: no build could start for "
        + (farm.count("SELECT min(started_at) FROM builds WHERE started_at >= " + drainBegun) - drainBegun)
        + " s (the old masters' 40 s builds, the migration, the new masters' start)");
    for (Pod pod : cluster.pods()) {
      if (pod.name.matches(".*-(master|ui)-\\d") && pod.log("master").contains("buildbot.version: 3.7")) {
        assertTrue(pod.log("master").contains("hands its schedulers and pollers to the other masters"), "drained by the record or "
            + "by the roll's preStop, each old master handed its schedulers over first: " + pod.describe());
      }
    }
    for (Pod pod : cluster.pods()) {
      assertFalse(pod.describe().contains("IntegrityError"), pod.describe());
      assertFalse(pod.events().stream().anyMatch(e -> e.contains("killed after the grace period")), pod.describe());
    }
    for (String name : List.of("master-0", "master-1", "ui-0")) {
      Pod master = cluster.pod(PREFIX + name);
      assertTrue(master.log("master").contains("buildbot.version: " + Repo.appVersion()), master.log("master"));
      assertEquals(0, master.restarts(), master.name + " never met a schema it does not know: " + master.events());
    }
    String history = farm.get(PREFIX + "web", 8080, "/api/v2/builds?order=buildid");
    assertEquals(6, history.split("\"results\": 0").length - 1, "six green builds in the history: " + history);
  }

  @Test
  void aRollbackAfterTheMigrationStopsTheJobAndTheOldMastersAtOnceWithOneLine() throws Exception {
    Cluster cluster = install("", 0);
    cluster.apply(Rendered.render(RELEASE, values(farm, "v3.7.0", 2, 0)));
    Pod job = cluster.startJob(PREFIX + "migrate");
    assertEquals("Failed", job.awaitEnd(120), job.describe());
    String line = "chartdb: the database's schema ";
    assertTrue(job.log("drain").lines().anyMatch(l -> l.startsWith(line) && l.contains("is newer than Buildbot 3.7") && l.contains("a downgrade")),
        job.log("drain"));
    // The StatefulSet controller's first step: the highest ordinal on the old image.
    cluster.pod(PREFIX + "master-1").delete();
    Pod old = cluster.createStatefulSetPod(PREFIX + "master", 1);
    Processes.await("the old master's refusal", 60, old.logFile("schema"), () -> old.log("schema").contains("a downgrade"));
    assertEquals("Pending", old.phase(), "it never starts: " + old.describe());
    assertEquals(0, cluster.pod(PREFIX + "master-0").restarts(), "the " + Repo.appVersion() + " master keeps serving");
    assertTrue(cluster.pod(PREFIX + "master-0").ready());
  }

  @Test
  void aSameSchemaChangeRollsTheMastersWhileBuildsKeepStarting() throws Exception {
    Cluster cluster = install("", 0);
    startWorkers(cluster);
    Thread.sleep(3000);
    farm.commit("before", "echo building $(git rev-parse --short HEAD)\n");
    awaitBuilds(1);
    cluster.apply(Rendered.render(RELEASE, values(farm, "", 2, 0), "master: {title: Renamed}\n"));
    Pod job = cluster.startJob(PREFIX + "migrate");
    assertEquals("Succeeded", job.awaitEnd(120), job.describe());
    assertTrue(job.log("drain").contains("nothing to drain or migrate"), job.log("drain"));
    Thread roll = new Thread(() -> {
      try {
        cluster.rollStatefulSet(PREFIX + "master", 300);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    roll.start();
    Thread.sleep(2000); // master-1 is in its clean shutdown
    farm.commit("during the roll", "echo building $(git rev-parse --short HEAD)\n");
    awaitBuilds(2);
    roll.join();
    System.out.println("MEASURED same-schema roll: the commit during the roll built after "
        + (farm.count("SELECT b.started_at - c.when_timestamp FROM builds b JOIN buildrequests r ON r.id = b.buildrequestid "
            + "JOIN buildset_sourcestamps bs ON bs.buildsetid = r.buildsetid JOIN changes c ON c.sourcestampid = bs.sourcestampid "
            + "WHERE c.comments = 'during the roll'")) + " s");
    assertEquals("0 0", farm.sql("SELECT string_agg(results::text, ' ' ORDER BY id) FROM builds"),
        farm.sql("SELECT b.id || ' ' || b.results || ' ' || m.name || ' ' || b.state_string FROM builds b JOIN masters m ON m.id = b.masterid")
            + "\n" + cluster.pods().stream().filter(p -> p.name.contains("master")).map(Pod::describe).reduce("", String::concat));
    assertEquals(1, farm.count("SELECT count(*) FROM changes WHERE comments = 'during the roll'"));
    assertEquals(2, farm.count("SELECT count(*) FROM buildrequests"), "one build request per commit");
  }

  @Test
  void twoLivePodsWithOneLoginAreBothAcceptedSoTheChartReplacesAWorkerOnlyAfterItsPredecessorIsGone() throws Exception {
    Cluster cluster = install("", 0);
    cluster.startStatefulSet(PREFIX + "worker-solo");
    String solo = "SELECT count(*) FROM connected_workers c JOIN workers w ON w.id = c.workerid WHERE w.name = 'solo'";
    Processes.await("solo connected", 60, null, () -> farm.count(solo) == 1);

    // What a Deployment would do: a second pod with the same login while the first still runs.
    Pod twin = cluster.createPod(PREFIX + "worker-solo", 0, PREFIX + "worker-solo-7f9c4");
    Processes.await("the twin attached", 60, twin.mainLog(), () -> Processes.contains(twin.mainLog(), "Connected to")
        || Processes.contains(twin.mainLog(), "rejected"));
    Thread.sleep(3000);
    assertEquals(2, farm.count(solo), "both masters accept the login: " + farm.sql("SELECT * FROM connected_workers"));
    twin.delete();

    // What the chart's StatefulSet does: the successor starts once its predecessor is gone.
    List<Integer> seen = new CopyOnWriteArrayList<>();
    AtomicBoolean watching = new AtomicBoolean(true);
    Thread watch = new Thread(() -> {
      while (watching.get()) {
        seen.add(farm.count(solo));
      }
    });
    watch.start();
    try {
      cluster.pod(PREFIX + "worker-solo-0").delete();
      cluster.createStatefulSetPod(PREFIX + "worker-solo", 0);
      Processes.await("solo reconnected", 60, null, () -> farm.count(solo) == 1);
    } finally {
      watching.set(false);
      watch.join();
    }
    assertTrue(seen.stream().allMatch(n -> n <= 1), "never two connections with one login: " + seen);
  }

  @Test
  void aSingleSqliteMasterUpgradesItsOwnSchemaAndBuilds() throws Exception {
    farm = new Farm(dir, RELEASE);
    Cluster cluster = farm.deploy(Rendered.render(RELEASE, values(farm, "", 1, 0), "database: {type: sqlite}\nmq: {type: simple}\n"));
    Pod master = cluster.startStatefulSet(PREFIX + "master").get(0);
    Farm.awaitReady(List.of(master));
    assertTrue(master.log("schema").contains("upgrade complete"), master.log("schema"));
    cluster.startStatefulSet(PREFIX + "worker-solo");
    Thread.sleep(3000);
    farm.commit("second", "echo building $(git rev-parse --short HEAD)\n");
    Processes.await("a green build", 180, master.mainLog(), () -> {
      try {
        return farm.get(PREFIX + "web", 8080, "/api/v2/builds").contains("\"results\": 0");
      } catch (Exception | AssertionError e) {
        return false;
      }
    });
    assertEquals(0, master.restarts(), master.events().toString());
  }

  @Test
  void aBuilderPollsAndBuildsAnSshRepositoryWithTheDeployKeyFromASecret() throws Exception {
    farm = new Farm(dir, RELEASE);
    SshGitServer ssh = farm.serveOverSsh();
    // The master image has no user for the masters' uid (nor has the pod runner's master root):
    // OpenSSH refuses to run without one, so this builds only if the chart gives the pod its entry.
    Cluster cluster = install("", 0, c -> c.addSecret("deploy-key", Map.of("ssh-privatekey", ssh.privateKey())),
        "ssh:\n  existingSecret: {name: deploy-key}\n  knownHosts: '" + ssh.knownHosts().trim() + "'\n"
            + "builders: {app: {repository: '" + ssh.url("repo.git") + "'}}\n");
    startWorkers(cluster);
    Thread.sleep(3000);
    farm.commit("over ssh", "echo building $(git rev-parse --short HEAD) over ssh\n");
    awaitBuilds(1);
    assertEquals("0", farm.sql("SELECT results FROM builds ORDER BY id LIMIT 1"), "the checkout over ssh and the build succeeded");
    assertEquals(1, farm.count("SELECT count(*) FROM changes WHERE repository LIKE 'ssh://%'"), farm.sql("SELECT repository FROM changes"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"htpasswd", "github", "gitlab"})
  void everyUiLoginLetsTheJobTheEngineAndTheWebMastersStartAndTheUiHasItsPlugins(String type) throws Exception {
    String key = type.equals("htpasswd") ? "htpasswd" : "clientSecret";
    String secret = type.equals("htpasswd") ? "alice:alice-It-Pass\nbob:bob-It-Pass\n" : "oauth-It-Secret";
    Cluster cluster = install("", 1, c -> c.addSecret("ui-auth", Map.of(key, secret)),
        "ui: {auth: {type: " + type + ", existingSecret: {name: ui-auth}, clientId: buildbot-ls, admins: [alice]}}\n");
    for (String pod : List.of(PREFIX + "master-0", PREFIX + "master-1", PREFIX + "ui-0")) {
      assertEquals(0, cluster.pod(pod).restarts(), cluster.pod(pod).describe());
    }
    // Nothing for an anonymous user: neither reading nor controlling builds.
    java.net.http.HttpClient anonymous = java.net.http.HttpClient.newHttpClient();
    assertEquals(403, farm.send(anonymous, "GET", PREFIX + "web", 8080, "/api/v2/builders", null, Map.of()).statusCode());
    assertForceRefused(anonymous, Map.of());
    if (type.equals("htpasswd")) {
      // Signed in (Basic, as the UI's login form sends it): alice, an admin, reads; bob reads but may not force.
      java.net.http.HttpClient bob = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
      String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("bob:bob-It-Pass".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      farm.send(bob, "GET", PREFIX + "web", 8080, "/auth/login", null, Map.of("Authorization", basic));
      assertEquals(200, farm.send(bob, "GET", PREFIX + "web", 8080, "/api/v2/builders", null, Map.of()).statusCode(), "bob reads");
      assertForceRefused(bob, Map.of());
    }
    String config = farm.get(PREFIX + "web", 8080, "/config");
    String name = Map.of("htpasswd", "HTPasswdAuth", "github", "GitHub", "gitlab", "GitLab").get(type);
    assertTrue(config.contains("\"name\": \"" + name + "\""), config);
    for (String plugin : List.of("waterfall_view", "console_view", "grid_view")) {
      assertTrue(config.contains("\"" + plugin + "\": {}"), plugin + " enabled: " + config);
      assertTrue(farm.get(PREFIX + "web", 8080, "/plugins/" + plugin + "/").contains(plugin), plugin + " served");
    }
  }

  @Test
  void withoutALoginTheUiIsReadOnly() throws Exception {
    install("", 1);
    java.net.http.HttpClient anyone = java.net.http.HttpClient.newHttpClient();
    assertEquals(200, farm.send(anyone, "GET", PREFIX + "web", 8080, "/api/v2/builders", null, Map.of()).statusCode());
    assertForceRefused(anyone, Map.of());
    assertEquals(0, farm.count("SELECT count(*) FROM buildrequests"), "nothing was forced");
  }

  /** The web UI's force request (JSON-RPC on the builder's force scheduler) is refused: 403, the admins' role named. */
  private void assertForceRefused(java.net.http.HttpClient client, Map<String, String> headers) throws Exception {
    var response = farm.send(client, "POST", PREFIX + "web", 8080, "/api/v2/forceschedulers/force-app",
        "{\"jsonrpc\": \"2.0\", \"method\": \"force\", \"id\": 1, \"params\": {\"builderid\": \"1\"}}", headers);
    assertEquals(403, response.statusCode(), response.body());
    assertTrue(response.body().contains("you need to have role 'admins'"), response.body());
  }

  @Test
  void aCleanShutdownLetsTheRunningMasterSideStepFinish() throws Exception {
    // A step that runs on the master (extraConfig), as a MasterShellCommand in a real farm.
    Cluster cluster = install("", 0, c -> {}, "master:\n  extraConfig: |\n"
        + "    c['builders'][0].factory.addStep(steps.MasterShellCommand(name='on-master', command=['sh', '-c', 'sleep 20; echo master step done']))\n");
    startWorkers(cluster);
    Thread.sleep(3000);
    farm.commit("second", "echo building $(git rev-parse --short HEAD)\n");
    Processes.await("the master-side step running", 180, null,
        () -> farm.count("SELECT count(*) FROM steps WHERE name = 'on-master' AND started_at IS NOT NULL AND complete_at IS NULL") == 1);
    String master = farm.sql("SELECT m.name FROM builds b JOIN masters m ON m.id = b.masterid ORDER BY b.id LIMIT 1");
    Pod running = cluster.pod(master.substring(0, master.indexOf(':')));
    running.delete(); // preStop: SIGUSR1, then waits until the master exits after its build
    assertEquals("0", farm.sql("SELECT results FROM builds ORDER BY id LIMIT 1"), "the build survived its master's clean shutdown: "
        + farm.sql("SELECT name || ' ' || results || ' ' || state_string FROM steps ORDER BY id") + "\n" + running.describe());
    assertFalse(running.events().stream().anyMatch(e -> e.contains("killed after the grace period")), running.events().toString());
  }

  // --- the farm ------------------------------------------------------------------------------

  /** Values of a test farm: two workers (one single, one pool of two) and one builder on solo; tag "" is the chart's. */
  private static String values(Farm farm, String tag, int masters, int webMasters) {
    String image = "image: {tag: '" + tag + "'}";
    return "master: {replicas: " + masters + ", " + image + ", terminationGracePeriodSeconds: 120}\n"
        + "ui: {replicas: " + webMasters + "}\n"
        + "database: {password: " + Farm.DB_PASSWORD + "}\n"
        + "mq: {debugLevel: info}\n"
        // null deletes the chart's default workers and builders, as in any override file
        + "workers:\n  linux-amd64: null\n  debian-arm64: null\n  docs: null\n"
        + "  solo: {password: solo-It-Pass, " + image + "}\n  pool: {replicas: 2, password: pool-It-Pass, " + image + "}\n"
        + "builders:\n  app-tests: null\n  docs: null\n  app:\n    repository: '" + farm.repositoryUrl() + "'\n"
        + "    branch: main\n    pollInterval: 1\n    command: [sh, ci.sh]\n    workers: [solo]\n";
  }

  private Cluster install(String tag, int webMasters) throws Exception {
    return install(tag, webMasters, cluster -> {});
  }

  /**
   * An install as Helm and the controllers make it: two engine masters and that many web masters on
   * Buildbot `tag` ("": the chart's), more values files, Secrets the user made first, the migration
   * Job, the stand-in database and router; returns once the Job succeeded and every master is Ready.
   */
  private Cluster install(String tag, int webMasters, java.util.function.Consumer<Cluster> userSecrets, String... more) throws Exception {
    if (farm == null) {
      farm = new Farm(dir, RELEASE);
    }
    List<String> layers = new ArrayList<>(List.of(values(farm, tag, 2, webMasters)));
    layers.addAll(List.of(more));
    return farm.install(Rendered.render(RELEASE, layers.toArray(String[]::new)), userSecrets,
        webMasters > 0 ? new String[] {PREFIX + "master", PREFIX + "ui"} : new String[] {PREFIX + "master"});
  }

  /** Every worker pod started; returns once all three logins are connected. */
  private void startWorkers(Cluster cluster) throws Exception {
    cluster.startStatefulSet(PREFIX + "worker-solo");
    cluster.startStatefulSet(PREFIX + "worker-pool");
    awaitWorkers(3);
  }

  private void awaitWorkers(int connected) throws Exception {
    Processes.await(connected + " workers connected", 90, null, () -> farm.count("SELECT count(*) FROM connected_workers") == connected);
  }

  /** Restarts solo's pod until it is attached to another master than the scheduler's (the worker Service spreads connections). */
  private void moveWorkerAwayFrom(Cluster cluster, String schedulerMaster) throws Exception {
    for (int attempt = 0; attempt < 5; attempt++) {
      String attached = farm.sql("SELECT m.name FROM connected_workers c JOIN workers w ON w.id = c.workerid "
          + "JOIN masters m ON m.id = c.masterid WHERE w.name = 'solo'");
      if (!attached.isEmpty() && !attached.equals(schedulerMaster)) {
        return;
      }
      cluster.pod(PREFIX + "worker-solo-0").delete();
      cluster.createStatefulSetPod(PREFIX + "worker-solo", 0);
      Processes.await("solo reconnected", 60, null, () -> farm.count("SELECT count(*) FROM connected_workers c JOIN workers w "
          + "ON w.id = c.workerid WHERE w.name = 'solo'") == 1);
    }
    throw new AssertionError("solo never attached to the master without the scheduler");
  }

  private String threeBuilders() {
    return String.format(THREE_BUILDERS, farm.repositoryUrl());
  }

  /** Restarts worker pods until each engine master has one attached (the worker Service spreads connections at random). */
  private void spreadWorkersOverTheEngineMasters(Cluster cluster) throws Exception {
    String attached = "SELECT count(DISTINCT c.masterid) FROM connected_workers c";
    for (int attempt = 0; attempt < 10 && farm.count(attached) < 2; attempt++) {
      cluster.pod(PREFIX + "worker-solo-0").delete();
      cluster.createStatefulSetPod(PREFIX + "worker-solo", 0);
      awaitWorkers(3);
    }
    assertEquals(2, farm.count(attached), farm.sql("SELECT * FROM connected_workers"));
  }

  private void awaitBuilds(int finished) throws Exception {
    try {
      Processes.await(finished + " finished builds", 180, null,
          () -> farm.count("SELECT count(*) FROM builds WHERE complete_at IS NOT NULL") >= finished);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + state(), e);
    }
  }

  /** What `kubectl describe` of the masters and a look into Buildbot's tables would show. */
  private String state() throws Exception {
    StringBuilder b = new StringBuilder();
    for (String table : List.of("masters", "changes", "buildrequests", "builds", "scheduler_masters", "changesource_masters", "connected_workers")) {
      b.append("--- ").append(table).append('\n').append(farm.sql("SELECT * FROM " + table)).append('\n');
    }
    farm.cluster().pods().stream().filter(p -> p.name.contains("master") || p.name.contains("ui")).forEach(p -> b.append(p.describe()));
    return b.toString();
  }
}
