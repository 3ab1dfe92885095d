package dev.buildbotls.testing;

import java.nio.file.Path;

/** Paths in the repository the tests run from. */
public final class Repo {
  private Repo() {}

  public static Path root() {
    return Path.of(System.getProperty("buildbotls.repo", "..")).toAbsolutePath().normalize();
  }

  public static Path chart() {
    return root().resolve("chart");
  }

  /** The chart's appVersion: the Buildbot release the chart deploys and the tests run. */
  public static String appVersion() {
    try {
      for (String line : java.nio.file.Files.readAllLines(chart().resolve("Chart.yaml"))) {
        if (line.startsWith("appVersion:")) {
          return line.substring("appVersion:".length()).trim().replace("\"", "");
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new AssertionError("no appVersion in chart/Chart.yaml");
  }

  public static Path jar() {
    return Path.of(System.getProperty("buildbotls.jar", "target/buildbot-ls.jar")).toAbsolutePath();
  }
}
