package dev.buildbotls;

import dev.buildbotls.cli.Cli;

/** Entry point: the language server on stdio, or a command-line mode (see --help). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int exit = Cli.run(args, System.in, System.out, System.err);
    if (exit >= 0) {
      System.exit(exit);
    }
  }
}
