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

  /**
   * A farm for the scale figures: {@code named} named workers ({@code maxBuilds: 2}), {@code pools}
   * pools of {@code poolSize}, {@code builders} builders, the chart's demo farm deleted. Diverse
   * builders have random names, repositories and commands (seeded), as hard to compress as text gets.
   */
  public static String scaleFarm(int named, int pools, int poolSize, int builders, boolean diverse) {
    StringBuilder b = new StringBuilder("workers:\n").append(deletingDefaults("workers"));
    for (int i = 0; i < named; i++) {
      b.append("  w").append(i).append(":\n    maxBuilds: 2\n");
    }
    for (int i = 0; i < pools; i++) {
      b.append("  pool").append(i).append(":\n    replicas: ").append(poolSize).append('\n');
    }
    b.append("builders:\n").append(deletingDefaults("builders"));
    java.util.Random random = new java.util.Random(builders);
    for (int i = 0; i < builders; i++) {
      if (diverse) {
        b.append("  b").append(word(random, 10)).append(":\n    repository: https://").append(word(random, 8)).append(".example.org/")
            .append(word(random, 12)).append(".git\n    branch: '").append(word(random, 6)).append("'\n    command: [c").append(word(random, 5))
            .append(", c").append(word(random, 10)).append(", '--").append(word(random, 8)).append("']\n");
      } else {
        b.append("  b").append(i).append(":\n    repository: https://git.example.org/r").append(i).append(".git\n    command: [make]\n");
      }
    }
    return b.toString();
  }

  /**
   * {@code count} latent workers (and three engine masters); {@code podFields}: each with its own
   * environment, labels, node selector and resources.
   */
  public static String latentFarm(int count, boolean podFields) {
    return latentFarm(count, podFields, 3);
  }

  /** The same with {@code masters} engine masters. */
  public static String latentFarm(int count, boolean podFields, int masters) {
    StringBuilder b = new StringBuilder("master:\n  replicas: ").append(masters).append("\nlatentWorkers:\n");
    for (int i = 0; i < count; i++) {
      b.append("  build-").append(i).append(":\n    maxBuilds: ").append(1 + i % 3).append('\n');
      if (podFields) {
        b.append("    env: {CC: clang-").append(i).append(", JOBS: '8'}\n    labels: {team: t").append(i % 7)
            .append("}\n    nodeSelector: {kubernetes.io/arch: amd64}\n    resources: {requests: {cpu: '").append(1 + i % 4).append("', memory: 2Gi}}\n");
      }
    }
    return b.toString();
  }

  /** FarmSize's figures for a values text over the chart's defaults, as the analysis merges them. */
  public static java.util.List<dev.buildbotls.values.FarmSize.Size> sizes(String values) {
    return dev.buildbotls.values.FarmSize.of(dev.buildbotls.values.HelmMerge.merge(dev.buildbotls.values.ChartDefaults.bundled(),
        dev.buildbotls.values.JsonView.toJson(dev.buildbotls.yaml.YamlParser.parse(values).firstDocument().root())));
  }

  private static String word(java.util.Random random, int length) {
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < length; i++) {
      w.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36)));
    }
    return w.toString();
  }
}
