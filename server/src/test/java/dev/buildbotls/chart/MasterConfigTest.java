package dev.buildbotls.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Buildbot;
import dev.buildbotls.testing.MasterPod;
import dev.buildbotls.testing.Rendered;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generated master.cfg passes Debian's `buildbot checkconfig`, with the pod's environment. */
class MasterConfigTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "defaults | ci-buildbot-master | ''",
      "pool | ci-buildbot-master | 'workers:\n  pool: {replicas: 3}\nbuilders:\n  b: {repository: r, command: [make], workers: [pool, docs]}\n'",
      "sqlite | ci-buildbot-master | 'master: {replicas: 1}\ndatabase: {type: sqlite}\nmq: {type: simple}\n'",
      "external database | ci-buildbot-master | 'database: {host: db.example.org, existingSecret: {name: db}}\nworkers:\n  docs: {existingSecret: {name: docs}}\n'",
      "ui.replicas 2, engine masters | ci-buildbot-master | 'ui: {replicas: 2}\n'",
      "ui.replicas 2, web masters | ci-buildbot-ui | 'ui: {replicas: 2}\n'",
      "web masters with htpasswd | ci-buildbot-ui | 'ui: {replicas: 1, auth: {type: htpasswd, existingSecret: {name: ui}, admins: [admin]}}\n'",
      "masters with GitHub OAuth2 | ci-buildbot-master | 'ui: {auth: {type: github, clientId: abc, existingSecret: {name: gh}, admins: [alice]}}\n'",
      "web masters with GitLab OAuth2 | ci-buildbot-ui | 'ui: {replicas: 1, auth: {type: gitlab, clientId: abc, existingSecret: {name: gl}}}\n'",
      "extraConfig | ci-buildbot-master | 'master:\n  extraConfig: |\n    c[\"title\"] = \"Extra\"\n'",
      "latent workers, web masters | ci-buildbot-ui | 'ui: {replicas: 1}\nlatentWorkers: {build: {}}\nbuilders:\n  app-tests: {workers: [build]}\n'"})
  void checkconfigAcceptsTheGeneratedConfiguration(String variant, String statefulSet, String values) throws Exception {
    Rendered rendered = Rendered.render("ci", values.replace("\\n", "\n"));
    MasterPod pod = new MasterPod(rendered, statefulSet, "from-an-existing-secret");
    Buildbot.Result result = Buildbot.checkconfig(Rendered.cast(Rendered.path(rendered.get("ConfigMap", "ci-buildbot-master"), "data")), pod.env);
    assertEquals(0, result.exit(), variant + ":\n" + result.output());
    assertTrue(result.output().contains("Config file is good!"), result.output());
  }

  /** The chart's latent workers are written against Buildbot 4's KubeLatentWorker: an engine master of Buildbot 3 says so. */
  @Test
  void anEngineMasterOfBuildbot3RefusesLatentWorkersWithOneLine() throws Exception {
    Rendered rendered = Rendered.render("ci", "latentWorkers: {build: {}}\n");
    MasterPod pod = new MasterPod(rendered, "ci-buildbot-master", "from-an-existing-secret");
    Buildbot.Result result = Buildbot.checkconfig(Rendered.cast(Rendered.path(rendered.get("ConfigMap", "ci-buildbot-master"), "data")), pod.env);
    assertEquals(1, result.exit(), result.output());
    assertTrue(result.output().contains("latentWorkers: the chart's latent workers need Buildbot 4 (v4.0.3 or later) in master.image"), result.output());
  }

  /** Buildbot's ChangeFilter matches branch_re at the start only: the chart anchors the end, so `main` never builds `main-evil`. */
  @Test
  void aBuildersBranchIsMatchedWhole() throws Exception {
    Rendered rendered = Rendered.render("ci", "builders:\n  app-tests: null\n  docs: null\n"
        + "  exact: {repository: r, branch: main, command: [make], workers: [docs]}\n"
        + "  releases: {repository: r, branch: 'release/.*|hotfix', command: [make], workers: [docs]}\n");
    Buildbot.Result result = runWithConfig(rendered, """
        import json, sys, types
        matched = {}
        for scheduler in config["BuildmasterConfig"]["schedulers"]:
            if getattr(scheduler, "change_filter", None) is None:
                continue
            for branch in sys.argv[1:]:
                change = types.SimpleNamespace(project="", codebase="", repository="r", category=None, branch=branch, files=[],
                                               properties=types.SimpleNamespace(getProperty=lambda name, default="": default))
                if scheduler.change_filter.filter_change(change):
                    matched.setdefault(scheduler.name, []).append(branch)
        print(json.dumps(matched, sort_keys=True))
        """, "main", "main-evil", "xmain", "release/1.0", "release/", "hotfix", "hotfix-2", "release");
    assertEquals("{\"exact\": [\"main\"], \"releases\": [\"release/1.0\", \"release/\", \"hotfix\"]}", lastLine(result), result.output());
  }

  /**
   * master.cfg makes the logins from the declarations (pools arrive as ranges): every pod's login
   * with its own password file, and each builder's workers with pools and the default (every worker) expanded.
   */
  @Test
  void theLoginsAreThePodsLoginsWithTheirOwnPasswords() throws Exception {
    Rendered rendered = Rendered.render("ci", "workers:\n  linux-amd64: null\n  debian-arm64: null\n  docs: null\n"
        + "  big: {replicas: 3, maxBuilds: 2}\n  one: {properties: {arch: arm64}}\n  ext: {replicas: 2, existingSecret: {name: ext}}\n"
        + "builders:\n  app-tests: null\n  docs: null\n  some: {repository: r, command: [make], workers: [big, one-off, one]}\n"
        + "  every: {repository: r, command: [make]}\n");
    Buildbot.Result result = runWithConfig(rendered, """
        import json
        bmc = config["BuildmasterConfig"]
        # Buildbot adds the property workername itself
        workers = {w.workername: [w.password, w.max_builds, {k: v for k, v in w.properties.asDict().items() if k != "workername"}]
                   for w in bmc["workers"]}
        builders = {b.name: b.workernames for b in bmc["builders"]}
        print(json.dumps({"workers": workers, "builders": builders}, sort_keys=True))
        """);
    Map<String, Object> declared = Rendered.cast(new com.fasterxml.jackson.databind.ObjectMapper().readValue(lastLine(result), Map.class));
    Map<String, List<Object>> workers = Rendered.cast(declared.get("workers"));
    assertEquals(Set.of("big-0", "big-1", "big-2", "one", "ext-0", "ext-1"), workers.keySet(), result.output());
    for (String login : List.of("big-0", "big-1", "big-2")) {
      assertEquals(List.of(rendered.secret("ci-buildbot-worker-big", login), 2, Map.of()), workers.get(login));
    }
    assertEquals(List.of(rendered.secret("ci-buildbot-workers", "one"), 1, Map.of("arch", List.of("arm64", "Worker"))), workers.get("one"));
    assertEquals("from-an-existing-secret", workers.get("ext-1").get(0), "a pool's existingSecret is each member's");
    assertEquals(Map.of("some", List.of("big-0", "big-1", "big-2", "one-off", "one"),
        "every", List.of("big-0", "big-1", "big-2", "ext-0", "ext-1", "one")), declared.get("builders"));
  }

  /**
   * Buildbot's own database pool (one engine per master process, engine or web: SQLAlchemy's
   * QueuePool, which master.cfg cannot size) against the bundled PostgreSQL's max_connections.
   */
  @Test
  void theBundledDatabaseAdmitsEveryConnectionTheMastersMayOpen() throws Exception {
    Buildbot.requireInstalled();
    Buildbot.Result pool = Buildbot.run(Files.createTempDirectory("buildbot-pool"), Map.of(), "/usr/bin/python3", "-c",
        "from buildbot.db import enginestrategy\n"
            + "e = enginestrategy.create_engine('postgresql://u:p@127.0.0.1:1/db', basedir='.')\n"
            + "print(e.pool.size() + e.pool._max_overflow, e.optimal_thread_pool_size)");
    assertEquals("15 15", lastLine(pool), "connections and database threads of one master: " + pool.output());
    for (int[] masters : new int[][] {{2, 0}, {6, 1}, {64, 64}}) {
      Rendered r = Rendered.render("ci", "master: {replicas: " + masters[0] + "}\nui: {replicas: " + masters[1] + "}\n");
      List<?> args = (List<?>) Rendered.container(r.get("StatefulSet", "ci-buildbot-database")).get("args");
      int max = Integer.parseInt(((String) args.get(2)).replace("max_connections=", ""));
      // PostgreSQL keeps 3 for superusers; the migration Job opens 2
      assertTrue(max - 3 >= 15 * (masters[0] + masters[1]) + 2, masters[0] + "+" + masters[1] + " masters: " + args);
      assertTrue(max >= 100, "never below PostgreSQL's default");
    }
  }

  /** Runs {@code script} with Debian's Buildbot after executing the rendered master.cfg (as {@code config}) in a master pod's environment. */
  private static Buildbot.Result runWithConfig(Rendered rendered, String script, String... args) throws Exception {
    MasterPod pod = new MasterPod(rendered, "ci-buildbot-master", "from-an-existing-secret");
    Path basedir = Files.createTempDirectory("buildbot-config");
    Rendered.<Map<String, String>>cast(Rendered.path(rendered.get("ConfigMap", "ci-buildbot-master"), "data"))
        .forEach((name, text) -> write(basedir.resolve(name), text));
    write(basedir.resolve("run.py"), """
        import sys
        sys.path.insert(0, ".")
        config = {"__file__": "master.cfg"}
        exec(compile(open("master.cfg").read(), "master.cfg", "exec"), config)
        """ + script);
    Buildbot.requireInstalled();
    Buildbot.Result result = Buildbot.run(basedir, pod.env, Stream.concat(Stream.of("/usr/bin/python3", "run.py"), Stream.of(args)).toArray(String[]::new));
    assertEquals(0, result.exit(), result.output());
    return result;
  }

  private static String lastLine(Buildbot.Result result) {
    return result.output().lines().reduce((a, b) -> b).orElse("");
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
