package dev.buildbotls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.RawLsp;
import dev.buildbotls.testing.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An editor's first session with the packaged server (initialize, the chart's values opened from
 * their own folder, diagnostics, the warm-up, exit) never initialises what made every start slower
 * (README "Performance"): Jackson's ObjectMapper, whose first use sets up the JDK's calendar and
 * locale data (30 ms of CPU), jackson-core's parser with BigDecimal's tables (10 ms on Java 25), and
 * lsp4j's reflective endpoints (GenericEndpoint, EndpointProxy). A change that brings one back fails here.
 */
class StartPathIT {
  private static final List<String> SLOW = List.of("com/fasterxml/jackson/databind/ObjectMapper", "com/fasterxml/jackson/databind/util/StdDateFormat",
      "java/util/Calendar", "java/math/BigDecimal", "com/fasterxml/jackson/core/base/ParserMinimalBase",
      "org/eclipse/lsp4j/jsonrpc/services/GenericEndpoint", "org/eclipse/lsp4j/jsonrpc/services/EndpointProxy");

  @Test
  void anEditorsFirstSessionInitialisesNoneOfTheSlowStarters(@TempDir Path folder) throws Exception {
    Path log = folder.resolve("class-init.log");
    Path values = Files.writeString(folder.resolve("values.yaml"), Files.readString(Repo.root().resolve("chart/values.yaml")));
    String uri = values.toUri().toString();
    try (RawLsp lsp = new RawLsp(List.of("-Xlog:class+init=info:file=" + log))) {
      lsp.call("initialize", Map.of("processId", ProcessHandle.current().pid(), "rootUri", folder.toUri().toString(), "capabilities",
          Map.of("textDocument", Map.of("completion", Map.of("completionList", Map.of("itemDefaults", List.of("editRange")))))));
      lsp.notify("initialized", Map.of());
      lsp.notify("textDocument/didOpen", Map.of("textDocument", Map.of("uri", uri, "languageId", "yaml", "version", 1,
          "text", Files.readString(values))));
      lsp.diagnostics(uri, 1);
      lsp.call("textDocument/hover", Map.of("textDocument", Map.of("uri", uri), "position", Map.of("line", 10, "character", 2)));
      Thread.sleep(2000); // the warm-up's work after the first diagnostics
      lsp.call("shutdown", Map.of());
      lsp.notify("exit", Map.of());
      assertEquals(0, lsp.waitForExit(20));
    }
    String initialised = Files.readString(log);
    Matcher any = Pattern.compile("Initializing '([^']+)'").matcher(initialised);
    assertTrue(any.find(), "the JVM logged no class initialisation: " + log);
    for (String slow : SLOW) {
      assertFalse(initialised.contains("Initializing '" + slow + "'"), () -> slow + " was initialised: " + initialised.lines()
          .filter(line -> line.contains("Initializing '" + slow + "'")).findFirst().orElseThrow());
    }
  }
}
