package dev.buildbotls.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The packaged server as a process, driven byte by byte: frames are written by hand so a test can
 * also write garbage, wrong lengths and storms; what the server sends is parsed into JSON.
 */
public final class RawLsp implements AutoCloseable {
  public final Process process;
  public final Path stderr;
  private final OutputStream in;
  private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
  private final List<JsonObject> seen = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger(1000);
  private static final Gson GSON = new Gson();

  public RawLsp() throws IOException {
    this(List.of());
  }

  /** @param jvmOptions options before {@code -jar}, e.g. the VS Code extension's heap */
  public RawLsp(List<String> jvmOptions) throws IOException {
    stderr = Files.createTempFile("buildbot-ls-server", ".log");
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", Repo.jar().toString()));
    process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    in = process.getOutputStream();
    Thread reader = new Thread(() -> read(process.getInputStream()), "raw-lsp-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void read(InputStream out) {
    try {
      while (true) {
        int length = -1;
        String line;
        while (!(line = readLine(out)).isEmpty()) {
          if (line.startsWith("Content-Length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        byte[] body = out.readNBytes(length);
        if (body.length < length) {
          return;
        }
        received.add(JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject());
      }
    } catch (IOException | RuntimeException e) {
      // the server closed its output
    }
  }

  private static String readLine(InputStream s) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = s.read()) != -1 && c != '\n') {
      if (c != '\r') {
        b.write(c);
      }
    }
    if (c == -1 && b.size() == 0) {
      throw new IOException("end of stream");
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  public void writeRaw(byte[] bytes) throws IOException {
    in.write(bytes);
    in.flush();
  }

  public void send(Object message) throws IOException {
    byte[] body = GSON.toJson(message).getBytes(StandardCharsets.UTF_8);
    writeRaw(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    writeRaw(body);
  }

  public void notify(String method, Object params) throws IOException {
    send(java.util.Map.of("jsonrpc", "2.0", "method", method, "params", params));
  }

  public int request(String method, Object params) throws IOException {
    int id = ids.incrementAndGet();
    send(java.util.Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params));
    return id;
  }

  /** The response to a request, within 20 s. */
  public JsonObject response(int id) throws InterruptedException {
    return await("the response to request " + id, m -> m.has("id") && m.get("id").isJsonPrimitive()
        && m.get("id").getAsJsonPrimitive().isNumber() && m.get("id").getAsInt() == id && !m.has("method"));
  }

  /** Sends a request and returns its response. */
  public JsonObject call(String method, Object params) throws IOException, InterruptedException {
    return response(request(method, params));
  }

  public JsonObject await(String what, Predicate<JsonObject> matching) throws InterruptedException {
    synchronized (seen) {
      for (JsonObject m : seen) {
        if (matching.test(m)) {
          seen.remove(m);
          return m;
        }
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      JsonObject m = received.poll(100, TimeUnit.MILLISECONDS);
      if (m == null) {
        continue;
      }
      if (matching.test(m)) {
        return m;
      }
      synchronized (seen) {
        seen.add(m);
      }
    }
    return fail("no " + what + " within 20 s");
  }

  /** The last diagnostics published for a URI with this version. */
  public JsonElement diagnostics(String uri, int version) throws InterruptedException {
    return await("diagnostics of " + uri + " v" + version, m -> "textDocument/publishDiagnostics".equals(jsonString(m, "method"))
        && uri.equals(m.getAsJsonObject("params").get("uri").getAsString())
        && m.getAsJsonObject("params").has("version") && m.getAsJsonObject("params").get("version").getAsInt() == version)
        .getAsJsonObject("params").get("diagnostics");
  }

  private static String jsonString(JsonObject o, String key) {
    return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsString() : null;
  }

  public int waitForExit(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      fail("the server did not exit within " + seconds + " s");
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
