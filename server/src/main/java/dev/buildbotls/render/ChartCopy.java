package dev.buildbotls.render;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A user's chart, copied into the render's private directory before Helm sees it: only a directory
 * holding a {@code Chart.yaml}, only its own regular files (a symbolic link is refused, so
 * {@code .Files.Get} never reads outside the chart), and no more than a chart could hold.
 */
final class ChartCopy {
  /** Helm's own bound for a chart, decompressed. */
  static final long MAX_BYTES = 100L * 1024 * 1024;
  static final int MAX_FILES = 10_000;

  private ChartCopy() {}

  static Path copy(Path chart, Path target) throws ChartRenderer.RenderException, IOException {
    if (!Files.isDirectory(chart, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(chart.resolve("Chart.yaml"), LinkOption.NOFOLLOW_LINKS)) {
      throw new ChartRenderer.RenderException(chart + " is not a chart: a chart directory holds a Chart.yaml");
    }
    long[] totals = new long[2];
    Files.walkFileTree(chart, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(target.resolve(chart.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (!attrs.isRegularFile()) {
          throw new Refused(chart.relativize(file) + (attrs.isSymbolicLink() ? " is a symbolic link" : " is not a regular file")
              + ": a chart is rendered only from its own files");
        }
        totals[0] += 1;
        totals[1] += attrs.size();
        if (totals[0] > MAX_FILES || totals[1] > MAX_BYTES) {
          throw new Refused("more than " + MAX_FILES + " files or " + MAX_BYTES / (1024 * 1024) + " MiB: not a chart Helm would load");
        }
        Files.copy(file, target.resolve(chart.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS);
        return FileVisitResult.CONTINUE;
      }
    });
    return target;
  }

  /** Thrown from the walk; turned into a RenderException naming the chart. */
  static final class Refused extends IOException {
    Refused(String message) {
      super(message);
    }
  }
}
