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

  public static Path jar() {
    return Path.of(System.getProperty("buildbotls.jar", "target/buildbot-ls.jar")).toAbsolutePath();
  }
}
