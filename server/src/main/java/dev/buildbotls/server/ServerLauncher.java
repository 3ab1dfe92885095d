package dev.buildbotls.server;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** Runs the language server on a pair of streams until {@code exit} or the end of input. */
public final class ServerLauncher {
  private ServerLauncher() {}

  public static int run(InputStream in, PrintStream out) {
    // Stdout belongs to the protocol: anything else printed goes to stderr.
    System.setOut(System.err);
    Warmup.start();
    BuildbotLanguageServer server = new BuildbotLanguageServer();
    Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
    server.connect(launcher.getRemoteProxy());
    Future<Void> listening = launcher.startListening();
    try {
      listening.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      System.err.println("buildbot-ls: connection closed: " + e.getCause());
    }
    // The LSP specification: exit code 0 after shutdown, 1 otherwise (the client went away).
    return server.exitCode();
  }
}
