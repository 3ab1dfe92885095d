package dev.buildbotls.cli;

import dev.buildbotls.version.Version;
import dev.buildbotls.lsp.ServerLauncher;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the CLI contract. Usage and I/O problems exit 2 with one line on stderr,
 * never a stack trace.
 */
public final class Cli {
  static final String USAGE = String.join("\n",
      "usage: java -jar buildbot-ls.jar [--stdio]",
      "       java -jar buildbot-ls.jar --check [--format text|json|sarif|github|junit] [--summary] FILE|DIR|-...",
      "       java -jar buildbot-ls.jar --check [--format ...] [--summary] -f FILE... [--set K=V]... [--set-string K=V]...",
      "       java -jar buildbot-ls.jar --render [--chart DIR] [--release NAME] [-f] FILE... [--set K=V]... [--set-string K=V]...",
      "       java -jar buildbot-ls.jar --migrate FILE",
      "       java -jar buildbot-ls.jar --version | --help",
      "",
      "  (no option), --stdio   run the language server on stdin/stdout",
      "  --check                check values files; exit 0 clean, 1 on any error, 2 on usage or I/O problems",
      "  --format               text (default): PATH:LINE:COL: SEVERITY: MESSAGE [CODE]; json; sarif (2.1.0); github; junit",
      "  --summary              one line on stderr: files checked, errors, warnings, information",
      "  FILE|DIR|-             a values file; a directory (its values*.yaml, recursively); - for stdin",
      "  -f, --values FILE      one stack, as helm install layers it: the files merged in order, then every --set;",
      "                         each diagnostic is reported in the file (or --set) that causes it",
      "  --set, --set-string    Helm's key=value[,key=value] (a.b=c, list={x,y}; --set-string keeps text)",
      "  --render               print the manifests Helm renders with these values files, layered in order",
      "  --chart DIR            the chart to render (default: the chart bundled in this jar)",
      "  --release NAME         the release name (default: buildbot)",
      "  --migrate              print the original multi-master chart's flat values in this chart's layout");

  private Cli() {}

  /** Runs the command; returns the exit code. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    try {
      if (args.length == 0 || args[0].equals("--stdio")) {
        if (args.length > 1) {
          throw new UsageException("--stdio takes no arguments");
        }
        return ServerLauncher.run(in, out);
      }
      List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
      return switch (args[0]) {
        case "--check" -> CheckCommand.run(rest, in, out, err);
        case "--render" -> RenderCommand.run(rest, in, out, err);
        case "--migrate" -> MigrateCommand.run(rest, out, err);
        case "--version" -> {
          out.println("buildbot-ls " + Version.VERSION);
          yield 0;
        }
        case "--help", "-h" -> {
          out.println(USAGE);
          yield 0;
        }
        default -> throw new UsageException("unknown option " + args[0] + " (see --help)");
      };
    } catch (UsageException e) {
      err.println("buildbot-ls: " + e.getMessage());
      return 2;
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      // The contract's "could not check": one line, never a stack trace.
      err.println("buildbot-ls: could not check: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
      return 2;
    }
  }

  /** A usage or I/O problem: exit 2 with this one line. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }
}
