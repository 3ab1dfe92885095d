package dev.buildbotls.chart;

import static dev.buildbotls.testing.Rendered.cast;
import static dev.buildbotls.testing.Rendered.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.buildbotls.testing.Rendered;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Pods roll when what they read changes, and only then, and their annotations reveal nothing: each
 * checksum is keyed with the release's random checksum key and covers exactly the passwords its pod
 * reads, as drawn once in the render (the same ones the Secrets hold).
 */
class ChecksumTest {
  /** Go's toJson as the templates use it: sorted maps, no spaces. */
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aWorkersChecksumCoversItsOwnPasswordKeyed() throws Exception {
    Rendered r = Rendered.render("ci", "workers:\n  docs: {password: guessable}\n");
    String key = encodedSecret(r, "ci-buildbot-checksum-key", "key");
    for (String worker : List.of("docs", "debian-arm64", "linux-amd64")) {
      String annotation = annotation(r, "ci-buildbot-worker-" + worker);
      Map<String, String> own = worker.equals("linux-amd64") // a pool: its members' passwords, from its own Secret
          ? data(r, "ci-buildbot-worker-linux-amd64")
          : Map.of(worker, encodedSecret(r, "ci-buildbot-workers", worker));
      assertEquals(sha256(key + "\n" + JSON.writeValueAsString(new TreeMap<>(own))), annotation,
          worker + ": its own passwords, as the Secret holds them, keyed");
    }
    assertEquals(Set.of("linux-amd64-0", "linux-amd64-1"), data(r, "ci-buildbot-worker-linux-amd64").keySet());
    String docs = annotation(r, "ci-buildbot-worker-docs");
    for (String guess : List.of("guessable", "Z3Vlc3NhYmxl", "\nZ3Vlc3NhYmxl", "guessable\n")) {
      assertFalse(docs.equals(sha256(guess)), "the annotation tests the guess " + guess);
    }
  }

  @Test
  void theMastersChecksumCoversTheWorkerAndDatabasePasswordsKeyed() throws Exception {
    Rendered r = Rendered.render("ci");
    Map<String, Object> passwords = new TreeMap<>(Map.of(
        "database", encodedSecret(r, "ci-buildbot-database", "password"),
        "workers", new TreeMap<>(Map.of("ci-buildbot-workers", new TreeMap<>(data(r, "ci-buildbot-workers")),
            "ci-buildbot-worker-linux-amd64", new TreeMap<>(data(r, "ci-buildbot-worker-linux-amd64"))))));
    assertEquals(Set.of("debian-arm64", "docs"), data(r, "ci-buildbot-workers").keySet());
    assertEquals(sha256(encodedSecret(r, "ci-buildbot-checksum-key", "key") + "\n" + JSON.writeValueAsString(passwords)),
        annotation(r, "ci-buildbot-master"));
  }

  @Test
  void podsWhosePasswordsTheChartDoesNotKnowCarryNoSecretChecksum() throws Exception {
    Rendered r = Rendered.render("ci", "database: {existingSecret: {name: db}}\n"
        + "workers:\n  linux-amd64: {existingSecret: {name: a}}\n  debian-arm64: {existingSecret: {name: b}}\n  docs: {existingSecret: {name: c}}\n");
    assertNull(path(r.get("StatefulSet", "ci-buildbot-master"), "spec", "template", "metadata", "annotations", "checksum/secrets"));
    assertNull(path(r.get("StatefulSet", "ci-buildbot-worker-docs"), "spec", "template", "metadata", "annotations", "checksum/secrets"));
    assertFalse(r.has("Secret", "ci-buildbot-checksum-key"), "no key to keep when nothing is hashed");
  }

  private static String annotation(Rendered r, String statefulSet) {
    return (String) path(r.get("StatefulSet", statefulSet), "spec", "template", "metadata", "annotations", "checksum/secrets");
  }

  /** A Secret's data as the template sees it: base64 values by key. */
  private static Map<String, String> data(Rendered r, String name) {
    return cast(path(r.get("Secret", name), "data"));
  }

  /** A Secret's value as the template sees it: base64. */
  private static String encodedSecret(Rendered r, String name, String key) {
    Map<String, Object> data = cast(path(r.get("Secret", name), "data"));
    return (String) data.get(key);
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
