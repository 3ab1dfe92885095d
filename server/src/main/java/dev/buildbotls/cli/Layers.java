package dev.buildbotls.cli;

import dev.buildbotls.values.SetValues;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The values layers of a command line, in Helm's words and order: {@code -f}/{@code --values}
 * files first, then each {@code --set}/{@code --set-string} assignment (Helm applies them last).
 */
final class Layers {
  /** One layer: how the user knows it (a path, {@code <stdin>}, {@code --set a.b=c}), its file if any, its text. */
  record Layer(String name, Path file, String text, boolean fromSet) {}

  private final List<Layer> files = new ArrayList<>();
  private final List<Layer> sets = new ArrayList<>();

  /** Takes the option at {@code args[i]} if it is a layer option; returns the index of its last argument, or -1. */
  int take(List<String> args, int i, InputStream in) throws Cli.UsageException {
    String option = args.get(i);
    boolean set = option.equals("--set") || option.equals("--set-string");
    if (!set && !option.equals("-f") && !option.equals("--values")) {
      return -1;
    }
    if (i + 1 >= args.size()) {
      throw new Cli.UsageException(option + " needs " + (set ? "key=value[,key=value]" : "a values file"));
    }
    String value = args.get(i + 1);
    if (set) {
      try {
        for (SetValues.Assignment a : SetValues.parse(value, option.equals("--set-string"))) {
          sets.add(new Layer(option + " " + a.source(), null, a.yaml(), true));
        }
      } catch (IllegalArgumentException e) {
        throw new Cli.UsageException(option + " " + e.getMessage());
      }
    } else if (value.equals("-")) {
      files.add(new Layer("<stdin>", null, InputFiles.read(in, "<stdin>"), false));
    } else {
      Path file = Path.of(value);
      files.add(new Layer(file.toString(), file, InputFiles.read(file), false));
    }
    return i + 1;
  }

  /** A values file given without an option ({@code --render FILE...}): a layer like {@code -f FILE}. */
  void addFile(Path file) throws Cli.UsageException {
    files.add(new Layer(file.toString(), file, InputFiles.read(file), false));
  }

  boolean isEmpty() {
    return files.isEmpty() && sets.isEmpty();
  }

  List<Layer> all() {
    List<Layer> all = new ArrayList<>(files);
    all.addAll(sets);
    return all;
  }
}
