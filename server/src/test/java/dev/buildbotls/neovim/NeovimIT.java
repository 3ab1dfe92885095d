package dev.buildbotls.neovim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.buildbotls.schema.ValuesSchema;
import dev.buildbotls.testing.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.buildbotls.testing.Terminal;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Neovim as a real LSP client, set up by the README's own snippet: headless for the
 * features, in a terminal (tmux) for completion as a user types it, in Debian bookworm's Neovim 0.7
 * (the machine's) and Debian trixie's 0.10. Adaptation: trixie's Neovim runs in the trixie root
 * {@code scripts/neovim-root.sh} makes, chrooted in a private mount namespace where this machine's
 * JDK, the built launcher and jar, and the test directory are bind-mounted at their own paths.
 */
class NeovimIT {
  private static final Path TRIXIE = Path.of(System.getenv().getOrDefault("BUILDBOT_LS_ROOTS", "/var/cache/buildbot-ls/roots"), "trixie-neovim");
  private static final String TYPED = "mq:\n  tpye: wamp\nmaster:\n  replicas: 2\n";

  /** The Lua block after the README's {@code <!-- neovim-setup -->} marker, as users copy it. */
  static String readmeSnippet() throws Exception {
    String readme = Files.readString(Repo.root().resolve("README.md"));
    Matcher m = Pattern.compile("<!-- neovim-setup -->\\s*```lua\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(m.find(), "README.md has no Lua block after <!-- neovim-setup -->");
    return m.group(1);
  }

  /** Runs a harness script in headless Neovim with the README's snippet; returns the JSON it wrote. */
  static JsonNode runNeovim(Path dir, String harness, String values, int expectedDiagnostics) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/nvim"))) {
      fail("Debian's neovim is not installed: `apt-get install -y neovim` (the README's test command does it)");
    }
    Path snippet = Files.writeString(dir.resolve("buildbot-ls.lua"), readmeSnippet());
    Path valuesFile = Files.writeString(dir.resolve("values-prod.yaml"), values);
    Path result = dir.resolve("result.json");
    Path script = dir.resolve(harness);
    Files.copy(Repo.root().resolve("server/src/test/resources/neovim/" + harness), script);
    Path log = dir.resolve("nvim.log");
    ProcessBuilder pb = new ProcessBuilder("nvim", "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile " + script)
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("BUILDBOT_LS", Repo.jar().resolveSibling("buildbot-ls").toString());
    pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    pb.environment().put("SNIPPET", snippet.toString());
    pb.environment().put("VALUES_FILE", valuesFile.toString());
    pb.environment().put("RESULT_FILE", result.toString());
    pb.environment().put("EXPECTED_COUNT", Integer.toString(expectedDiagnostics));
    Path legacy = dir.resolve("values-old.yaml");
    Files.copy(Repo.root().resolve("server/src/test/resources/seed/original-chart-values.yaml"), legacy);
    pb.environment().put("LEGACY_FILE", legacy.toString());
    Process nvim = pb.start();
    if (!nvim.waitFor(90, TimeUnit.SECONDS)) {
      nvim.destroyForcibly();
      fail("nvim did not finish in 90 s: " + Files.readString(log));
    }
    assertTrue(Files.exists(result), "nvim wrote no result: " + Files.readString(log));
    return new ObjectMapper().readTree(Files.readString(result));
  }

  @Test
  void neovimReceivesTheDiagnosticsOfABrokenValuesFile(@TempDir Path dir) throws Exception {
    JsonNode diagnostics = runNeovim(dir, "harness.lua", "master:\n  replcas: 3\nmq:\n  type: simple\n", 2);
    List<String> got = new ArrayList<>();
    for (JsonNode d : diagnostics) {
      got.add(d.get("code").asText() + " " + d.get("lnum") + ":" + d.get("col") + "-" + d.get("end_lnum") + ":" + d.get("end_col")
          + " severity " + d.get("severity") + " " + d.get("source").asText());
    }
    assertEquals(List.of(
        "schema/additionalProperties 1:2-1:9 severity 1 buildbot-ls",
        "multimaster-mq 3:8-3:14 severity 1 buildbot-ls"), got);
  }

  @Test
  void neovimCompletesHoversAndRenames(@TempDir Path dir) throws Exception {
    String values = "master:\n  \nworkers:\n  big: {replicas: 2}\nbuilders:\n  b:\n    workers: [big, ]\n";
    JsonNode r = runNeovim(dir, "features.lua", values, 0);
    List<String> master = new ArrayList<>();
    r.get("completion_master").forEach(l -> master.add(l.asText()));
    assertEquals(ValuesSchema.propertyNames(ValuesSchema.get().at(List.of("master")).orElseThrow()), master);
    List<String> workers = new ArrayList<>();
    r.get("completion_workers").forEach(l -> workers.add(l.asText()));
    assertEquals(List.of("linux-amd64", "linux-amd64-0", "linux-amd64-1", "debian-arm64", "docs"), workers);
    assertTrue(r.get("hover").asText().startsWith("**master**: object"), r.get("hover").asText());
    assertEquals(values.replace("big", "huge").stripTrailing(), r.get("after_rename").asText());
  }

  @Test
  void neovimAppliesAQuickFixRendersAndMigrates(@TempDir Path dir) throws Exception {
    JsonNode r = runNeovim(dir, "actions.lua", "master:\n  replcas: 3\n", 1);
    assertEquals("master:\n  replicas: 3", r.get("fixed").asText());
    assertTrue(r.get("rendered").asText().contains("name: buildbot-master\n"), r.get("rendered").asText());
    assertTrue(r.get("rendered").asText().contains("replicas: 3"), "the fixed, unsaved text is rendered");
    assertTrue(r.get("migrated").asText().startsWith("# Migrated from the original multi-master chart's flat layout"), r.get("migrated").asText());
    assertTrue(r.get("migrated").asText().contains("\nworkers:\n  root-worker:\n"));
  }

  /** The README's install (the launcher on the PATH) and its snippet as the whole init file; the terminal command. */
  private static List<String> neovimInTerminal(Path dir, boolean trixie) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("buildbot-ls"), Repo.jar().resolveSibling("buildbot-ls"));
    Files.writeString(dir.resolve("init.lua"), readmeSnippet());
    Files.writeString(dir.resolve("values.yaml"), TYPED);
    String env = "PATH=" + bin + ":/usr/bin:/bin XDG_CACHE_HOME=" + dir.resolve("cache") + " HOME=" + dir + " TERM=xterm-256color";
    String nvim = "cd " + dir + " && exec env " + env + " nvim -u init.lua -i NONE -n values.yaml";
    if (!trixie) {
      return List.of("sh", "-c", nvim);
    }
    if (!Files.isExecutable(TRIXIE.resolve("usr/bin/nvim"))) {
      fail("no trixie root with Neovim at " + TRIXIE + ": scripts/neovim-root.sh (the README's test command runs it)");
    }
    StringBuilder mounts = new StringBuilder();
    List<Path> shared = new ArrayList<>(List.of(Path.of(System.getProperty("java.home")).getParent(), Path.of("/proc"), Path.of("/dev"),
        Repo.jar().getParent(), dir));
    try (var etc = Files.list(Path.of("/etc"))) { // Debian's JDKs link their configuration there
      etc.filter(p -> p.getFileName().toString().startsWith("java-")).forEach(shared::add);
    }
    for (Path p : shared) {
      mounts.append("mkdir -p '").append(TRIXIE).append(p).append("' && mount --rbind '").append(p).append("' '").append(TRIXIE).append(p).append("' && ");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String inRoot = mounts + "exec chroot " + TRIXIE + " sh -c \"BUILDBOT_LS_JAVA=" + java + " && export BUILDBOT_LS_JAVA && " + nvim + "\"";
    return List.of("unshare", "-m", "sh", "-c", inRoot);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"bookworm", "trixie"})
  void completionWorksAsTheUserTypesWithNoFurtherSetUp(String debian, @TempDir Path dir) throws Exception {
    try (Terminal t = new Terminal(dir, Map.of(), neovimInTerminal(dir, debian.equals("trixie")))) {
      t.await("the server's diagnostic (the client is up)", 60, s -> s.contains("unknown key"));
      t.keys("3", "G", "o");
      t.type("ima");
      t.keys("C-x", "C-o");
      t.await("the completed key", 20, s -> s.contains("  image:"));
      t.keys("Escape", "G", "o");
      t.type("ti");
      t.keys("C-x", "C-o");
      Thread.sleep(3000); // the answer, or none, arrives
      t.keys("Escape", ":w", "Enter");
      t.await("the written file", 20, s -> s.contains("written"));
    }
    String written = Files.readString(dir.resolve("values.yaml"));
    // Vim's YAML indentation in 0.7 puts the cursor 4 deep after `replicas: 2`: no key is valid
    // there, so none is offered; trixie's indents 2, where `title` completes.
    String last = debian.equals("trixie") ? "  title: My CI\n" : "    ti\n";
    assertEquals("mq:\n  tpye: wamp\nmaster:\n  image:\n  replicas: 2\n" + last, written);
  }
}
