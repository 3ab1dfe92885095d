package dev.buildbotls.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.junit.jupiter.api.Test;

/** Version after version, the incremental analysis reports what a from-scratch analysis reports. */
class IncrementalAnalyzerTest {
  private static final String URI = "file:///t/values.yaml";
  private final IncrementalAnalyzer analyzer = new IncrementalAnalyzer(URI, null);

  @Test
  void editsToWorkersAndBuildersGiveTheFromScratchDiagnostics() {
    String farm = farm(50);
    List<String> versions = List.of(
        farm,
        farm.replace("  w-7:\n    maxBuilds: 2", "  w-7:\n    maxBuilds: two"),        // a worker turns wrong
        farm.replace("  w-7:\n    maxBuilds: 2", "  w-7:\n    maxBuild: 2"),          // another way
        farm.replace("  w-7:\n    maxBuilds: 2", "  w-7:\n    maxBuilds: 2\n    imag: x"),
        farm.replace("  w-7:\n", "  W_7:\n"),                                           // a bad name
        farm.replace("  w-8:\n", "  w-7:\n"),                                           // a duplicate worker
        farm.replace("workers: [w-0, w-1]", "workers: [w-0, w-x]"),                     // an unknown worker
        farm.replace("  b-0:\n", "  b-0:\n    branch: 7\n"),                            // a wrong builder
        farm.replace("builders:\n", "workers:\n"),                                      // builders become workers
        farm);
    int version = 0;
    int wrong = 0;
    for (String text : versions) {
      Analysis reused = analyzer.analyze(++version, text, () -> {});
      List<Diagnostic> scratch = Analyzer.analyze(URI, null, text, () -> {}).diagnostics();
      assertEquals(scratch, reused.diagnostics(), text);
      wrong += scratch.isEmpty() ? 0 : 1;
    }
    assertEquals(8, wrong); // every version but the first and the last has something to report
    assertEquals(List.of(), analyzer.analyze(++version, farm, () -> {}).diagnostics());
  }

  @Test
  void aVersionIsAnalysedOnce() {
    Analysis first = analyzer.analyze(3, farm(5), () -> {});
    assertSame(first, analyzer.analyze(3, farm(5), () -> {}));
    assertSame(first, analyzer.analysed(3).orElseThrow());
    assertEquals(java.util.Optional.empty(), analyzer.analysed(4));
  }

  private static String farm(int n) {
    StringBuilder b = new StringBuilder("workers:\n").append(dev.buildbotls.testing.Farms.deletingDefaults("workers"));
    for (int i = 0; i < n; i++) {
      b.append("  w-").append(i).append(":\n    maxBuilds: 2\n    properties: {os: linux}\n");
    }
    return b.append("builders:\n").append(dev.buildbotls.testing.Farms.deletingDefaults("builders")).append("  b-0:\n    repository: https://git.example.org/r.git\n    command: [make]\n    workers: [w-0, w-1]\n").toString();
  }
}
