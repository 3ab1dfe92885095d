package dev.buildbotls.neovim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.buildbotls.testing.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's Neovim, headless, as a real LSP client, set up by the README's own snippet. */
class NeovimIT {

  /** The Lua block after the README's {@code <!-- neovim-setup -->} marker, as users copy it. */
  static String readmeSnippet() throws Exception {
    String readme = Files.readString(Repo.root().resolve("README.md"));
    Matcher m = Pattern.compile("<!-- neovim-setup -->\\s*```lua\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(m.find(), "README.md has no Lua block after <!-- neovim-setup -->");
    return m.group(1);
  }

  @Test
  void neovimReceivesTheDiagnosticsOfABrokenValuesFile(@TempDir Path dir) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/nvim"))) {
      fail("Debian's neovim is not installed: `apt-get install -y neovim` (the README's test command does it)");
    }
    Path snippet = Files.writeString(dir.resolve("buildbot-ls.lua"), readmeSnippet());
    Path values = Files.writeString(dir.resolve("values-prod.yaml"), "master:\n  replcas: 3\nmq:\n  type: simple\n");
    Path result = dir.resolve("diagnostics.json");
    Path harness = dir.resolve("harness.lua");
    Files.copy(Repo.root().resolve("server/src/test/resources/neovim/harness.lua"), harness);
    ProcessBuilder pb = new ProcessBuilder("nvim", "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile " + harness)
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("nvim.log").toFile());
    pb.environment().put("BUILDBOT_LS_JAR", Repo.jar().toString());
    pb.environment().put("SNIPPET", snippet.toString());
    pb.environment().put("VALUES_FILE", values.toString());
    pb.environment().put("RESULT_FILE", result.toString());
    pb.environment().put("EXPECTED_COUNT", "2");
    Process nvim = pb.start();
    if (!nvim.waitFor(60, TimeUnit.SECONDS)) {
      nvim.destroyForcibly();
      fail("nvim did not finish in 60 s: " + Files.readString(dir.resolve("nvim.log")));
    }
    assertTrue(Files.exists(result), "nvim wrote no result: " + Files.readString(dir.resolve("nvim.log")));
    List<String> got = new ArrayList<>();
    for (JsonNode d : new ObjectMapper().readTree(Files.readString(result))) {
      got.add(d.get("code").asText() + " " + d.get("lnum") + ":" + d.get("col") + "-" + d.get("end_lnum") + ":" + d.get("end_col")
          + " severity " + d.get("severity") + " " + d.get("source").asText());
    }
    assertEquals(List.of(
        "schema/additionalProperties 1:2-1:9 severity 1 buildbot-ls",
        "multimaster-mq 3:8-3:14 severity 1 buildbot-ls"), got);
  }
}
