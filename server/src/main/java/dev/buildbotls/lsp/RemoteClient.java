package dev.buildbotls.lsp;

import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.ApplyWorkspaceEditParams;
import org.eclipse.lsp4j.ApplyWorkspaceEditResponse;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.LogTraceParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowDocumentParams;
import org.eclipse.lsp4j.ShowDocumentResult;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.UnregistrationParams;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The client as the server calls it: each method sends its message through lsp4j's endpoint. lsp4j
 * would make it a dynamic proxy, reading the annotations and generic types of every method of
 * {@link LanguageClient} at every start, twice (the proxy, and the types its answers are read as):
 * generated classes on the way to the first message. {@code RemoteClientTest} holds the names and
 * types equal to lsp4j's reading of them.
 */
final class RemoteClient implements LanguageClient {
  private static final Map<String, JsonRpcMethod> METHODS = new LinkedHashMap<>();

  private static final JsonRpcMethod APPLY_EDIT = request("workspace/applyEdit", ApplyWorkspaceEditResponse.class, ApplyWorkspaceEditParams.class);
  private static final JsonRpcMethod REGISTER_CAPABILITY = request("client/registerCapability", Void.class, RegistrationParams.class);
  private static final JsonRpcMethod UNREGISTER_CAPABILITY = request("client/unregisterCapability", Void.class, UnregistrationParams.class);
  private static final JsonRpcMethod TELEMETRY_EVENT = notification("telemetry/event", Object.class);
  private static final JsonRpcMethod PUBLISH_DIAGNOSTICS = notification("textDocument/publishDiagnostics", PublishDiagnosticsParams.class);
  private static final JsonRpcMethod SHOW_MESSAGE = notification("window/showMessage", MessageParams.class);
  private static final JsonRpcMethod SHOW_MESSAGE_REQUEST = request("window/showMessageRequest", MessageActionItem.class, ShowMessageRequestParams.class);
  private static final JsonRpcMethod SHOW_DOCUMENT = request("window/showDocument", ShowDocumentResult.class, ShowDocumentParams.class);
  private static final JsonRpcMethod LOG_MESSAGE = notification("window/logMessage", MessageParams.class);
  private static final JsonRpcMethod WORKSPACE_FOLDERS = request("workspace/workspaceFolders", listOf(WorkspaceFolder.class));
  private static final JsonRpcMethod CONFIGURATION = request("workspace/configuration", listOf(Object.class), ConfigurationParams.class);
  private static final JsonRpcMethod CREATE_PROGRESS = request("window/workDoneProgress/create", Void.class, WorkDoneProgressCreateParams.class);
  private static final JsonRpcMethod NOTIFY_PROGRESS = notification("$/progress", ProgressParams.class);
  private static final JsonRpcMethod LOG_TRACE = notification("$/logTrace", LogTraceParams.class);
  private static final JsonRpcMethod REFRESH_SEMANTIC_TOKENS = request("workspace/semanticTokens/refresh", Void.class);
  private static final JsonRpcMethod REFRESH_CODE_LENSES = request("workspace/codeLens/refresh", Void.class);
  private static final JsonRpcMethod REFRESH_INLAY_HINTS = request("workspace/inlayHint/refresh", Void.class);
  private static final JsonRpcMethod REFRESH_INLINE_VALUES = request("workspace/inlineValue/refresh", Void.class);
  private static final JsonRpcMethod REFRESH_DIAGNOSTICS = request("workspace/diagnostic/refresh", Void.class);

  private final Endpoint endpoint;

  RemoteClient(Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** The client's methods, with the types lsp4j reads their answers as. */
  static Map<String, JsonRpcMethod> methods() {
    return Collections.unmodifiableMap(METHODS);
  }

  @Override
  public CompletableFuture<ApplyWorkspaceEditResponse> applyEdit(ApplyWorkspaceEditParams params) {
    return send(APPLY_EDIT, params);
  }

  @Override
  public CompletableFuture<Void> registerCapability(RegistrationParams params) {
    return send(REGISTER_CAPABILITY, params);
  }

  @Override
  public CompletableFuture<Void> unregisterCapability(UnregistrationParams params) {
    return send(UNREGISTER_CAPABILITY, params);
  }

  @Override
  public void telemetryEvent(Object object) {
    send(TELEMETRY_EVENT, object);
  }

  @Override
  public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
    send(PUBLISH_DIAGNOSTICS, diagnostics);
  }

  @Override
  public void showMessage(MessageParams messageParams) {
    send(SHOW_MESSAGE, messageParams);
  }

  @Override
  public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
    return send(SHOW_MESSAGE_REQUEST, requestParams);
  }

  @Override
  public CompletableFuture<ShowDocumentResult> showDocument(ShowDocumentParams params) {
    return send(SHOW_DOCUMENT, params);
  }

  @Override
  public void logMessage(MessageParams message) {
    send(LOG_MESSAGE, message);
  }

  @Override
  public CompletableFuture<List<WorkspaceFolder>> workspaceFolders() {
    return send(WORKSPACE_FOLDERS, null);
  }

  @Override
  public CompletableFuture<List<Object>> configuration(ConfigurationParams configurationParams) {
    return send(CONFIGURATION, configurationParams);
  }

  @Override
  public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
    return send(CREATE_PROGRESS, params);
  }

  @Override
  public void notifyProgress(ProgressParams params) {
    send(NOTIFY_PROGRESS, params);
  }

  @Override
  public void logTrace(LogTraceParams params) {
    send(LOG_TRACE, params);
  }

  @Override
  public CompletableFuture<Void> refreshSemanticTokens() {
    return send(REFRESH_SEMANTIC_TOKENS, null);
  }

  @Override
  public CompletableFuture<Void> refreshCodeLenses() {
    return send(REFRESH_CODE_LENSES, null);
  }

  @Override
  public CompletableFuture<Void> refreshInlayHints() {
    return send(REFRESH_INLAY_HINTS, null);
  }

  @Override
  public CompletableFuture<Void> refreshInlineValues() {
    return send(REFRESH_INLINE_VALUES, null);
  }

  @Override
  public CompletableFuture<Void> refreshDiagnostics() {
    return send(REFRESH_DIAGNOSTICS, null);
  }

  /** A notification (answered by nothing: null), or a request and the future of its answer, read as the method's type. */
  @SuppressWarnings("unchecked")
  private <R> CompletableFuture<R> send(JsonRpcMethod method, Object params) {
    if (method.isNotification()) {
      endpoint.notify(method.getMethodName(), params);
      return null;
    }
    return (CompletableFuture<R>) endpoint.request(method.getMethodName(), params);
  }

  private static JsonRpcMethod request(String name, Type answer, Type... parameters) {
    return add(JsonRpcMethod.request(name, answer, parameters));
  }

  private static JsonRpcMethod notification(String name, Type parameter) {
    return add(JsonRpcMethod.notification(name, parameter));
  }

  private static JsonRpcMethod add(JsonRpcMethod method) {
    METHODS.put(method.getMethodName(), method);
    return method;
  }

  private static Type listOf(Type item) {
    return TypeToken.getParameterized(List.class, item).getType();
  }
}
