package dev.buildbotls.integration;

import static dev.buildbotls.testing.Rendered.cast;
import static dev.buildbotls.testing.Rendered.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Buildbot;
import dev.buildbotls.testing.MasterPod;
import dev.buildbotls.testing.Postgres;
import dev.buildbotls.testing.Processes;
import dev.buildbotls.testing.Rendered;
import dev.buildbotls.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's configuration runs for real, without Kubernetes: Debian's Buildbot master and
 * workers get exactly what the rendered pods would (master.cfg, environment, Secret files), a
 * commit is pushed, and a build goes green. PostgreSQL and a WAMP router run on loopback.
 */
class BuildIT {
  private static final String DB_PASSWORD = "db-It-Pass";
  @TempDir
  Path dir;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      try {
        cleanup.get(i).close();
      } catch (Exception e) {
        System.err.println("cleanup: " + e);
      }
    }
  }

  @Test
  void aPushedCommitBuildsGreenOnAWorkerOfThePool() throws Exception {
    Postgres pg = startPostgres();
    String router = startRouter();
    Path repo = createRepository();
    int pb = Processes.freePort();
    Rendered r = Rendered.render("it", values(pg, router, repo, pb, 1,
        "  solo: {}\n  pool: {replicas: 2}\n", "[pool]"));

    Master master = startMaster(r, "master-0", pb, true);
    Map<String, String> logins = workerLogins(r);
    assertEquals(List.of("pool-0", "pool-1", "solo"), List.copyOf(logins.keySet()));
    for (Map.Entry<String, String> login : logins.entrySet()) {
      startWorker(login.getKey(), login.getValue(), pb);
    }
    Processes.await("three workers connected", 60, master.log, () -> count(pg, "SELECT count(*) FROM connected_workers") == 3);
    awaitPollerStarted(master);
    commit(repo, "second");
    awaitBuild(pg, master);
    String build = pg.sql("buildbot", "SELECT b.results || ' ' || w.name FROM builds b JOIN workers w ON w.id = b.workerid ORDER BY b.id LIMIT 1");
    assertTrue(build.equals("0 pool-0") || build.equals("0 pool-1"), "SUCCESS (0) on a pool member: " + build);

    // A worker with a wrong password is refused.
    Path intruder = startWorker("solo-intruder", "not-the-password", pb, "solo");
    Processes.await("the wrong password refused", 60, intruder.resolve("twistd.log"),
        () -> Processes.contains(intruder.resolve("twistd.log"), "unauthorized login"));
  }

  @Test
  void twoEngineMastersShareTheDatabaseAndTheWampRouter() throws Exception {
    Postgres pg = startPostgres();
    String router = startRouter();
    Path repo = createRepository();
    int pbA = Processes.freePort();
    Rendered r = Rendered.render("mm", values(pg, router, repo, pbA, 2, "  near: {}\n  far: {}\n", "[far]"));
    assertTrue(r.masterCfg("mm").contains("c[\"multiMaster\"] = True"));

    Master a = startMaster(r, "master-0", pbA, true);
    awaitPollerStarted(a);
    int pbB = Processes.freePort();
    Master b = startMaster(r, "master-1", pbB, false);
    Processes.await("both masters wamp-connected", 60, b.log, () -> Processes.contains(b.log, "Wamp connection succeed"));
    assertTrue(Processes.contains(a.log, "Wamp connection succeed"), Processes.tail(a.log));
    Processes.await("two active masters", 60, b.log, () -> count(pg, "SELECT count(*) FROM masters WHERE active = 1") == 2);

    Map<String, String> logins = workerLogins(r);
    startWorker("near", logins.get("near"), pbA);
    startWorker("far", logins.get("far"), pbB);
    Processes.await("a worker on each master", 60, b.log, () -> count(pg,
        "SELECT count(DISTINCT masterid) FROM connected_workers") == 2);

    commit(repo, "second");
    awaitBuild(pg, b);
    String build = pg.sql("buildbot", "SELECT b.results || ' ' || w.name || ' ' || m.name FROM builds b "
        + "JOIN workers w ON w.id = b.workerid JOIN masters m ON m.id = b.masterid ORDER BY b.id LIMIT 1");
    assertTrue(build.startsWith("0 far ") && build.endsWith(b.dir.toString()), "SUCCESS on `far`, run by master B: " + build);
    String scheduler = pg.sql("buildbot", "SELECT m.name FROM scheduler_masters s JOIN schedulers sc ON sc.id = s.schedulerid "
        + "JOIN masters m ON m.id = s.masterid WHERE sc.name = 'app'");
    assertEquals(a.dir.toString(), scheduler.substring(scheduler.indexOf(':') + 1), "the build was triggered through master A");
    assertNotEquals(scheduler, build.substring(build.lastIndexOf(' ') + 1));
  }

  // --- the farm ------------------------------------------------------------------------------

  private record Master(Path dir, Path log) {}

  private String values(Postgres pg, String router, Path repo, int pb, int masters, String workers, String builderWorkers) {
    return "master: {replicas: " + masters + ", workerPort: " + pb + "}\n"
        + "ui: {replicas: 1}\n" // engine masters: Debian ships no web UI package
        + "database: {type: postgresql, host: 127.0.0.1, port: " + pg.port + ", name: buildbot, user: buildbot, password: " + DB_PASSWORD + "}\n"
        + "mq: {type: wamp, routerURL: '" + router + "', realm: buildbot, debugLevel: info}\n"
        // null deletes the chart's default workers and builders, as in any override file
        + "workers:\n  linux-amd64: null\n  debian-arm64: null\n  docs: null\n" + workers
        + "builders:\n  app-tests: null\n  docs: null\n  app:\n    repository: '" + repo + "'\n    branch: main\n    pollInterval: 1\n"
        + "    command: [sh, ci.sh]\n    workers: " + builderWorkers + "\n";
  }

  private Postgres startPostgres() throws Exception {
    Postgres pg = new Postgres(dir, "buildbot", DB_PASSWORD, "buildbot");
    cleanup.add(pg);
    return pg;
  }

  private String startRouter() throws Exception {
    Path routerDir = Repo.root().resolve("server/src/test/wamp-router");
    if (!Files.isDirectory(routerDir.resolve("node_modules/fox-wamp"))) {
      Processes.run(routerDir, Map.of(), "npm", "ci", "--no-audit", "--no-fund");
    }
    int port = Processes.freePort();
    Path log = dir.resolve("router.log");
    Process router = Processes.start(routerDir, Map.of(), log, List.of("node", "router.js", Integer.toString(port)));
    cleanup.add(() -> Processes.stop(router));
    Processes.await("the wamp router", 30, log, () -> Processes.contains(log, "listening on " + port));
    return "ws://127.0.0.1:" + port + "/ws";
  }

  /** A repository whose ci.sh is the build; the first commit exists before the poller starts. */
  private Path createRepository() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Path bare = dir.resolve("repo.git");
    Processes.run(dir, Map.of(), "git", "init", "-q", "--bare", "-b", "main", bare.toString());
    Processes.run(work, Map.of(), "git", "init", "-q", "-b", "main");
    Processes.run(work, Map.of(), "git", "remote", "add", "origin", bare.toString());
    Files.writeString(work.resolve("ci.sh"), "set -e\necho building $(git rev-parse --short HEAD 2>/dev/null || echo tree)\ntest -f ci.sh\n");
    commit(bare, "first");
    return bare;
  }

  private void commit(Path bare, String message) throws Exception {
    Path work = dir.resolve("work");
    Files.writeString(work.resolve("CHANGES"), message + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    Map<String, String> who = Map.of("GIT_AUTHOR_NAME", "it", "GIT_AUTHOR_EMAIL", "it@example.org",
        "GIT_COMMITTER_NAME", "it", "GIT_COMMITTER_EMAIL", "it@example.org");
    Processes.run(work, who, "git", "add", "-A");
    Processes.run(work, who, "git", "commit", "-q", "-m", message);
    Processes.run(work, who, "git", "push", "-q", "origin", "main");
  }

  /**
   * A master as its pod runs it: the rendered master.cfg, the pod's environment and Secret files.
   * Two masters on one host need two pb ports: the second one's port is rewritten.
   */
  private Master startMaster(Rendered r, String name, int pb, boolean first) throws Exception {
    MasterPod pod = new MasterPod(r, r.names().stream().filter(n -> n.startsWith("StatefulSet/") && n.endsWith("-master"))
        .findFirst().orElseThrow().substring("StatefulSet/".length()), "unused");
    assertEquals("engine", pod.env.get("BUILDBOT_ROLE"));
    Path base = dir.resolve(name);
    String dbUrl = "postgresql://buildbot:" + DB_PASSWORD + "@127.0.0.1:" + postgresPort(r) + "/buildbot";
    Processes.run(dir, pod.env, "buildbot", "create-master", "-r", "--db=" + dbUrl, base.toString());
    String release = Rendered.name(r.ofKind("ConfigMap").get(0)).replaceFirst("-buildbot-.*", "");
    String cfg = r.masterCfg(release);
    int renderedPort = (Integer) path(r.get("Service", release + "-buildbot-workers"), "spec", "ports", 0, "port");
    Files.writeString(base.resolve("master.cfg"), cfg.replace("\"port\": " + renderedPort + " if", "\"port\": " + pb + " if"));
    if (first) {
      Processes.run(base, pod.env, "buildbot", "upgrade-master", ".");
    }
    Processes.run(base, pod.env, "buildbot", "start", ".");
    cleanup.add(() -> Buildbot.run(base, pod.env, "buildbot", "stop", "."));
    return new Master(base, base.resolve("twistd.log"));
  }

  private static int postgresPort(Rendered r) {
    String cfg = r.masterCfg(Rendered.name(r.ofKind("ConfigMap").get(0)).replaceFirst("-buildbot-.*", ""));
    return Integer.parseInt(cfg.replaceAll("(?s).*\"127\\.0\\.0\\.1\",\\s*(\\d+),.*", "$1"));
  }

  /** Each worker pod's login and password, from the rendered workloads and Secrets; pools expanded. */
  private static Map<String, String> workerLogins(Rendered r) {
    Map<String, String> logins = new java.util.TreeMap<>();
    for (String kind : List.of("Deployment", "StatefulSet")) {
      for (Map<String, Object> workload : r.ofKind(kind)) {
        Map<String, Object> env = Rendered.env(Rendered.container(workload));
        if (!env.containsKey("WORKERNAME")) {
          continue;
        }
        Map<String, Object> ref = cast(path(env.get("WORKERPASS"), "secretKeyRef"));
        String password = r.secret((String) ref.get("name"), (String) ref.get("key"));
        int replicas = (Integer) path(workload, "spec", "replicas");
        for (int i = 0; i < replicas; i++) {
          logins.put(env.get("WORKERNAME").toString().replace("$(POD_INDEX)", Integer.toString(i)), password);
        }
      }
    }
    return logins;
  }

  private Path startWorker(String login, String password, int pb) throws Exception {
    return startWorker(login, password, pb, login);
  }

  /** A worker as its pod runs it: BUILDMASTER is the worker Service, here loopback. */
  private Path startWorker(String directory, String password, int pb, String login) throws Exception {
    Path base = dir.resolve("worker-" + directory);
    Processes.run(dir, Map.of(), "buildbot-worker", "create-worker", "-r", base.toString(), "127.0.0.1:" + pb, login, password);
    cleanup.add(() -> Buildbot.run(base, Map.of(), "buildbot-worker", "stop", "."));
    Buildbot.Result started = Buildbot.run(base, Map.of(), "buildbot-worker", "start", ".");
    if (started.exit() != 0 && directory.equals(login)) {
      throw new AssertionError("worker " + login + " did not start:\n" + started.output() + Processes.tail(base.resolve("twistd.log")));
    }
    return base;
  }

  private static void awaitPollerStarted(Master master) throws IOException, InterruptedException {
    Processes.await("the master running", 60, master.log, () -> Processes.contains(master.log, "BuildMaster is running"));
    Thread.sleep(3000); // the poller's first poll records the existing commit; the next commit is a change
  }

  /** Waits for a finished build; on time-out says what the database holds, to tell where the chain broke. */
  private static void awaitBuild(Postgres pg, Master master) throws Exception {
    try {
      Processes.await("a finished build", 120, master.log, () -> count(pg, "SELECT count(*) FROM builds WHERE complete_at IS NOT NULL") >= 1);
    } catch (AssertionError e) {
      throw new AssertionError("changes: " + pg.sql("buildbot", "SELECT count(*) || ' ' || coalesce(string_agg(branch || '@' || repository, ','), '') FROM changes")
          + "; buildrequests: " + pg.sql("buildbot", "SELECT count(*) FROM buildrequests")
          + "; builds: " + pg.sql("buildbot", "SELECT count(*) FROM builds") + "\n" + e.getMessage(), e);
    }
  }

  private static int count(Postgres pg, String query) {
    try {
      return Integer.parseInt(pg.sql("buildbot", query).trim());
    } catch (Exception e) {
      return -1;
    }
  }
}
