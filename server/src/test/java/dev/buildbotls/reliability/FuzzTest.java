package dev.buildbotls.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.buildbotls.completion.CompletionService;
import dev.buildbotls.diagnostics.Analysis;
import dev.buildbotls.diagnostics.Analyzer;
import dev.buildbotls.testing.Repo;
import dev.buildbotls.diagnostics.IncrementalAnalyzer;
import dev.buildbotls.values.Workers;
import dev.buildbotls.yaml.LineIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation loop over the example values and the test corpus. Property: analysing (and
 * completing in) any text returns within a bound, throws nothing, and every diagnostic lies inside
 * the document; analysing each edited version incrementally gives what analysing it from scratch gives. Runs about 40 s in `mvn verify`; `-Dfuzz.seconds=600 -Dfuzz.seed=N` for longer runs.
 */
class FuzzTest {
  private static final String ALPHABET = " \t\n\r:-{}[],&*!|>'\"#?%@`\0\uFEFF😀abcxyz0123456789<=.~";
  private static final long BOUND_MILLIS = 5_000;
  private static final String URI = "file:///fuzz/values.yaml";

  @Test
  void anyTextIsAnalysedQuicklyWithoutExceptionsAndDiagnosticsInside() throws Exception {
    long seed = Long.getLong("fuzz.seed", 20261122L);
    long seconds = Long.getLong("fuzz.seconds", 40L);
    List<String> corpus = corpus();
    Random random = new Random(seed);
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    int runs = 0;
    while (System.nanoTime() < deadline) {
      String text = corpus.get(random.nextInt(corpus.size()));
      IncrementalAnalyzer incremental = new IncrementalAnalyzer(URI, null);
      sameAsFromScratch(incremental, 0, text, seed, runs);
      int mutations = 1 + random.nextInt(8);
      for (int m = 1; m <= mutations; m++) {
        text = mutate(text, random);
        sameAsFromScratch(incremental, m, text, seed, runs);
      }
      check(text, seed, runs);
      runs++;
    }
    assertTrue(runs > 100, "only " + runs + " runs");
    System.err.println("fuzz: " + runs + " texts, seed " + seed);
  }

  private static void check(String text, long seed, int run) {
    long start = System.nanoTime();
    try {
      Analysis analysis = Analyzer.analyze(URI, null, text, () -> {});
      LineIndex lines = new LineIndex(text);
      for (Diagnostic d : analysis.diagnostics()) {
        inside(lines, d.getRange().getStart(), d, text);
        inside(lines, d.getRange().getEnd(), d, text);
      }
      Position anywhere = lines.positionAt(text.isEmpty() ? 0 : new Random(run).nextInt(text.length()));
      CompletionService.complete(lines, analysis.contexts().isEmpty() ? Workers.NONE : analysis.contexts().get(0).workers(), anywhere, run % 2 == 0);
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError("seed " + seed + " run " + run + " threw on:\n" + text, e);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (millis > BOUND_MILLIS) {
      fail("seed " + seed + " run " + run + " took " + millis + " ms on:\n" + text);
    }
  }

  /** The editor analyses each version from the previous one: that must give the from-scratch parse and diagnostics, always. */
  private static void sameAsFromScratch(IncrementalAnalyzer incremental, int version, String text, long seed, int run) {
    Analysis scratch = Analyzer.analyze(URI, null, text, () -> {});
    Analysis reused = incremental.analyze(version, text, () -> {});
    if (!scratch.file().documents().equals(reused.file().documents())
        || !Objects.equals(scratch.file().syntaxError(), reused.file().syntaxError())
        || !scratch.diagnostics().equals(reused.diagnostics())) {
      fail("seed " + seed + " run " + run + ": the incremental analysis differs on:\n" + text);
    }
  }

  private static void inside(LineIndex lines, Position p, Diagnostic d, String text) {
    boolean ok = p.getLine() >= 0 && p.getLine() < lines.lineCount() && p.getCharacter() >= 0
        && p.getCharacter() <= lines.lineText(p.getLine()).length();
    if (!ok) {
      fail("diagnostic outside the document: " + d + "\nin:\n" + text);
    }
  }

  static String mutate(String text, Random random) {
    int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
    switch (random.nextInt(6)) {
      case 0: { // insert characters YAML cares about
        StringBuilder b = new StringBuilder();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
          b.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
        }
        return text.substring(0, at) + b + text.substring(at);
      }
      case 1: { // delete a span
        int end = Math.min(text.length(), at + random.nextInt(40));
        return text.substring(0, at) + text.substring(end);
      }
      case 2: { // duplicate a line
        String[] lines = text.split("\n", -1);
        int l = random.nextInt(lines.length);
        List<String> list = new ArrayList<>(List.of(lines));
        list.add(l, lines[l]);
        return String.join("\n", list);
      }
      case 3: { // re-indent a line
        String[] lines = text.split("\n", -1);
        int l = random.nextInt(lines.length);
        lines[l] = " ".repeat(random.nextInt(6)) + lines[l].stripLeading();
        return String.join("\n", lines);
      }
      case 4: // CRLF everywhere
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
      default: { // a piece of another place
        int from = text.isEmpty() ? 0 : random.nextInt(text.length());
        String piece = text.substring(from, Math.min(text.length(), from + random.nextInt(80)));
        return text.substring(0, at) + piece + text.substring(at);
      }
    }
  }

  private static String farm(int workers) {
    StringBuilder b = new StringBuilder("master:\n  replicas: 2\nworkers:\n");
    for (int i = 0; i < workers; i++) {
      b.append("  w-").append(i).append(":\n    maxBuilds: 2\n    properties: {os: linux}\n");
    }
    return b.append("builders:\n  b:\n    workers: [w-0, w-1]\n").toString();
  }

  private static List<String> corpus() throws Exception {
    List<String> corpus = new ArrayList<>();
    corpus.add(Files.readString(Repo.chart().resolve("values.yaml")));
    try (Stream<Path> examples = Files.list(Repo.chart().resolve("examples"))) {
      for (Path p : examples.toList()) {
        corpus.add(Files.readString(p));
      }
    }
    corpus.add(Files.readString(Repo.root().resolve("server/src/test/resources/seed/original-chart-values.yaml")));
    corpus.add("workers: {a: {password: p, replicas: 2}, a-1: {password: p}}\nbuilders:\n  b: {repository: r, command: x, workers: [a, c]}\n");
    corpus.add("x: &a {k: v}\ny:\n  <<: *a\n  k: w\n---\nmaster: [1, {2: 3}]\n");
    corpus.add("");
    corpus.add(farm(80)); // long enough for the incremental parser to split `workers`
    return corpus;
  }
}
