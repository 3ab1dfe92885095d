package dev.buildbotls.cli;

import dev.buildbotls.diagnostics.Analyzer;
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

  /** One checked file: the path as the user gave it, and its diagnostics. */
  record FileResult(String path, List<Diagnostic> diagnostics) {}

  static int run(List<String> args, PrintStream out) throws Cli.UsageException {
    String format = "text";
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--format")) {
        if (i + 1 >= args.size()) {
          throw new Cli.UsageException("--format needs one of text, json, sarif, github");
        }
        format = args.get(++i);
        if (!List.of("text", "json", "sarif", "github").contains(format)) {
          throw new Cli.UsageException("unknown format " + format + " (text, json, sarif or github)");
        }
      } else if (arg.startsWith("-") && !arg.equals("-")) {
        throw new Cli.UsageException("unknown option " + arg + " for --check (see --help)");
      } else {
        files.add(Path.of(arg));
      }
    }
    if (files.isEmpty()) {
      throw new Cli.UsageException("--check needs at least one values file");
    }
    List<FileResult> results = new ArrayList<>();
    for (Path file : files) {
      String text = InputFiles.read(file);
      String uri = file.toAbsolutePath().toUri().toString();
      results.add(new FileResult(file.toString(), Analyzer.analyze(uri, file, text, NEVER).diagnostics()));
    }
    out.print(switch (format) {
      case "json" -> CheckReport.json(results);
      case "sarif" -> CheckReport.sarif(results);
      case "github" -> CheckReport.github(results);
      default -> CheckReport.text(results);
    });
    out.flush();
    boolean failed = results.stream().flatMap(r -> r.diagnostics().stream())
        .anyMatch(d -> d.getSeverity() == DiagnosticSeverity.Error);
    return failed ? 1 : 0;
  }
}
