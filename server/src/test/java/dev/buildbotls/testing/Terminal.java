package dev.buildbotls.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A program in a real terminal (tmux), typed at as a user types: for editors whose completion only
 * runs in Insert mode, driven by keystrokes.
 */
public final class Terminal implements AutoCloseable {
  private final String session;

  /** Starts {@code command} in a new 120x30 terminal in {@code dir}, with {@code env} added. */
  public Terminal(Path dir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
    if (!java.nio.file.Files.isExecutable(Path.of("/usr/bin/tmux"))) {
      fail("tmux is not installed: `apt-get install -y tmux` (the README's test command does it)");
    }
    session = "buildbot-ls-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    List<String> tmux = new ArrayList<>(List.of("tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "30", "-c", dir.toString()));
    env.forEach((k, v) -> tmux.addAll(List.of("-e", k + "=" + v)));
    tmux.addAll(command);
    run(tmux);
  }

  /** Keys as tmux names them ({@code C-x}, {@code Escape}, {@code Enter}) or literal text. */
  public void keys(String... keys) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tmux", "send-keys", "-t", session));
    command.addAll(List.of(keys));
    run(command);
  }

  /** Literal text, typed. */
  public void type(String text) throws IOException, InterruptedException {
    run(List.of("tmux", "send-keys", "-t", session, "-l", text));
  }

  /** What the terminal shows now. */
  public String screen() throws IOException, InterruptedException {
    return run(List.of("tmux", "capture-pane", "-p", "-t", session));
  }

  /** Waits up to {@code seconds} for the screen to match; fails with the screen otherwise. */
  public String await(String what, int seconds, Predicate<String> matching) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    String shown = screen();
    while (!matching.test(shown)) {
      if (System.nanoTime() > deadline) {
        fail("the terminal never showed " + what + ":\n" + shown);
      }
      Thread.sleep(100);
      shown = screen();
    }
    return shown;
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      fail(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor();
  }
}
