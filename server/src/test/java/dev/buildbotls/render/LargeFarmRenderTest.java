package dev.buildbotls.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A farm of thousands of named workers renders within the render worker's bounds (it died at 4,000, out of address space). */
class LargeFarmRenderTest {
  @Test
  void fourThousandNamedWorkersRender() throws Exception {
    StringBuilder values = new StringBuilder("workers:\n  linux-amd64: null\n  debian-arm64: null\n  docs: null\n");
    for (int i = 0; i < 4000; i++) {
      values.append("  w").append(i).append(":\n    maxBuilds: 2\n");
    }
    values.append("builders:\n  app-tests: null\n  docs: null\n  b:\n    repository: https://git.example.org/r.git\n    command: [make]\n"
        + "    workers: [w0, w3999]\n");
    String manifests = ChartRenderer.render(null, "ci", List.of(values.toString()));
    Matcher workers = Pattern.compile("(?m)^kind: StatefulSet\\nmetadata:\\n  name: ci-buildbot-worker-w\\d+$").matcher(manifests);
    int count = 0;
    while (workers.find()) {
      count++;
    }
    assertEquals(4000, count, "a StatefulSet per named worker");
  }
}
