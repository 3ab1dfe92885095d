package dev.buildbotls.reliability;

import static dev.buildbotls.testing.Diagnose.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Diagnose;
import dev.buildbotls.yaml.YamlParser;
import java.time.Duration;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.junit.jupiter.api.Test;

/** Hostile documents: each answered with a clear diagnostic, none with an exception or a hang. */
class HostileDocumentsTest {

  private static List<Diagnostic> analyse(String text) {
    return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Diagnose.run(text, null));
  }

  private static void onlySyntaxError(String text, String messageStart) {
    List<Diagnostic> d = analyse(text);
    assertEquals(List.of("yaml-syntax"), d.stream().map(x -> x.getCode().getLeft()).toList(), Diagnose.messages(d).toString());
    assertTrue(d.get(0).getMessage().startsWith(messageStart), d.get(0).getMessage());
  }

  @Test
  void aYamlBombIsStoppedByTheAliasLimit() {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'z'; c++) {
      char p = (char) (c - 1);
      bomb.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *").append(p)
          .append(", *").append(p).append(", *").append(p).append(", *").append(p).append("]\n");
    }
    onlySyntaxError(bomb.toString(), "Number of aliases for non-scalar nodes exceeds the specified max=" + YamlParser.MAX_ALIASES);
  }

  @Test
  void aTenLineBombUnderTheAliasLimitIsStoppedByItsExpansion() {
    // Ten anchors, each list holding nine aliases of the previous one: 81 aliases, 9^9 values once expanded.
    StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [").append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1))))
          .append("]\n");
    }
    List<Diagnostic> d = analyse(bomb.toString());
    assertEquals(List.of("yaml-syntax"), d.stream().map(x -> x.getCode().getLeft()).toList());
    assertEquals("aliases expand to more than " + YamlParser.MAX_ALIAS_EXPANSION + " values (a YAML bomb; here, where an alias crosses the bound): Helm refuses such a document",
        d.get(0).getMessage());
    assertEquals(6, d.get(0).getRange().getStart().getLine(), "at the list holding the alias that crosses the bound");
  }

  @Test
  void aLongLineCostsWhatItsLengthCosts() {
    // The peer: the same number of characters spread over 40,000 short lines. Before the reader's
    // window held the whole text, the long line took ~30 times as long (a quadratic window copy).
    int length = 4_000_000;
    String manyLines = "master:\n  title: |\n" + ("    " + "a".repeat(96) + "\n").repeat(length / 100);
    String oneLine = "master:\n  title: \"" + "a".repeat(length) + "\"\n";
    YamlParser.parse(oneLine);
    YamlParser.parse(manyLines); // warm both paths first
    long peer = Long.MAX_VALUE;
    long line = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      YamlParser.parse(manyLines);
      long t1 = System.nanoTime();
      assertTrue(YamlParser.parse(oneLine).documents().size() == 1);
      long t2 = System.nanoTime();
      peer = Math.min(peer, t1 - t0);
      line = Math.min(line, t2 - t1);
    }
    assertTrue(line < 4 * peer, "one line " + line / 1_000_000 + " ms against many lines " + peer / 1_000_000 + " ms");
  }

  @Test
  void aGiantPoolIsASchemaErrorAndNeverExpanded() {
    List<Diagnostic> d = analyse("workers:\n  w: {replicas: 2147483647}\nbuilders:\n  b: {repository: r, command: [x], workers: [w-2147483646]}\n");
    assertEquals(List.of("inherited-default", "schema/maximum", "inherited-default", "unknown-worker"), d.stream().map(x -> x.getCode().getLeft()).toList(), Diagnose.messages(d).toString());
  }

  @Test
  void nestingThousandsDeep() {
    onlySyntaxError("master: " + "[".repeat(5000) + "]".repeat(5000) + "\n", "nesting too deep: more than 500 levels");
    StringBuilder block = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      block.append("  ".repeat(i)).append("k:\n");
    }
    onlySyntaxError(block.toString(), "nesting too deep: more than 500 levels");
  }

  @Test
  void aFiftyMegabyteFileIsTooLargeNotAnOutOfMemoryError() {
    String big = "master:\n  title: x\n" + "# padding padding padding padding padding padding padding padding\n".repeat(800_000);
    assertTrue(big.length() > 50_000_000);
    onlySyntaxError(big, "file too large: " + big.length() + " characters, the limit is " + YamlParser.MAX_CHARS);
  }

  @Test
  void nulCharacters() {
    onlySyntaxError("master:\n  title: \"a\u0000b\"\n", "special characters are not allowed");
  }

  @Test
  void aRecursiveAliasIsRefused() {
    onlySyntaxError("workers: &w\n  docs: *w\n", "recursive alias");
  }

  @Test
  void aScalarOrAListAtTheRoot() {
    expect("«just a string»\n", "schema/type#0");
    expect("«- a\n- b»\n", "schema/type#0");
  }

  @Test
  void duplicateKeysAtEveryLevel() {
    expect("«nameOverride»: a\n«nameOverride»: b\nmaster:\n  «title»: a\n  «title»: b\n  image:\n    «tag»: v4.1.0\n    «tag»: v4.2.0\n",
        "duplicate-key#0", "duplicate-key#1", "duplicate-key#2", "duplicate-key#3", "duplicate-key#4", "duplicate-key#5");
  }

  @Test
  void keysThatAreNotStrings() {
    // Helm refuses a collection key and a null one (the first is named); a number is a name to it
    expect("? «[a, b]»\n: c\n«1»: x\n«null»: y\nmaster:\n  «2»: z\n", "schema/additionalProperties#0", "yaml-syntax#0",
        "schema/additionalProperties#1", "schema/additionalProperties#2", "schema/additionalProperties#3");
  }

  @Test
  void anAnalysisPastItsBudgetEndsInADiagnosticNotSilence() {
    String text = "master:\n  replicas: 2\n---\nworkers:\n  a: {}\n";
    List<Diagnostic> d = dev.buildbotls.diagnostics.Analyzer.analyze("file:///v.yaml", null, text, () -> {}, Duration.ZERO).diagnostics();
    assertEquals(List.of("analysis-budget 0:0-0:0"), Diagnose.describe(d));
    assertEquals("analysis stopped after 0 ms, its time budget: this document and any later document went unchecked", d.get(0).getMessage());
  }
}
