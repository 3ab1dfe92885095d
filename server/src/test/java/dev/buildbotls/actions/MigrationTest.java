package dev.buildbotls.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Fix;
import dev.buildbotls.testing.Rendered;
import dev.buildbotls.testing.Repo;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The original chart's values file, migrated: valid, and Helm renders it. */
class MigrationTest {

  @Test
  void theSeedValuesMigrateToAValidRenderableFile() throws Exception {
    String seed = Files.readString(Repo.root().resolve("server/src/test/resources/seed/original-chart-values.yaml"));
    String migrated = Fix.apply(seed, "legacy-layout", "Migrate to the multi-master layout");
    List<String> codes = Fix.codes(migrated);
    assertTrue(codes.stream().noneMatch(c -> c.startsWith("schema/") || c.equals("legacy-layout")), codes.toString());
    // What is left is what the user should still fix: the shared, literal passwords.
    assertEquals(List.of("plaintext-password", "plaintext-password", "shared-worker-password", "plaintext-password",
        "shared-worker-password", "plaintext-password", "shared-worker-password"), codes);
    Rendered r = Rendered.render("old", migrated);
    assertEquals(2, Rendered.path(r.get("StatefulSet", "old-buildbot-master"), "spec", "replicas"));
    assertEquals("olafradicke/alternativ_buildbot_master:v2.7.0r8", Rendered.container(r.get("StatefulSet", "old-buildbot-master")).get("image"));
    assertEquals("buildbot", Rendered.env(Rendered.container(r.get("StatefulSet", "old-buildbot-database"))).get("POSTGRES_USER"));
    Map<String, Object> builder = ((List<Map<String, Object>>) Rendered.cast(r.masterValues("old").get("builders"))).stream()
        .filter(b -> "test/.*".equals(b.get("branch"))).findFirst().orElseThrow();
    assertEquals("test/.*", builder.get("branch"));
    assertEquals("./script/cibuild", builder.get("command"));
    assertEquals(60, builder.get("pollInterval"));
    assertEquals("https://github.com/OlafRadicke/buildbot_fake_project_repo.git", builder.get("repository"));
    Map<String, Object> worker = r.get("StatefulSet", "old-buildbot-worker-fedora-worker-01");
    assertEquals("olafradicke/alternativ_buildbot_fedora_worker:v2.7.0r15", Rendered.container(worker).get("image"));
    assertEquals("change_me", r.secret("old-buildbot-workers", "fedora-worker-01"));
    assertTrue(migrated.contains("    user: buildbot\n") || migrated.contains("  user: buildbot\n"), "postres_user migrated: " + migrated);
  }
}
