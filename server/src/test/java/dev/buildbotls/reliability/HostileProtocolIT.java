package dev.buildbotls.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.buildbotls.testing.Diagnose;
import dev.buildbotls.testing.RawLsp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The packaged server under a hostile client, over its real stdin/stdout. Property: every valid
 * request afterwards is answered, and after any edit sequence the diagnostics equal a fresh
 * analysis of the final text.
 */
class HostileProtocolIT {
  private static final String URI = "file:///farm/values.yaml";

  private static Map<String, Object> doc(String uri) {
    return Map.of("uri", uri);
  }

  private static Map<String, Object> at(String uri, int line, int character) {
    return Map.of("textDocument", doc(uri), "position", Map.of("line", line, "character", character));
  }

  private static RawLsp initialized(long parentPid) throws Exception {
    RawLsp lsp = new RawLsp();
    JsonObject init = lsp.call("initialize", Map.of("processId", parentPid, "capabilities", Map.of()));
    assertEquals("buildbot-ls", init.getAsJsonObject("result").getAsJsonObject("serverInfo").get("name").getAsString());
    lsp.notify("initialized", Map.of());
    return lsp;
  }

  /** A request that must be answered with a result: the server is alive and in sync. */
  private static void alive(RawLsp lsp) throws Exception {
    JsonObject r = lsp.call("textDocument/completion", at("file:///never-opened/values.yaml", 0, 0));
    assertTrue(r.has("result"), r.toString());
  }

  private static List<String> describe(JsonElement diagnostics) {
    List<String> out = new ArrayList<>();
    diagnostics.getAsJsonArray().forEach(d -> {
      JsonObject o = d.getAsJsonObject();
      JsonObject r = o.getAsJsonObject("range");
      out.add(o.get("code").getAsString() + " " + r.getAsJsonObject("start").get("line") + ":" + r.getAsJsonObject("start").get("character")
          + "-" + r.getAsJsonObject("end").get("line") + ":" + r.getAsJsonObject("end").get("character"));
    });
    return out;
  }

  @Test
  void garbageWrongLengthsUnknownMethodsAndStaleRequestsLeaveTheServerAnswering() throws Exception {
    try (RawLsp lsp = initialized(ProcessHandle.current().pid())) {
      // Garbage bytes, then a frame whose Content-Length is too short, then one too long for its line.
      lsp.writeRaw("this is not a header\r\n\r\n".getBytes(StandardCharsets.UTF_8));
      byte[] binary = new byte[512];
      new Random(7).nextBytes(binary);
      lsp.writeRaw(binary);
      lsp.writeRaw("\r\n\r\nContent-Length: 5\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}\r\n\r\n".getBytes(StandardCharsets.UTF_8));
      lsp.writeRaw("Content-Length: abc\r\n\r\n".getBytes(StandardCharsets.UTF_8));
      lsp.writeRaw("Content-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.UTF_8));
      alive(lsp);

      // Unknown methods: an error for a request, silence for a notification.
      JsonObject unknown = lsp.call("buildbot/frobnicate", Map.of());
      assertEquals(-32601, unknown.getAsJsonObject("error").get("code").getAsInt());
      lsp.notify("buildbot/somethingElse", Map.of());

      // Requests for documents never opened, positions past the end.
      String never = "file:///never/values.yaml";
      for (String method : List.of("textDocument/hover", "textDocument/definition", "textDocument/references", "textDocument/completion")) {
        Map<String, Object> params = new java.util.HashMap<>(at(never, 99, 99));
        params.put("context", Map.of("includeDeclaration", true));
        assertTrue(lsp.call(method, params).has("result"), method);
      }
      assertTrue(lsp.call("textDocument/documentSymbol", Map.of("textDocument", doc(never))).has("result"));
      lsp.notify("textDocument/didChange", Map.of("textDocument", Map.of("uri", never, "version", 3),
          "contentChanges", List.of(Map.of("text", "x"))));
      lsp.notify("textDocument/didOpen", Map.of("textDocument", Map.of("uri", URI, "languageId", "yaml", "version", 1, "text", "master:\n  replicas: 1\n")));
      assertTrue(lsp.call("textDocument/completion", at(URI, 500, 500)).has("result"));
      assertTrue(lsp.call("textDocument/hover", at(URI, 1, 400)).has("result"));
      alive(lsp);
    }
  }

  @Test
  void editsOutOfOrderStaleVersionsCancelStormsAndAThousandEditsEndInAFreshAnalysis() throws Exception {
    try (RawLsp lsp = initialized(ProcessHandle.current().pid())) {
      lsp.notify("textDocument/didOpen", Map.of("textDocument", Map.of("uri", URI, "languageId", "yaml", "version", 1, "text", "master:\n  title: x\n")));
      lsp.diagnostics(URI, 1);
      // Version 3 arrives before version 2: version 2 is stale and must not win.
      lsp.notify("textDocument/didChange", Map.of("textDocument", Map.of("uri", URI, "version", 3),
          "contentChanges", List.of(Map.of("text", "master:\n  replcas: 3\n"))));
      lsp.notify("textDocument/didChange", Map.of("textDocument", Map.of("uri", URI, "version", 2),
          "contentChanges", List.of(Map.of("text", "mq:\n  type: nope\n"))));
      assertEquals(List.of("schema/additionalProperties 1:2-1:9"), describe(lsp.diagnostics(URI, 3)));

      // A thousand rapid incremental edits, requests in flight, and a storm of cancellations.
      StringBuilder text = new StringBuilder("master:\n  replcas: 3\n");
      List<Integer> inFlight = new ArrayList<>();
      Random random = new Random(11);
      for (int v = 4; v < 1004; v++) {
        String insert = random.nextBoolean() ? "a" : "\n  ";
        int line = 1;
        lsp.notify("textDocument/didChange", Map.of("textDocument", Map.of("uri", URI, "version", v), "contentChanges", List.of(Map.of(
            "range", Map.of("start", Map.of("line", line, "character", 2), "end", Map.of("line", line, "character", 2)), "text", insert))));
        text.insert(8 + 2, insert);
        if (v % 10 == 0) {
          inFlight.add(lsp.request("textDocument/completion", at(URI, 1, 2)));
        }
        lsp.notify("$/cancelRequest", Map.of("id", random.nextInt(2000)));
      }
      for (int id : inFlight) {
        lsp.notify("$/cancelRequest", Map.of("id", id));
      }
      for (int id : inFlight) {
        JsonObject r = lsp.response(id); // answered: a result, or the cancellation error
        assertTrue(r.has("result") || r.getAsJsonObject("error").get("code").getAsInt() == -32800, r.toString());
      }
      // A planted password in another document never reaches the server's log.
      String secretUri = "file:///farm/values-secret.yaml";
      lsp.notify("textDocument/didOpen", Map.of("textDocument", Map.of("uri", secretUri, "languageId", "yaml", "version", 1,
          "text", "database:\n  password: Pl4nted-Log-Secret\n  port: Pl4nted-Log-Secret\n[broken")));
      lsp.diagnostics(secretUri, 1);
      lsp.call("workspace/executeCommand", Map.of("command", "buildbot.renderChart", "arguments", List.of(secretUri)));
      JsonElement last = lsp.diagnostics(URI, 1003);
      assertEquals(Diagnose.describe(Diagnose.run(text.toString(), null)), describe(last), "diagnostics equal a fresh analysis");
      alive(lsp);
      assertFalse(Files.readString(lsp.stderr).contains("Exception in thread"), Files.readString(lsp.stderr));
      assertFalse(Files.readString(lsp.stderr).contains("Pl4nted-Log-Secret"), Files.readString(lsp.stderr));
      // cancelling what is answered already is ordinary: no protocol warning in the client's log
      assertFalse(Files.readString(lsp.stderr).contains("Unmatched cancel"), Files.readString(lsp.stderr));
    }
  }

  @Test
  void exitCodesFollowTheSpecification() throws Exception {
    try (RawLsp lsp = initialized(ProcessHandle.current().pid())) {
      assertTrue(lsp.call("shutdown", Map.of()).has("result"));
      lsp.notify("exit", Map.of());
      assertEquals(0, lsp.waitForExit(20));
    }
    try (RawLsp lsp = initialized(ProcessHandle.current().pid())) {
      lsp.notify("exit", Map.of());
      assertEquals(1, lsp.waitForExit(20), "exit without shutdown");
    }
    try (RawLsp lsp = new RawLsp()) {
      lsp.process.getOutputStream().close(); // the client went away without a word
      assertEquals(1, lsp.waitForExit(20));
    }
  }

  @Test
  void theServerExitsWhenItsParentDies() throws Exception {
    Process parent = new ProcessBuilder("sleep", "2").start();
    try (RawLsp lsp = initialized(parent.pid())) {
      alive(lsp);
      parent.waitFor();
      assertEquals(1, lsp.waitForExit(20));
    }
  }

  @Test
  void atTheExtensionsHeapHostileDocumentsEachGetTheirAnswerAndOthersAreServed() throws Exception {
    StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [").append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
    }
    Map<String, String> documents = new java.util.LinkedHashMap<>();
    documents.put("file:///hostile/long/values.yaml", "master:\n  titel: \"" + "a".repeat(8_000_000) + "\"\n");
    documents.put("file:///hostile/bomb/values.yaml", bomb.toString());
    documents.put("file:///hostile/pool/values.yaml", "workers:\n  docs: {replicas: 2147483647}\n");
    documents.put("file:///", "workers:\n  one: {}\n");
    documents.put("file:///small/values.yaml", "master:\n  replcas: 2\n");
    String previews = Files.createTempDirectory("previews").toString();
    try (RawLsp lsp = new RawLsp(List.of("-Xmx1g", "-XX:+UseSerialGC", "-Dbuildbotls.renderDir=" + previews))) {
      lsp.call("initialize", Map.of("processId", ProcessHandle.current().pid(), "capabilities", Map.of()));
      lsp.notify("initialized", Map.of());
      for (Map.Entry<String, String> d : documents.entrySet()) {
        lsp.notify("textDocument/didOpen", Map.of("textDocument", Map.of("uri", d.getKey(), "languageId", "yaml", "version", 1, "text", d.getValue())));
      }
      assertEquals(List.of("schema/additionalProperties 1:2-1:9"), describe(lsp.diagnostics("file:///small/values.yaml", 1)));
      assertEquals(List.of("schema/additionalProperties 1:2-1:7"), describe(lsp.diagnostics("file:///hostile/long/values.yaml", 1)));
      assertEquals(List.of("yaml-syntax 6:4-6:53"), describe(lsp.diagnostics("file:///hostile/bomb/values.yaml", 1)));
      assertEquals(List.of("schema/maximum 1:19-1:29"), describe(lsp.diagnostics("file:///hostile/pool/values.yaml", 1)));
      JsonObject pool = lsp.call("workspace/executeCommand", Map.of("command", "buildbot.renderChart", "arguments", List.of("file:///hostile/pool/values.yaml")));
      assertTrue(pool.has("error") && pool.getAsJsonObject("error").get("message").getAsString().startsWith("Helm could not render the chart: "), pool.toString());
      assertFalse(pool.getAsJsonObject("error").has("data"), "no Java trace: " + pool);
      JsonObject untitled = lsp.call("workspace/executeCommand", Map.of("command", "buildbot.renderChart", "arguments", List.of("file:///")));
      assertTrue(untitled.getAsJsonObject("result").get("manifests").getAsString().contains("buildbot-worker-one"), untitled.toString().substring(0, 200));
      alive(lsp);
    }
  }
}
