package dev.buildbotls.lsp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethodProvider;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The protocol methods the server implements, each named with the type of its parameters and
 * handed to the service's method. lsp4j would find them by reading the annotations of every method
 * of its service interfaces (about 90, and their generic types) when the server starts: 30 ms and
 * more of cold code before the first message is read. lsp4j's reader, writer and RemoteEndpoint do
 * the rest, as they would. {@code ServerEndpointTest} holds this table equal to lsp4j's reflection
 * over the methods the services implement: a new one missing here fails it.
 */
final class ServerEndpoint implements Endpoint, JsonRpcMethodProvider {
  private record Handler(JsonRpcMethod method, Function<Object, CompletableFuture<?>> call) {}

  private final Map<String, Handler> handlers = new LinkedHashMap<>();

  ServerEndpoint(LanguageServer server) {
    TextDocumentService text = server.getTextDocumentService();
    WorkspaceService workspace = server.getWorkspaceService();
    request("initialize", InitializeParams.class, server::initialize);
    notification("initialized", InitializedParams.class, server::initialized);
    request("shutdown", server::shutdown);
    notification("exit", server::exit);
    notification("textDocument/didOpen", DidOpenTextDocumentParams.class, text::didOpen);
    notification("textDocument/didChange", DidChangeTextDocumentParams.class, text::didChange);
    notification("textDocument/didClose", DidCloseTextDocumentParams.class, text::didClose);
    notification("textDocument/didSave", DidSaveTextDocumentParams.class, text::didSave);
    request("textDocument/completion", CompletionParams.class, text::completion);
    request("textDocument/codeAction", CodeActionParams.class, text::codeAction);
    request("textDocument/hover", HoverParams.class, text::hover);
    request("textDocument/definition", DefinitionParams.class, text::definition);
    request("textDocument/references", ReferenceParams.class, text::references);
    request("textDocument/prepareRename", PrepareRenameParams.class, text::prepareRename);
    request("textDocument/rename", RenameParams.class, text::rename);
    request("textDocument/documentSymbol", DocumentSymbolParams.class, text::documentSymbol);
    request("textDocument/foldingRange", FoldingRangeRequestParams.class, text::foldingRange);
    notification("workspace/didChangeConfiguration", DidChangeConfigurationParams.class, workspace::didChangeConfiguration);
    request("workspace/executeCommand", ExecuteCommandParams.class, workspace::executeCommand);
    notification("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams.class, workspace::didChangeWatchedFiles);
  }

  /**
   * The methods and their parameter types, as lsp4j reads a message with them. (lsp4j reads a
   * return type only for the answers the server receives, to its own requests: the client's methods.)
   */
  @Override
  public Map<String, JsonRpcMethod> supportedMethods() {
    Map<String, JsonRpcMethod> methods = new LinkedHashMap<>();
    handlers.forEach((name, handler) -> methods.put(name, handler.method()));
    return Collections.unmodifiableMap(methods);
  }

  @Override
  public CompletableFuture<?> request(String method, Object parameter) {
    Handler handler = handlers.get(method);
    if (handler != null && !handler.method().isNotification()) {
      return handler.call().apply(parameter);
    }
    if (method.startsWith("$/")) {
      return CompletableFuture.completedFuture(null); // LSP: a "$/" request the server does not know may go unanswered
    }
    return CompletableFuture.failedFuture(new ResponseErrorException(
        new ResponseError(ResponseErrorCode.MethodNotFound, "Unsupported request method: " + method, null)));
  }

  /** A notification the server does not implement is ignored, as LSP asks ($/setTrace, workspace/didChangeWorkspaceFolders...). */
  @Override
  public void notify(String method, Object parameter) {
    Handler handler = handlers.get(method);
    if (handler != null && handler.method().isNotification()) {
      try {
        handler.call().apply(parameter);
      } catch (ResponseErrorException e) {
        System.err.println("buildbot-ls: " + e.getMessage()); // a notification has no answer to carry it
      }
    }
  }

  private <P> void request(String name, Class<P> type, Function<P, CompletableFuture<?>> call) {
    handlers.put(name, new Handler(JsonRpcMethod.request(name, Object.class, type), p -> call.apply(argument(name, type, p))));
  }

  private void request(String name, Supplier<CompletableFuture<?>> call) {
    handlers.put(name, new Handler(JsonRpcMethod.request(name, Object.class), p -> call.get()));
  }

  private <P> void notification(String name, Class<P> type, Consumer<P> call) {
    handlers.put(name, new Handler(JsonRpcMethod.notification(name, type), p -> {
      call.accept(argument(name, type, p));
      return null;
    }));
  }

  private void notification(String name, Runnable call) {
    handlers.put(name, new Handler(JsonRpcMethod.notification(name), p -> {
      call.run();
      return null;
    }));
  }

  /** The parameter lsp4j read, also when it came as JSON-RPC's list of one; a wrong one is the client's error. */
  private static <P> P argument(String method, Class<P> type, Object parsed) {
    Object value = parsed instanceof List<?> list && list.size() == 1 ? list.get(0) : parsed;
    if (value != null && !type.isInstance(value)) {
      throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
          method + " takes " + type.getSimpleName() + " parameters", null));
    }
    return type.cast(value);
  }
}
