package dev.buildbotls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The server starts in three places, each with the same compiler settings (README "Performance"): the
 * launcher, the VS Code extension and the benchmark (which measures the extension's command).
 */
class LaunchFlagsTest {
  private static final Pattern FLAG = Pattern.compile("-XX:[+-]?[A-Za-z0-9]+(?:=[0-9]+)?");

  @Test
  void theLauncherTheExtensionAndTheBenchmarkSetTheSameCompilerFlags() throws IOException {
    List<String> launcher = Files.readAllLines(Repo.root().resolve("scripts/buildbot-ls")).stream().filter(l -> l.contains("jit=")).toList();
    assertEquals(2, launcher.size(), "the launcher's jit= lines: every Java's, then Java 25's");
    List<String> everyJava = flags(launcher.get(0));
    List<String> java25 = flags(launcher.get(1));
    assertEquals(4, everyJava.size(), launcher.get(0));
    assertEquals(List.of("-XX:+IgnoreUnrecognizedVMOptions", "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining"), java25);

    String extension = Files.readString(Repo.root().resolve("vscode-client/src/launch.ts"));
    assertEquals(everyJava, flags(line(extension, "const JIT = ")));
    assertEquals(java25, flags(line(extension, "const JIT_AOT = ")));

    String benchmark = Files.readString(Repo.root().resolve("bench/src/main/java/dev/buildbotls/bench/Benchmark.java"));
    for (String flag : everyJava) {
      assertTrue(benchmark.contains('"' + flag + '"'), "the benchmark's server command lacks " + flag);
    }
  }

  private static String line(String text, String start) {
    return text.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError("no line " + start));
  }

  private static List<String> flags(String line) {
    List<String> found = new ArrayList<>();
    Matcher m = FLAG.matcher(line);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }
}
