package dev.buildbotls.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged jar run as users run it: `java -jar buildbot-ls.jar ARGS`. */
public final class JarProcess {
  private JarProcess() {}

  public record Result(int exit, String stdout, String stderr) {}

  public static Result run(Path dir, String... args) throws IOException, InterruptedException {
    return run(dir, java.util.Map.of(), args);
  }

  /** Runs the jar with these environment variables added. */
  public static Result run(Path dir, java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
    return run(dir, env, "", args);
  }

  /** Runs the jar with this text on its standard input. */
  public static Result runWithInput(Path dir, String stdin, String... args) throws IOException, InterruptedException {
    return run(dir, java.util.Map.of(), stdin, args);
  }

  private static Result run(Path dir, java.util.Map<String, String> env, String stdin, String... args) throws IOException, InterruptedException {
    if (!Files.isRegularFile(Repo.jar())) {
      fail("the jar is not built: " + Repo.jar() + " (mvn package)");
    }
    List<String> command = new ArrayList<>(List.of("java", "-jar", Repo.jar().toString()));
    command.addAll(List.of(args));
    return exec(dir, env, false, stdin, command);
  }

  /**
   * Runs a command (the launcher, say) to its end, within 60 s.
   *
   * @param onlyEnv true: {@code env} is the whole environment, nothing inherited
   */
  public static Result exec(Path dir, java.util.Map<String, String> env, boolean onlyEnv, String stdin, List<String> command)
      throws IOException, InterruptedException {
    Path err = Files.createTempFile("buildbot-ls-stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile());
    if (onlyEnv) {
      builder.environment().clear();
    }
    builder.environment().putAll(env);
    Process p = builder.start();
    try (var in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish in 60 s");
    }
    return new Result(p.exitValue(), out, Files.readString(err));
  }
}
