package dev.buildbotls.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Debian's buildbot, run for real on a generated master.cfg. */
public final class Buildbot {
  private Buildbot() {}

  /** The result of a command: exit code and output (stdout and stderr together). */
  public record Result(int exit, String output) {}

  public static void requireInstalled() {
    if (!Files.isExecutable(Path.of("/usr/bin/buildbot"))) {
      fail("Debian's buildbot is not installed: run `apt-get install -y --no-install-recommends buildbot "
          + "python3-psycopg2 python3-pymysql` (the README's test command does it)");
    }
  }

  /** Runs `buildbot checkconfig` on a master.cfg in a fresh base directory. */
  public static Result checkconfig(String masterCfg, Map<String, String> env) throws IOException, InterruptedException {
    requireInstalled();
    Path basedir = Files.createTempDirectory("buildbot-checkconfig");
    Files.writeString(basedir.resolve("master.cfg"), masterCfg, StandardCharsets.UTF_8);
    return run(basedir, env, "buildbot", "checkconfig", "master.cfg");
  }

  public static Result run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish in 120 s");
    }
    return new Result(p.exitValue(), output);
  }
}
