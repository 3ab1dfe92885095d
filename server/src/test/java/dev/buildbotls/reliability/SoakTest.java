package dev.buildbotls.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Diagnose;
import dev.buildbotls.testing.LspSession;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

/** 10,000 edits on a 20,000-line file: the heap after GC does not grow with the versions. */
class SoakTest {
  static String farm(int workers, int builders) {
    StringBuilder b = new StringBuilder("master:\n  replicas: 3\nui:\n  replicas: 1\nworkers:\n");
    for (int i = 0; i < workers; i++) {
      b.append("  w-").append(i).append(":\n    image:\n      repository: buildbot/buildbot-worker\n      tag: \"v4.1.0\"\n")
          .append("    replicas: 1\n    maxBuilds: 2\n    properties: {}\n    nodeSelector:\n      kubernetes.io/arch: amd64\n");
    }
    b.append("builders:\n");
    for (int i = 0; i < builders; i++) {
      b.append("  b-").append(i).append(":\n    repository: https://git.example.org/r").append(i).append(".git\n    branch: main\n")
          .append("    pollInterval: 60\n    command: [make, test]\n    workers: [w-").append(i).append(", w-").append(i + 1).append("]\n");
    }
    return b.toString();
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Test
  void tenThousandEditsDoNotGrowTheHeap() throws Exception {
    String text = farm(2000, 500);
    assertTrue(text.lines().count() > 20_000);
    String uri = "file:///farm/values.yaml";
    try (LspSession lsp = new LspSession()) {
      lsp.open(uri, text, 1);
      lsp.awaitDiagnostics(uri, p -> p.getVersion() == 1);
      long baseline = 0;
      for (int v = 2; v <= 10_001; v++) {
        // Toggle line 1 between "replicas: 3" and "replicas: 4".
        lsp.replace(uri, v, new Range(new Position(1, 12), new Position(1, 13)), v % 2 == 0 ? "4" : "3");
        if (v % 500 == 0) {
          long t0 = System.nanoTime();
          lsp.awaitDiagnostics(uri, p -> true);
          System.err.println("soak: v" + v + " diagnostics after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
        if (v == 2_000) {
          baseline = heapAfterGc(); // diagnostics of this version were just published
        }
      }
      var last = lsp.awaitDiagnostics(uri, p -> p.getVersion() == 10_001);
      assertEquals(List.of(), Diagnose.describe(last.getDiagnostics()));
      long end = heapAfterGc();
      System.err.printf("soak: heap after GC %d MB at version 2000, %d MB at version 10001%n", baseline >> 20, end >> 20);
      assertTrue(end < baseline + (24L << 20), "heap grew from " + (baseline >> 20) + " MB to " + (end >> 20) + " MB");
    }
  }
}
