package dev.buildbotls.cli;

import dev.buildbotls.render.ChartRenderer;
import dev.buildbotls.render.HelmErrors;
import dev.buildbotls.render.Redactor;
import dev.buildbotls.yaml.YamlFile;
import dev.buildbotls.yaml.YamlParser;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --render}: the manifests Helm renders from the chart with the given values files. */
final class RenderCommand {
  private RenderCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws Cli.UsageException {
    Path chart = null;
    String release = "buildbot";
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--chart") || arg.equals("--release")) {
        if (i + 1 >= args.size()) {
          throw new Cli.UsageException(arg + " needs a value");
        }
        String value = args.get(++i);
        if (arg.equals("--chart")) {
          chart = Path.of(value);
          if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
            throw new Cli.UsageException(value + ": not a chart (no Chart.yaml)");
          }
        } else {
          release = value;
        }
      } else if (arg.startsWith("-")) {
        throw new Cli.UsageException("unknown option " + arg + " for --render (see --help)");
      } else {
        files.add(Path.of(arg));
      }
    }
    List<String> texts = new ArrayList<>();
    for (Path file : files) {
      texts.add(InputFiles.read(file));
    }
    try {
      out.print(ChartRenderer.render(chart, release, texts, files.stream().map(Path::toString).toList()));
      out.flush();
      return 0;
    } catch (ChartRenderer.RenderException e) {
      String message = e.getMessage();
      List<String> placed = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        YamlFile yaml = YamlParser.parse(texts.get(i));
        message = Redactor.redact(message, yaml);
        for (HelmErrors.Problem p : HelmErrors.place(message, files.get(i).toString(), yaml)) {
          placed.add(files.get(i) + ":" + (p.range().getStart().getLine() + 1) + ":" + (p.range().getStart().getCharacter() + 1)
              + ": error: Helm: " + p.message() + " [helm-render]");
        }
      }
      err.println("buildbot-ls: Helm failed: " + message.replace('\n', ' '));
      placed.forEach(err::println);
      return 1;
    }
  }
}
