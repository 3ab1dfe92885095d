package dev.buildbotls.cli;

import dev.buildbotls.diagnostics.Analyzer;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.buildbotls.values.ValuesStack;
import dev.buildbotls.yaml.YamlDocument;
import dev.buildbotls.yaml.YamlFile;
import dev.buildbotls.yaml.YamlParser;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** {@code --check}: the editor's diagnostics, on files, without a client. */
final class CheckCommand {
  private static final CancelChecker NEVER = () -> {};

  private CheckCommand() {}

  private static final List<String> FORMATS = List.of("text", "json", "sarif", "github", "junit");

  /** One checked file: the path as the user gave it (or {@code <stdin>}), its text and its diagnostics. */
  record FileResult(String path, String text, List<Diagnostic> diagnostics) {}

  static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws Cli.UsageException {
    String format = "text";
    boolean summary = false;
    List<String> inputs = new ArrayList<>();
    Layers stack = new Layers();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int taken = stack.take(args, i, in);
      if (taken >= 0) {
        i = taken;
      } else if (arg.equals("--format")) {
        if (i + 1 >= args.size()) {
          throw new Cli.UsageException("--format needs one of " + String.join(", ", FORMATS));
        }
        format = args.get(++i);
        if (!FORMATS.contains(format)) {
          throw new Cli.UsageException("unknown format " + format + " (" + String.join(", ", FORMATS) + ")");
        }
      } else if (arg.equals("--summary")) {
        summary = true;
      } else if (arg.startsWith("-") && !arg.equals("-")) {
        throw new Cli.UsageException("unknown option " + arg + " for --check (see --help)");
      } else {
        inputs.add(arg);
      }
    }
    if (inputs.isEmpty() && stack.isEmpty()) {
      throw new Cli.UsageException("--check needs at least one values file, directory or -, or a stack of -f FILE and --set");
    }
    if (!inputs.isEmpty() && !stack.isEmpty()) {
      throw new Cli.UsageException("--check takes either files checked one by one (FILE...) or one stack (-f FILE... --set ...), not both");
    }
    List<FileResult> results = stack.isEmpty() ? checkEach(inputs, in) : checkStack(stack.all());
    out.print(switch (format) {
      case "json" -> CheckReport.json(results);
      case "sarif" -> CheckReport.sarif(results);
      case "github" -> CheckReport.github(results);
      case "junit" -> CheckReport.junit(results);
      default -> CheckReport.text(results);
    });
    out.flush();
    if (summary) {
      err.println(CheckReport.summary(results));
    }
    boolean failed = results.stream().flatMap(r -> r.diagnostics().stream())
        .anyMatch(d -> d.getSeverity() == DiagnosticSeverity.Error);
    return failed ? 1 : 0;
  }

  /** Each file over the chart's defaults, as {@code helm install -f FILE} alone would see it. */
  private static List<FileResult> checkEach(List<String> inputs, InputStream in) throws Cli.UsageException {
    List<FileResult> results = new ArrayList<>();
    for (String input : inputs) {
      if (input.equals("-")) {
        // Standard input has no place of its own: the bundled chart's defaults apply.
        String text = InputFiles.read(in, "<stdin>");
        results.add(new FileResult("<stdin>", text, Analyzer.analyze("untitled:stdin", null, text, NEVER).diagnostics()));
        continue;
      }
      for (Path file : InputFiles.expand(Path.of(input))) {
        String text = InputFiles.read(file);
        String uri = file.toAbsolutePath().toUri().toString();
        results.add(new FileResult(file.toString(), text, Analyzer.analyze(uri, file, text, NEVER).diagnostics()));
      }
    }
    return results;
  }

  /**
   * One stack, merged as Helm merges it; each diagnostic in the layer that causes it. A {@code --set}
   * has no lines: its findings cover the assignment as written.
   */
  private static List<FileResult> checkStack(List<Layers.Layer> layers) {
    List<YamlFile> parsed = layers.stream().map(l -> YamlParser.parse(l.text())).toList();
    List<YamlDocument> documents = parsed.stream().map(YamlFile::firstDocument).toList();
    Path chartAnchor = layers.stream().map(Layers.Layer::file).filter(java.util.Objects::nonNull).reduce((a, b) -> b).orElse(null);
    List<ValuesStack> stacks = ValuesStack.of(documents);
    List<FileResult> results = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Layers.Layer layer = layers.get(i);
      Path file = layer.file() != null ? layer.file() : chartAnchor;
      String uri = layer.file() != null ? layer.file().toAbsolutePath().toUri().toString() : "untitled:layer-" + i;
      List<Diagnostic> diagnostics = Analyzer.analyze(uri, file, parsed.get(i), stacks.get(i), NEVER).diagnostics();
      if (layer.fromSet()) {
        Range whole = new Range(new Position(0, 0), new Position(0, layer.name().length()));
        diagnostics.forEach(d -> d.setRange(whole));
        results.add(new FileResult(layer.name(), layer.name(), diagnostics));
      } else {
        results.add(new FileResult(layer.name(), layer.text(), diagnostics));
      }
    }
    return results;
  }
}
