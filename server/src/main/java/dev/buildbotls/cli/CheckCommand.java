package dev.buildbotls.cli;

import dev.buildbotls.diagnostics.Analyzer;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
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
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--format")) {
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
    if (inputs.isEmpty()) {
      throw new Cli.UsageException("--check needs at least one values file, directory or -");
    }
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
}
