package dev.buildbotls.lsp;

import com.google.gson.GsonBuilder;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageConsumer;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** Runs the language server on a pair of streams until {@code exit} or the end of input. */
public final class ServerLauncher {
  private ServerLauncher() {}

  /** A failed request answers a short message; the Java stack trace goes to stderr, never to the client. */
  static ResponseError shortError(Throwable t) {
    if (t instanceof ResponseErrorException e) {
      return e.getResponseError();
    }
    Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    if (cause instanceof ResponseErrorException e) {
      return e.getResponseError();
    }
    if (cause instanceof java.util.concurrent.CancellationException) {
      return new ResponseError(ResponseErrorCode.RequestCancelled, "the request was cancelled", null);
    }
    System.err.println("buildbot-ls: a request failed: " + cause);
    return new ResponseError(ResponseErrorCode.InternalError, "buildbot-ls could not answer: " + cause.getClass().getSimpleName(), null);
  }

  /**
   * lsp4j's endpoint logger, kept (java.util.logging holds loggers weakly, and a collected one loses
   * its filter): a client cancelling a request the server has answered already is ordinary, not a warning.
   */
  private static final Logger ENDPOINT_LOG = Logger.getLogger(RemoteEndpoint.class.getName());

  static {
    ENDPOINT_LOG.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unmatched cancel notification"));
  }

  /** lsp4j's JSON as the server configures it. */
  static final Consumer<GsonBuilder> GSON = gson -> gson.registerTypeAdapterFactory(new CompletionItemWriter());

  /** The protocol endpoint of a server on two streams, connected to its client, not yet listening (tests use it too). */
  public static Launcher<LanguageClient> launcher(BuildbotLanguageServer server, InputStream in, OutputStream out) {
    return launcher(server, in, out, json -> {});
  }

  /** The same, handing {@code json} the endpoint's own message reader and writer (the warm-up exercises it). */
  static Launcher<LanguageClient> launcher(BuildbotLanguageServer server, InputStream in, OutputStream out, Consumer<MessageJsonHandler> json) {
    ServerEndpoint endpoint = new ServerEndpoint(server);
    Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>() {
      /** The server's methods from its table, not lsp4j's GenericEndpoint, which would find them by reflection again. */
      @Override
      protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler jsonHandler) {
        RemoteEndpoint remote = new RemoteEndpoint(wrapMessageConsumer(new StreamMessageConsumer(output, jsonHandler)), endpoint, exceptionHandler);
        jsonHandler.setMethodProvider(remote);
        remote.setJsonHandler(jsonHandler);
        return remote;
      }

      /** The client's methods and the server's from their tables: lsp4j would read them from the interfaces' annotations. */
      @Override
      protected Map<String, JsonRpcMethod> getSupportedMethods() {
        Map<String, JsonRpcMethod> methods = new LinkedHashMap<>(RemoteClient.methods());
        methods.putAll(endpoint.supportedMethods());
        return methods;
      }

      @Override
      protected LanguageClient createProxy(RemoteEndpoint remote) {
        return new RemoteClient(remote);
      }

      @Override
      protected MessageJsonHandler createJsonHandler() {
        MessageJsonHandler handler = super.createJsonHandler();
        json.accept(handler);
        return handler;
      }
    }
        .setLocalService(endpoint)
        .setRemoteInterface(LanguageClient.class)
        .setInput(in)
        .setOutput(out)
        .setExceptionHandler(ServerLauncher::shortError)
        .configureGson(GSON)
        .create();
    server.connect(launcher.getRemoteProxy());
    return launcher;
  }

  public static int run(InputStream in, PrintStream out) {
    // Stdout belongs to the protocol: anything else printed goes to stderr.
    System.setOut(System.err);
    CompletableFuture<MessageJsonHandler> json = new CompletableFuture<>();
    Warmup.start(json);
    BuildbotLanguageServer server = new BuildbotLanguageServer();
    Launcher<LanguageClient> launcher = launcher(server, in, out, json::complete);
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
