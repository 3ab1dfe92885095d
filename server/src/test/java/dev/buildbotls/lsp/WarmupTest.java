package dev.buildbotls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.junit.jupiter.api.Test;

class WarmupTest {
  /**
   * The JIT compiles the per-item code of a worker list only past its thresholds: the warm-up must
   * reach them, with the endpoint's own message handler (the server's, as its launcher makes it).
   */
  @Test
  void completesAndWritesAWorkerListOfHundredsAsTheProtocolDoes() {
    AtomicReference<MessageJsonHandler> json = new AtomicReference<>();
    ServerLauncher.launcher(new BuildbotLanguageServer(), new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), json::set);
    JsonElement items = JsonParser.parseString(Warmup.work(json::get)).getAsJsonObject().getAsJsonObject("result").get("items");
    List<JsonElement> pool = StreamSupport.stream(items.getAsJsonArray().spliterator(), false)
        .filter(i -> i.getAsJsonObject().get("label").getAsString().startsWith("pool")).toList();
    assertEquals(1 + Warmup.POOL, pool.size(), "the pool and each of its members (the chart's default workers besides)");
    assertEquals(JsonParser.parseString("{\"label\":\"pool\",\"kind\":18,\"detail\":\"pool of 400 workers\"}"), pool.get(0));
    assertEquals(JsonParser.parseString("{\"label\":\"pool-399\",\"kind\":18,\"detail\":\"member of pool pool\"}"), pool.get(Warmup.POOL));
  }
}
