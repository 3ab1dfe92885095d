package dev.buildbotls.cli;

import dev.buildbotls.render.ChartRenderer;
import dev.buildbotls.render.HelmErrors;
import dev.buildbotls.render.Redactor;
import dev.buildbotls.schema.ValuesSchema;
import dev.buildbotls.yaml.YamlFile;
import dev.buildbotls.yaml.YamlParser;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --render}: the manifests Helm renders from the chart with the given values files. */
final class RenderCommand {
  private RenderCommand() {}

  static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws Cli.UsageException {
    Path chart = null;
    String release = "buildbot";
    Layers stack = new Layers();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int taken = stack.take(args, i, in);
      if (taken >= 0) {
        i = taken;
      } else if (arg.equals("--chart") || arg.equals("--release")) {
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
        stack.addFile(Path.of(arg));
      }
    }
    List<Layers.Layer> layers = stack.all();
    List<String> texts = layers.stream().map(Layers.Layer::text).toList();
    try {
      out.print(ChartRenderer.render(chart, release, texts, layers.stream().map(Layers.Layer::name).toList()));
      out.flush();
      return 0;
    } catch (ChartRenderer.RenderException e) {
      String message = e.getMessage();
      List<String> placed = new ArrayList<>();
      for (Layers.Layer layer : layers) {
        YamlFile yaml = YamlParser.parse(layer.text());
        message = Redactor.redact(message, yaml, ValuesSchema.get()::isWriteOnly);
        for (HelmErrors.Problem p : HelmErrors.place(message, layer.name(), yaml)) {
          placed.add(layer.name() + ":" + (layer.fromSet() ? "1:1" : (p.range().getStart().getLine() + 1) + ":" + (p.range().getStart().getCharacter() + 1))
              + ": error: Helm: " + p.message() + " [helm-render]");
        }
      }
      err.println("buildbot-ls: Helm failed: " + message.replace('\n', ' '));
      placed.forEach(err::println);
      return 1;
    }
  }
}
