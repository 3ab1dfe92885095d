package dev.buildbotls.hover;

import dev.buildbotls.service.LanguageService;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.diagnostics.Analyzer;
import dev.buildbotls.testing.Marked;
import dev.buildbotls.testing.Repo;
import java.util.Optional;
import org.eclipse.lsp4j.Hover;
import org.junit.jupiter.api.Test;

class HoverTest {
  static Optional<Hover> hover(String marked) {
    Marked m = Marked.withCursor(marked);
    var context = Analyzer.analyze("file:///t/values.yaml", null, m.text(), () -> {}).contexts().get(0);
    return LanguageService.hover(context, m.cursor(), () -> {});
  }

  @Test
  void aKeyShowsItsSchemaDocumentation() {
    Hover h = hover("master:\n  repl|icas: 2\n").orElseThrow();
    String text = h.getContents().getRight().getValue();
    assertTrue(text.startsWith("**master.replicas**: integer\n\n"), text);
    assertTrue(text.contains("Default: `2`"), text);
    assertTrue(text.contains("Minimum: `1`"), text);
    assertTrue(text.contains("(https://docs.buildbot.net/latest/manual/configuration/multimaster.html)"), text);
    assertEquals("1:2-1:10", Marked.format(h.getRange()));
  }

  @Test
  void enumsListTheAllowedValues() {
    String text = hover("database:\n  ty|pe: sqlite\n").orElseThrow().getContents().getRight().getValue();
    assertTrue(text.contains("Allowed: `postgresql`, `sqlite`"), text);
  }

  @Test
  void aWorkerNameInABuilderShowsTheWorker() {
    Hover h = hover("workers:\n  big:\n    replicas: 3\n    maxBuilds: 2\nbuilders:\n  b:\n    workers: [b|ig-1]\n").orElseThrow();
    String text = h.getContents().getRight().getValue();
    assertEquals("**worker big** (pool member `big-1`)\n\n- image: `quay.io/buildbot/buildbot-worker:v" + Repo.appVersion() + "`\n"
        + "- pool of 3: `big-0` .. `big-2`\n- max builds: 2\n- defined at line 2", text);
    assertEquals("6:14-6:19", Marked.format(h.getRange()));
  }

  @Test
  void aLatentWorkerNameInABuilderShowsItsPods() {
    Hover h = hover("latentWorkers:\n  on-demand:\n    buildWaitTimeout: 60\nbuilders:\n  b:\n    workers: [on-d|emand]\n").orElseThrow();
    assertEquals("**worker on-demand**\n\n- image: `quay.io/buildbot/buildbot-worker:v" + Repo.appVersion() + "`\n"
        + "- latent: each engine master creates a build pod for a build (login `on-demand`), deleted after 60 s without a build\n"
        + "- max builds: 1\n- defined at line 2", h.getContents().getRight().getValue());
  }

  @Test
  void aWorkerFromTheDefaults() {
    String text = hover("builders:\n  b:\n    workers: [do|cs]\n").orElseThrow().getContents().getRight().getValue();
    assertTrue(text.contains("quay.io/buildbot/buildbot-worker:v" + Repo.appVersion()) && text.endsWith("defined in the chart's defaults"), text);
  }

  @Test
  void valuesAreNeverShownSoPasswordsCannotLeak() {
    assertFalse(hover("database:\n  password: hun|ter2\n").isPresent());
    String key = hover("database:\n  pass|word: hunter2\n").orElseThrow().getContents().getRight().getValue();
    assertFalse(key.contains("hunter2"));
  }
}
