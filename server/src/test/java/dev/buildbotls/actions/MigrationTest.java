package dev.buildbotls.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    Map<String, Map<String, Object>> builders = Rendered.cast(r.masterValues("old").get("builders"));
    Map<String, Object> builder = builders.values().stream().filter(b -> "test/.*".equals(b.get("branch"))).findFirst().orElseThrow();
    assertEquals("test/.*", builder.get("branch"));
    // The original chart's branchFilterRegEx matched a branch's start, this chart the whole name: the meaning is kept
    assertEquals(List.of("dev/.*", "master.*", "test/.*"), builders.values().stream().map(b -> b.get("branch")).toList());
    assertEquals("(?:main|dev).*", dev.buildbotls.values.LegacyMigration.asWholeMatch("main|dev"));
    assertEquals("./script/cibuild", builder.get("command"));
    assertEquals(60, builder.get("pollInterval"));
    assertEquals("https://github.com/OlafRadicke/buildbot_fake_project_repo.git", builder.get("repository"));
    Map<String, Object> worker = r.get("StatefulSet", "old-buildbot-worker-fedora-worker-01");
    assertEquals("olafradicke/alternativ_buildbot_fedora_worker:v2.7.0r15", Rendered.container(worker).get("image"));
    assertEquals("change_me", r.secret("old-buildbot-workers", "fedora-worker-01"));
    assertTrue(migrated.contains("    user: buildbot\n") || migrated.contains("  user: buildbot\n"), "postres_user migrated: " + migrated);
  }

  @Test
  void aMixedFileKeepsItsNewLayoutKeysAsTheyAre() throws Exception {
    String mixed = "master_replicas: 3\nbuildbotTitle: Old title\nmaster:\n  title: New title\nui:\n  replicas: 2\n"
        + "workers:\n  kept: {maxBuilds: 4}\nwortkerTypes:\n  old-worker: {image: 'r/w:1', password: pw}\n";
    var result = dev.buildbotls.values.LegacyMigration.migrate(dev.buildbotls.yaml.YamlParser.parse(mixed).documents().get(0));
    assertEquals(List.of(), result.notMigrated());
    var values = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(result.text());
    assertEquals(3, values.at("/master/replicas").asInt(), "the legacy key fills what the new layout leaves open");
    assertEquals("New title", values.at("/master/title").asText(), "the new-layout key wins");
    assertEquals(2, values.at("/ui/replicas").asInt(), "ui.replicas kept");
    assertEquals(4, values.at("/workers/kept/maxBuilds").asInt(), "a new-layout worker kept");
    assertEquals("r/w", values.at("/workers/old-worker/image/repository").asText(), "a legacy worker added");
    assertEquals(List.of(), Fix.codes(result.text()).stream().filter(c -> c.startsWith("schema/")).toList());
  }

  @Test
  void legacyValuesWithNoPlaceAreReportedNeverDroppedInSilence() throws Exception {
    String legacy = "master_replicas: two\nbuildbot_mq_debug: loud\nwortkerTypes:\n"
        + "  w: {image: 'r/w:1', cpu: 4, gitURL: 'https://example.com/r.git'}\n";
    var result = dev.buildbotls.values.LegacyMigration.migrate(dev.buildbotls.yaml.YamlParser.parse(legacy).documents().get(0));
    assertEquals(List.of("master_replicas: not a whole number",
        "buildbot_mq_debug: loud is no debug level (none, critical, error, warn, info, debug, trace); error is used",
        "wortkerTypes.w.cpu: no such setting for a worker",
        "wortkerTypes.w: no builder (it needs both a repository, gitURL or pollURL, and a ciBuildSkript)"), result.notMigrated());
    assertTrue(result.text().contains("# Not migrated (no place in this chart's values):\n#   master_replicas: not a whole number\n"), result.text());
  }

  @Test
  void aLegacyValueWithLineBreaksStaysInsideItsComment() throws Exception {
    // Each a line break to Helm's YAML reader: written raw, they would end the comment and start YAML.
    String legacy = "buildbot_mq_debug: \"x\\r---\\nmaster: {extraConfig: evil}\\N\u2028\u2029\"\n";
    var result = dev.buildbotls.values.LegacyMigration.migrate(dev.buildbotls.yaml.YamlParser.parse(legacy).documents().get(0));
    assertTrue(result.text().contains("#   buildbot_mq_debug: x\\r---\\nmaster: {extraConfig: evil}\\u0085\\u2028\\u2029 is no debug level"), result.text());
    assertTrue(result.text().chars().noneMatch(c -> c == '\r' || dev.buildbotls.yaml.GoYamlBreaks.isBreak(c)), result.text());
    assertFalse(result.text().contains("\nmaster: {extraConfig"), result.text());
    Rendered r = Rendered.render("old", result.text());
    assertFalse(r.masterCfg("old").contains("exec(compile("), "no extraConfig reached the masters");
  }
}
