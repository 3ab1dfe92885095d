package dev.buildbotls.integration;

import dev.buildbotls.testing.pods.Farm;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test that installs release {@value #RELEASE} on the pod runner: its {@link Farm} (test
 * database, router, git server, cluster) lives in the test's own directory and is stopped after it.
 */
abstract class OnThePodRunner {
  static final String RELEASE = "ci";
  /** Every object's name starts with this. */
  static final String PREFIX = RELEASE + "-buildbot-";
  @TempDir
  Path dir;
  /** Made by the test ({@code new Farm(dir, RELEASE)}), stopped after it. */
  Farm farm;

  @AfterEach
  void stopEverything() {
    if (farm != null) {
      farm.close();
    }
  }
}
