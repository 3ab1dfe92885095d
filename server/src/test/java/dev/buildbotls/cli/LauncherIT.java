package dev.buildbotls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.buildbotls.testing.JarProcess;
import dev.buildbotls.testing.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `buildbot-ls` launcher, installed as the README installs it: jar and script in one place, a link on the PATH. */
class LauncherIT {
  /** Tools the launcher uses besides Java: a PATH of only these has no java on it. */
  private static final List<String> TOOLS = List.of("sh", "readlink", "dirname", "sed", "head", "grep", "ls", "cksum", "cut", "mkdir", "rm", "find", "mv", "printf");

  private static Path install(Path dir) throws Exception {
    Path share = Files.createDirectories(dir.resolve("share/buildbot-ls"));
    Files.copy(Repo.jar(), share.resolve("buildbot-ls.jar"));
    Files.copy(Repo.jar().resolveSibling("buildbot-ls"), share.resolve("buildbot-ls"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    return Files.createSymbolicLink(bin.resolve("buildbot-ls"), share.resolve("buildbot-ls"));
  }

  @Test
  void onJava17TheFirstStartTrainsAnArchiveBesideItAndTheNextMapsIt(@TempDir Path dir) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    assertTrue(Runtime.version().feature() < 25, "the tests' own Java is the 17-24 the archive is for: " + Runtime.version());
    firstStartTrainsTheNextMaps(dir, java, ".jsa");
  }

  @Test
  void onJava25ItIsAnAotCache(@TempDir Path dir) throws Exception {
    String java25 = System.getenv("BUILDBOT_LS_JAVA25");
    assertNotNull(java25, "BUILDBOT_LS_JAVA25 names a Java 25+ (scripts/test.sh sets it from scripts/java25.sh)");
    firstStartTrainsTheNextMaps(dir, Path.of(java25), ".aot");
  }

  /** The first start answers at once and silently, with the cache trained beside it; once made, a start maps the server's classes from it. */
  private static void firstStartTrainsTheNextMaps(Path dir, Path java, String extension) throws Exception {
    Path launcher = install(dir);
    Path cache = dir.resolve("cache/buildbot-ls");
    Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString(), "BUILDBOT_LS_JAVA", java.toString());
    Files.createDirectories(cache);
    Files.writeString(cache.resolve("buildbot-ls-1.jsa"), "an archive of an older jar");
    Files.writeString(cache.resolve("buildbot-ls-2.aot"), "a cache of an older jar");
    JarProcess.Result first = JarProcess.exec(dir, env, false, "master:\n  replcas: 3\n", List.of(launcher.toString(), "--check", "-"));
    assertEquals(1, first.exit(), first.stderr());
    assertEquals("<stdin>:2:3: error: unknown key `replcas` under `master` (did you mean `replicas`?); Helm rejects values the chart "
        + "does not declare [schema/additionalProperties]\n", first.stdout());
    assertEquals("", first.stderr(), "the training says nothing");
    List<String> made = awaitTraining(cache);
    assertEquals(1, made.size(), "one cache, the old ones gone, nothing half-written: " + made);
    assertTrue(made.get(0).matches("buildbot-ls-\\d+\\" + extension), made.get(0));
    assertTrue(Files.size(cache.resolve(made.get(0))) > 1_000_000, "a cache of the server's classes");

    Map<String, String> logged = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString(), "BUILDBOT_LS_JAVA", java.toString(),
        "BUILDBOT_LS_JAVA_OPTS", "-Xlog:class+load=info:stderr");
    JarProcess.Result second = JarProcess.exec(dir, logged, false, "", List.of(launcher.toString(), "--check", "-"));
    assertEquals(0, second.exit(), second.stderr());
    assertTrue(second.stderr().contains("dev.buildbotls.cli.Cli source: shared objects file"),
        "the server's classes come from the cache: " + second.stderr().lines().filter(l -> l.contains("buildbotls.cli.Cli ")).findFirst().orElse(""));
    assertEquals(made, names(cache), "a start with a cache trains nothing");
  }

  @Test
  void aTrainingKilledLongAgoLeavesALockTheNextStartTakesOver(@TempDir Path dir) throws Exception {
    Path launcher = install(dir);
    Path cache = dir.resolve("cache/buildbot-ls");
    Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString(),
        "BUILDBOT_LS_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    assertEquals(0, JarProcess.exec(dir, env, false, "", List.of(launcher.toString(), "--check", "-")).exit());
    String made = awaitTraining(cache).get(0);
    Files.delete(cache.resolve(made));
    Path lock = Files.createDirectory(cache.resolve(made + ".lock")); // as a training killed with the machine leaves it
    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(Duration.ofMinutes(11))));
    assertEquals(0, JarProcess.exec(dir, env, false, "", List.of(launcher.toString(), "--check", "-")).exit());
    assertEquals(List.of(made), awaitTraining(cache), "the stale lock is taken over and the cache trained again");
  }

  /** The cache directory's names once no training runs (its lock gone), within two minutes. */
  private static List<String> awaitTraining(Path cache) throws Exception {
    for (int waited = 0; waited < 120_000; waited += 200) {
      List<String> names = names(cache);
      if (names.stream().noneMatch(n -> n.endsWith(".lock"))) {
        return names;
      }
      Thread.sleep(200);
    }
    return fail("the training still runs after two minutes: " + names(cache));
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void withoutJava17ItSaysWhatItTriedAndExitsTwo(@TempDir Path dir) throws Exception {
    Path launcher = install(dir);
    Path tools = Files.createDirectories(dir.resolve("tools"));
    for (String tool : TOOLS) {
      Path real = Path.of("/usr/bin", tool).toFile().exists() ? Path.of("/usr/bin", tool) : Path.of("/bin", tool);
      Files.createSymbolicLink(tools.resolve(tool), real);
    }
    Map<String, String> env = Map.of("PATH", tools.toString(), "HOME", dir.toString(), "JAVA_HOME", dir.resolve("no-jdk").toString());
    JarProcess.Result r = JarProcess.exec(dir, env, true, "", List.of(launcher.toString(), "--version"));
    assertEquals(2, r.exit());
    assertEquals("", r.stdout());
    assertEquals("buildbot-ls: needs Java 17 or later; tried: " + dir.resolve("no-jdk/bin/java") + " (not found). "
        + "Install one (Debian: apt-get install openjdk-17-jre-headless) or set BUILDBOT_LS_JAVA to its bin/java.\n", r.stderr());
  }

  @Test
  void aMissingJarIsOneLine(@TempDir Path dir) throws Exception {
    Path launcher = install(dir);
    Files.delete(dir.resolve("share/buildbot-ls/buildbot-ls.jar"));
    JarProcess.Result r = JarProcess.exec(dir, Map.of(), false, "", List.of(launcher.toString(), "--version"));
    assertEquals(2, r.exit());
    assertEquals("buildbot-ls: no server jar at " + dir.resolve("share/buildbot-ls/buildbot-ls.jar")
        + " (install buildbot-ls.jar beside this script, or set BUILDBOT_LS_JAR)\n", r.stderr());
  }
}
