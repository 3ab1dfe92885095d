package dev.buildbotls.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Buildbot;
import dev.buildbotls.testing.MasterPod;
import dev.buildbotls.testing.Rendered;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
      "extraConfig | ci-buildbot-master | 'master:\n  extraConfig: |\n    c[\"title\"] = \"Extra\"\n'"})
  void checkconfigAcceptsTheGeneratedConfiguration(String variant, String statefulSet, String values) throws Exception {
    Rendered rendered = Rendered.render("ci", values.replace("\\n", "\n"));
    MasterPod pod = new MasterPod(rendered, statefulSet, "from-an-existing-secret");
    Buildbot.Result result = Buildbot.checkconfig(Rendered.cast(Rendered.path(rendered.get("ConfigMap", "ci-buildbot-master"), "data")), pod.env);
    assertEquals(0, result.exit(), variant + ":\n" + result.output());
    assertTrue(result.output().contains("Config file is good!"), result.output());
  }

  /** Buildbot's ChangeFilter matches branch_re at the start only: the chart anchors the end, so `main` never builds `main-evil`. */
  @Test
  void aBuildersBranchIsMatchedWhole() throws Exception {
    Rendered rendered = Rendered.render("ci", "builders:\n  app-tests: null\n  docs: null\n"
        + "  exact: {repository: r, branch: main, command: [make], workers: [docs]}\n"
        + "  releases: {repository: r, branch: 'release/.*|hotfix', command: [make], workers: [docs]}\n");
    MasterPod pod = new MasterPod(rendered, "ci-buildbot-master", "from-an-existing-secret");
    Path basedir = Files.createTempDirectory("buildbot-branches");
    Rendered.<Map<String, String>>cast(Rendered.path(rendered.get("ConfigMap", "ci-buildbot-master"), "data"))
        .forEach((name, text) -> write(basedir.resolve(name), text));
    write(basedir.resolve("branches.py"), """
        import json, sys, types
        sys.path.insert(0, ".")
        config = {"__file__": "master.cfg"}
        exec(compile(open("master.cfg").read(), "master.cfg", "exec"), config)
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
        """);
    Buildbot.requireInstalled();
    Buildbot.Result result = Buildbot.run(basedir, pod.env, "/usr/bin/python3", "branches.py", "main", "main-evil", "xmain", "release/1.0", "release/",
        "hotfix", "hotfix-2", "release");
    assertEquals(0, result.exit(), result.output());
    assertEquals("{\"exact\": [\"main\"], \"releases\": [\"release/1.0\", \"release/\", \"hotfix\"]}",
        result.output().lines().reduce((a, b) -> b).orElse(""), result.output());
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
