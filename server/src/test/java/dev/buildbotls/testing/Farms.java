package dev.buildbotls.testing;

/** Generated values files of a given size: a valid farm of workers and builders. */
public final class Farms {
  private Farms() {}

  /**
   * The lines deleting the chart's default entries of {@code key} ({@code workers} or
   * {@code builders}), as a farm of its own does so that Helm merges none of the demo farm in.
   */
  public static String deletingDefaults(String key) {
    StringBuilder b = new StringBuilder();
    dev.buildbotls.values.ChartDefaults.bundled().path(key).fieldNames().forEachRemaining(name -> b.append("  ").append(name).append(": null\n"));
    return b.toString();
  }

  /** {@code workers} workers of 9 lines, {@code builders} builders of 6. */
  public static String values(int workers, int builders) {
    StringBuilder b = new StringBuilder("master:\n  replicas: 3\nui:\n  replicas: 1\nworkers:\n").append(deletingDefaults("workers"));
    for (int i = 0; i < workers; i++) {
      b.append("  w-").append(i).append(":\n    image:\n      repository: quay.io/buildbot/buildbot-worker\n      tag: \"v4.1.0\"\n")
          .append("    replicas: 1\n    maxBuilds: 2\n    properties: {}\n    nodeSelector:\n      kubernetes.io/arch: amd64\n");
    }
    b.append("builders:\n").append(deletingDefaults("builders"));
    for (int i = 0; i < builders; i++) {
      b.append("  b-").append(i).append(":\n    repository: https://git.example.org/r").append(i).append(".git\n    branch: main\n")
          .append("    pollInterval: 60\n    command: [make, test]\n    workers: [w-").append(i).append(", w-").append(i + 1).append("]\n");
    }
    return b.toString();
  }
}
