package dev.buildbotls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.JarProcess;
import dev.buildbotls.testing.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `buildbot-ls` launcher, installed as the README installs it: jar and script in one place, a link on the PATH. */
class LauncherIT {
  /** Tools the launcher uses besides Java: a PATH of only these has no java on it. */
  private static final List<String> TOOLS = List.of("sh", "readlink", "dirname", "sed", "head", "ls", "cksum", "cut", "mkdir", "rm", "printf");

  private static Path install(Path dir) throws Exception {
    Path share = Files.createDirectories(dir.resolve("share/buildbot-ls"));
    Files.copy(Repo.jar(), share.resolve("buildbot-ls.jar"));
    Files.copy(Repo.jar().resolveSibling("buildbot-ls"), share.resolve("buildbot-ls"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    return Files.createSymbolicLink(bin.resolve("buildbot-ls"), share.resolve("buildbot-ls"));
  }

  @Test
  void theFirstStartMakesAnArchiveForTheJarWhereItLiesAndTheNextMapsIt(@TempDir Path dir) throws Exception {
    Path launcher = install(dir);
    Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString());
    JarProcess.Result first = JarProcess.exec(dir, env, false, "master:\n  replcas: 3\n", List.of(launcher.toString(), "--check", "-"));
    assertEquals(1, first.exit(), first.stderr());
    assertEquals("<stdin>:2:3: error: unknown key `replcas` under `master` (did you mean `replicas`?); Helm rejects values the chart "
        + "does not declare [schema/additionalProperties]\n", first.stdout());
    try (Stream<Path> archives = Files.list(dir.resolve("cache/buildbot-ls"))) {
      List<Path> made = archives.filter(p -> p.getFileName().toString().endsWith(".jsa")).toList();
      assertEquals(1, made.size(), made.toString());
      assertTrue(Files.size(made.get(0)) > 1_000_000, "an archive of the server's classes");
    }
    Map<String, String> logged = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString(),
        "BUILDBOT_LS_JAVA_OPTS", "-Xlog:class+load=info:stderr");
    JarProcess.Result second = JarProcess.exec(dir, logged, false, "", List.of(launcher.toString(), "--check", "-"));
    assertEquals(0, second.exit(), second.stderr());
    assertTrue(second.stderr().contains("dev.buildbotls.cli.Cli source: shared objects file (top)"),
        "the server's classes come from the archive: " + second.stderr().lines().filter(l -> l.contains("buildbotls")).findFirst().orElse(""));
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
