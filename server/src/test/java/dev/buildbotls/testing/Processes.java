package dev.buildbotls.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Running commands and waiting, bounded, for the integration tests. */
public final class Processes {
  private Processes() {}

  /** Runs a command to its end (at most 3 minutes); fails with its output when it exits non-zero. */
  public static String run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
    Buildbot.Result r = Buildbot.run(dir, env, command);
    if (r.exit() != 0) {
      fail(String.join(" ", command) + " exited " + r.exit() + ":\n" + r.output());
    }
    return r.output();
  }

  /** Starts a long-running process whose output goes to a log file. */
  public static Process start(Path dir, Map<String, String> env, Path log, List<String> command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  public static void stop(Process process) throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** Waits until the condition holds; fails after the timeout with the description and a log. */
  public static void await(String what, int seconds, Path log, BooleanSupplier condition) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(500);
    }
    fail("timed out after " + seconds + " s waiting for " + what + (log != null && Files.exists(log) ? ":\n" + tail(log) : ""));
  }

  public static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  public static boolean contains(Path file, String text) {
    try {
      return Files.exists(file) && Files.readString(file).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
