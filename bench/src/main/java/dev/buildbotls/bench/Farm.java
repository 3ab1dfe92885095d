package dev.buildbotls.bench;

/** Generated values files: a farm of workers and builders, valid, with a sprinkling of errors. */
final class Farm {
  private Farm() {}

  /** About {@code lines} lines: workers take 9 lines each, builders 6; one worker in 400 and one builder in 100 is wrong. */
  static String values(int lines) {
    int workers = Math.max(3, lines * 4 / 5 / 9);
    int builders = Math.max(1, lines / 5 / 6);
    StringBuilder b = new StringBuilder("master:\n  replicas: 3\n  title: \"Benchmark farm\"\nui:\n  replicas: 1\nworkers:\n");
    for (int i = 0; i < workers; i++) {
      b.append("  w-").append(i).append(":\n    image:\n      repository: quay.io/buildbot/buildbot-worker\n      tag: \"v4.1.0\"\n")
          .append("    replicas: 1\n    maxBuilds: ").append(i % 400 == 7 ? "two" : "2").append("\n    properties: {}\n")
          .append(i % 400 == 9 ? "    imag: oops\n" : "    nodeSelector:\n      kubernetes.io/arch: amd64\n");
    }
    b.append("builders:\n");
    for (int i = 0; i < builders; i++) {
      b.append("  b-").append(i).append(":\n    repository: https://git.example.org/r").append(i).append(".git\n")
          .append("    branch: main\n    pollInterval: 60\n    command: [make, test]\n    workers: [w-").append(i % workers)
          .append(", ").append(i % 100 == 3 ? "missing" : "w-" + ((i + 1) % workers)).append("]\n");
    }
    return b.toString();
  }

  /** Inside the first builder's workers list, right after its {@code [}: where the benchmark completes. */
  static org.eclipse.lsp4j.Position inFirstBuilderWorkers(String text) {
    int line = firstBuilderWorkersLine(text);
    return new org.eclipse.lsp4j.Position(line, text.split("\n", -1)[line].indexOf('[') + 1);
  }

  /** The line of the first builder's workers list, for completion and hover. */
  static int firstBuilderWorkersLine(String text) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("    workers: [")) {
        return i;
      }
    }
    throw new IllegalStateException("no builder");
  }

  /** The line holding {@code replicas: 3} of the masters: the benchmark's keystroke toggles it. */
  static final int EDIT_LINE = 1;
}
