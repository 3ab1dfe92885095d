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
          + "python3-psycopg2` (the README's test command does it)");
    }
  }

  /** Runs `buildbot checkconfig` on the master ConfigMap's files (master.cfg and what it imports) in a fresh directory. */
  public static Result checkconfig(Map<String, String> configMap, Map<String, String> env) throws IOException, InterruptedException {
    requireInstalled();
    Path basedir = Files.createTempDirectory("buildbot-checkconfig");
    for (Map.Entry<String, String> file : configMap.entrySet()) {
      Files.writeString(basedir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
    }
    return run(basedir, env, "buildbot", "checkconfig", "master.cfg");
  }

  /** Runs a command to its end, at most 120 s; on time-out the command and its children are killed. */
  public static Result run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
    Path output = Files.createTempFile("buildbot-ls-command", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        fail(String.join(" ", command) + " did not finish in 120 s:\n" + Files.readString(output));
      }
      return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
