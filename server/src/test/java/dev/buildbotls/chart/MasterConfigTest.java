package dev.buildbotls.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Buildbot;
import dev.buildbotls.testing.MasterPod;
import dev.buildbotls.testing.Rendered;
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
}
