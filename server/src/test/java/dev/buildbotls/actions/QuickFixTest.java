package dev.buildbotls.actions;

import static dev.buildbotls.testing.Fix.apply;
import static dev.buildbotls.testing.Fix.codes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Fix;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.junit.jupiter.api.Test;

/** Every quick fix applied to its input: exact text out, its diagnostic gone, comments kept. */
class QuickFixTest {

  private static void fixes(String before, String code, String title, String after) {
    String fixed = apply(before, code, title);
    assertEquals(after, fixed);
    assertFalse(codes(fixed).contains(code), code + " still reported after the fix:\n" + fixed);
  }

  @Test
  void unknownKeyBecomesTheClosestKnownKey() {
    fixes("master:\n  replcas: 3  # three masters\n", "schema/additionalProperties", "Replace `replcas` with `replicas`",
        "master:\n  replicas: 3  # three masters\n");
  }

  @Test
  void theLaterDuplicateWorkerGetsAFreshName() {
    fixes("workers:\n  a: {}\n  # the second one\n  a: {maxBuilds: 2}\n", "duplicate-key", "Rename the later worker",
        "workers:\n  a: {}\n  # the second one\n  a-2: {maxBuilds: 2}\n");
  }

  @Test
  void theDefaultFarmMergedIntoAFarmOfItsOwnIsDeletedOrNamed() {
    fixes("workers:\n  mine: {}  # ours\n", "inherited-default", "Delete the chart's default workers",
        "workers:\n  mine: {}  # ours\n  linux-amd64: null\n  debian-arm64: null\n  docs: null\n");
    fixes("workers: {mine: {}}\n", "inherited-default", "Keep the chart's default workers",
        "workers: {mine: {}, linux-amd64: {}, debian-arm64: {}, docs: {}}\n");
    fixes("builders:\n  mine: {repository: r, command: [make], workers: [docs]}\n", "inherited-default", "Delete the chart's default builders",
        "builders:\n  mine: {repository: r, command: [make], workers: [docs]}\n  app-tests: null\n  docs: null\n");
  }

  @Test
  void unknownWorkerIsReplacedByTheClosestName() {
    fixes("builders:\n  b:\n    repository: r\n    command: [make]\n    workers: [dcos]\n", "unknown-worker", "Replace `dcos` with `docs`",
        "builders:\n  b:\n    repository: r\n    command: [make]\n    workers: [docs]\n");
  }

  @Test
  void unknownWorkerIsAddedAsAWorker() {
    fixes("builders:\n  b:\n    repository: r\n    command: [make]\n    workers: [special]  # new\n", "unknown-worker", "Add a worker",
        "builders:\n  b:\n    repository: r\n    command: [make]\n    workers: [special]  # new\nworkers:\n  special: {}\n");
    fixes("workers:\n    big: {}\nbuilders:\n  b: {repository: r, command: [make], workers: [special]}\n", "unknown-worker", "Add a worker",
        "workers:\n    big: {}\n    special: {}\nbuilders:\n  b: {repository: r, command: [make], workers: [special]}\n");
  }

  @Test
  void simpleMqBecomesWamp() {
    fixes("mq:\n  type: simple  # one day\n", "multimaster-mq", "Set `mq.type: wamp`", "mq:\n  type: wamp  # one day\n");
  }

  @Test
  void orOneMasterRuns() {
    fixes("mq: {type: simple}\n", "multimaster-mq", "Run a single master", "mq: {type: simple}\nmaster:\n  replicas: 1\n");
    fixes("master:\n  title: x\nui: {replicas: 2}\nmq: {type: simple}\n", "multimaster-mq", "Run a single master",
        "master:\n  title: x\n  replicas: 1\nui: {replicas: 0}\nmq: {type: simple}\n");
  }

  @Test
  void sqliteBecomesTheBundledPostgresql() {
    fixes("database: {type: sqlite}\n", "multimaster-database", "Switch to the bundled PostgreSQL", "database: {type: postgresql}\n");
  }

  @Test
  void aPasswordMovesToAnExistingSecretAndIsWrittenNowhere() {
    String before = "workers:\n  docs:\n    password: hunter2\n    maxBuilds: 2\n";
    String after = apply(before, "plaintext-password", "Move the password to a Secret");
    assertEquals("workers:\n  docs:\n    # kubectl create secret generic buildbot-worker-docs --from-literal=password='<the password>'\n"
        + "    existingSecret:\n      name: buildbot-worker-docs\n      key: password\n    maxBuilds: 2\n", after);
    assertFalse(after.contains("hunter2"));
    assertEquals(List.of(), codes(after));
  }

  @Test
  void aPasswordInFlowStyle() {
    String after = apply("workers:\n  docs: {password: hunter2}\ndatabase:\n  password: \"s3cret\"\n", "plaintext-password", "Move");
    assertEquals("workers:\n  docs: {password: hunter2}\ndatabase:\n  # kubectl create secret generic buildbot-database --from-literal=password='<the password>'\n"
        + "  existingSecret:\n    name: buildbot-database\n    key: password\n", after);
    String flow = Fix.applyEdits("workers:\n  docs: {password: hunter2}\n",
        Fix.actions("workers:\n  docs: {password: hunter2}\n", "plaintext-password").get(0).getEdit().getChanges().get(Fix.URI));
    assertEquals("workers:\n  # kubectl create secret generic buildbot-worker-docs --from-literal=password='<the password>'\n"
        + "  docs: {existingSecret: {name: buildbot-worker-docs, key: password}}\n", flow);
  }

  @Test
  void sharedPasswordsBecomeFreshOnes() {
    String after = apply("workers:\n  a: {password: x1}\n  b: {password: x1}\n", "shared-worker-password", "Give each worker");
    List<String> passwords = after.lines().filter(l -> l.contains("password")).map(l -> l.replaceAll(".*password: \"([^\"]+)\".*", "$1")).toList();
    assertEquals(2, passwords.size());
    assertEquals(24, passwords.get(0).length());
    assertNotEquals(passwords.get(0), passwords.get(1));
    assertFalse(codes(after).contains("shared-worker-password"));
  }

  @Test
  void renderIsOfferedAnywhere() {
    List<CodeAction> actions = Fix.actions("master:\n  replcas: 3\n", "schema/additionalProperties");
    CodeAction render = actions.get(actions.size() - 1);
    assertEquals("source", render.getKind());
    assertEquals("buildbot.renderChart", render.getCommand().getCommand());
    assertTrue(render.getCommand().getArguments().contains(Fix.URI));
  }
}
