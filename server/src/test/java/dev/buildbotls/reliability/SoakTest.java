package dev.buildbotls.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Diagnose;
import dev.buildbotls.testing.LspSession;
import java.lang.management.ManagementFactory;
import java.util.List;
import dev.buildbotls.testing.Farms;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

/** 10,000 edits on a 20,000-line file: the heap after GC does not grow with the versions. */
class SoakTest {
  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Test
  void tenThousandEditsDoNotGrowTheHeap() throws Exception {
    String text = Farms.values(2000, 500);
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
