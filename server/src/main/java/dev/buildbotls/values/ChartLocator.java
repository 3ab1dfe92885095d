package dev.buildbotls.values;

import java.nio.file.Files;
import java.nio.file.Path;

/** The chart a values file belongs to: the one whose Chart.yaml sits beside it, else the bundled one (null). */
public final class ChartLocator {
  private ChartLocator() {}

  public static Path chartFor(Path valuesFile) {
    if (valuesFile == null || valuesFile.toAbsolutePath().getParent() == null) {
      return null;
    }
    Path dir = valuesFile.toAbsolutePath().getParent();
    return Files.isRegularFile(dir.resolve("Chart.yaml")) ? dir : null;
  }
}
