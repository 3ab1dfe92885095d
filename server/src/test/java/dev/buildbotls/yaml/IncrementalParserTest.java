package dev.buildbotls.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.buildbotls.testing.Repo;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The incremental parser gives exactly what a whole-text parse gives, and reuses what did not change. */
class IncrementalParserTest {
  private final IncrementalParser parser = new IncrementalParser();

  @Test
  void aKeystrokeReparsesOnlyItsWorkerAndKeepsTheOthers() {
    String farm = farm(60);
    YMap before = workers(same(farm));
    String edited = farm.replace("  w-7:\n    maxBuilds: 2", "  w-7:\n    maxBuilds: 3");
    YMap after = workers(same(edited));
    assertSame(before.entries().get(6).value(), after.entries().get(6).value());
    assertNotSame(before.entries().get(7).value(), after.entries().get(7).value());
    assertSame(before.entries().get(8).value(), after.entries().get(8).value());
  }

  @Test
  void linesAddedAboveMoveTheKeptWorkersDown() {
    String farm = farm(60);
    YMap before = workers(same(farm));
    YMap moved = workers(same(farm.replace("  w-3:\n", "  w-3:\n    # a comment\n\n")));
    assertEquals(23, before.entries().get(5).key().range().getStart().getLine());
    assertEquals(25, moved.entries().get(5).key().range().getStart().getLine());
  }

  @Test
  void editsThatBreakOrLeaveTheSplittableShapeStillParseLikeTheWholeText() throws Exception {
    String farm = farm(60);
    List<String> versions = List.of(
        farm,
        farm.replace("  w-5:\n", "  w-5:\n    image: {repository: \"x\n"),               // a syntax error in one worker
        farm,
        farm.replace("  w-5:\n", "  w-5: &base\n"),                                      // an anchor
        farm.replace("  w-9:\n", "  w-9:\n  - listed\n"),                                // an item at the keys' column
        farm.replace("builders:\n", "builders: |\n"),                                    // a header with a value
        farm.replace("workers:\n", "---\nworkers:\n"),                                   // a document marker
        farm.replace("\n", "\r\n"),                                                      // CRLF
        "# only a comment\n",
        "",
        "  indented: 1\nworkers:\n  a: 1\n",
        "? complex\n: key\n" + farm,
        farm + "trailing: [unclosed\n",
        Files.readString(Repo.chart().resolve("values.yaml")),
        Files.readString(Repo.chart().resolve("examples/large-farm.yaml")));
    for (String text : versions) {
      same(text);
    }
  }

  @Test
  void randomEditsAlwaysParseLikeTheWholeText() {
    Random random = new Random(7);
    String text = farm(50);
    for (int i = 0; i < 400; i++) {
      int at = random.nextInt(text.length() + 1);
      String[] inserts = {"\n", "  ", ":", " ", "x", "\n  w-new:\n    replicas: 1\n", "#", "\"", "[", "- "};
      text = random.nextBoolean() && text.length() > 1
          ? text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(3)))
          : text.substring(0, at) + inserts[random.nextInt(inserts.length)] + text.substring(at);
      same(text);
    }
  }

  /** Parses incrementally, checks the result against a whole-text parse, returns the root. */
  private YMap same(String text) {
    YamlFile whole = YamlParser.parse(text);
    YamlFile incremental = parser.parse(text);
    assertEquals(whole.documents(), incremental.documents(), text);
    assertEquals(whole.syntaxError(), incremental.syntaxError(), text);
    return incremental.documents().isEmpty() || !(incremental.documents().get(0).root() instanceof YMap m) ? null : m;
  }

  private static YMap workers(YMap root) {
    return (YMap) root.entry("workers").orElseThrow().value();
  }

  /** A values file with {@code n} workers of four lines (the first at line 3) and two builders. */
  static String farm(int n) {
    StringBuilder b = new StringBuilder("master:\n  replicas: 2\nworkers:\n");
    for (int i = 0; i < n; i++) {
      b.append("  w-").append(i).append(":\n    maxBuilds: 2\n    nodeSelector: {arch: amd64}  # pinned\n    properties: {}\n");
    }
    b.append("builders:\n  b-0:\n    workers: [w-0, w-1]\n  b-1:\n    workers: [w-2]\n");
    return b.toString();
  }
}
