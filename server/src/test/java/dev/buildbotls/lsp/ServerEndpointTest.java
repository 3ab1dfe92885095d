package dev.buildbotls.lsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;
import org.junit.jupiter.api.Test;

/** The server's table of protocol methods is what lsp4j's reflection finds in the methods its services implement. */
class ServerEndpointTest {
  private final ServerEndpoint endpoint = new ServerEndpoint(new BuildbotLanguageServer());

  @Test
  void theTableHoldsEveryMethodTheServicesImplementWithLsp4jsNameAndParameters() {
    Map<String, JsonRpcMethod> lsp4j = ServiceEndpoints.getSupportedMethods(BuildbotLanguageServer.class);
    Map<String, JsonRpcMethod> table = endpoint.supportedMethods();
    assertEquals(implemented(), new TreeSet<>(table.keySet()), "a method a service implements is missing from ServerEndpoint, or one it no longer implements is left");
    table.forEach((name, method) -> {
      JsonRpcMethod reflected = lsp4j.get(name);
      assertNotNull(reflected, name + " is no lsp4j method");
      assertArrayEquals(reflected.getParameterTypes(), method.getParameterTypes(), name);
      assertEquals(reflected.isNotification(), method.isNotification(), name);
    });
  }

  @Test
  void anUnknownRequestIsMethodNotFoundAnUnknownDollarRequestIsAnsweredEmptyAnUnknownNotificationIgnored() {
    ExecutionException unknown = assertThrows(ExecutionException.class, () -> endpoint.request("buildbot/frobnicate", null).get(5, TimeUnit.SECONDS));
    assertEquals(ResponseErrorCode.MethodNotFound.getValue(), ((ResponseErrorException) unknown.getCause()).getResponseError().getCode());
    // A notification named as a request and the other way round are unknown too.
    assertThrows(ExecutionException.class, () -> endpoint.request("textDocument/didOpen", null).get(5, TimeUnit.SECONDS));
    assertNull(endpoint.request("$/somethingOptional", null).join());
    endpoint.notify("workspace/didChangeWorkspaceFolders", Map.of());
    endpoint.notify("textDocument/hover", null);
  }

  @Test
  void parametersComeAsAnObjectOrJsonRpcsListOfOneAnythingElseIsInvalidParams() throws Exception {
    FoldingRangeRequestParams never = new FoldingRangeRequestParams(new TextDocumentIdentifier("file:///never/values.yaml"));
    assertEquals(List.of(), endpoint.request("textDocument/foldingRange", never).get(5, TimeUnit.SECONDS));
    assertEquals(List.of(), endpoint.request("textDocument/foldingRange", List.of(never)).get(5, TimeUnit.SECONDS));
    ResponseErrorException wrong = assertThrows(ResponseErrorException.class, () -> endpoint.request("textDocument/foldingRange", "values.yaml"));
    assertEquals(ResponseErrorCode.InvalidParams.getValue(), wrong.getResponseError().getCode());
    assertEquals("textDocument/foldingRange takes FoldingRangeRequestParams parameters", wrong.getResponseError().getMessage());
  }

  /** The JSON-RPC names of the lsp4j methods the services declare, named as lsp4j's AnnotationUtil names them. */
  private static Set<String> implemented() {
    Set<String> names = new TreeSet<>();
    for (Class<?> service : List.of(BuildbotLanguageServer.class, BuildbotTextDocumentService.class, BuildbotWorkspaceService.class)) {
      for (Method own : service.getDeclaredMethods()) {
        if (!Modifier.isPublic(own.getModifiers()) || Modifier.isStatic(own.getModifiers()) || own.isSynthetic()) {
          continue;
        }
        for (Class<?> api : service.getInterfaces()) {
          try {
            Method declared = api.getMethod(own.getName(), own.getParameterTypes());
            JsonSegment segment = declared.getDeclaringClass().getAnnotation(JsonSegment.class);
            String prefix = segment == null ? "" : segment.value() + "/";
            JsonRequest request = declared.getAnnotation(JsonRequest.class);
            JsonNotification notification = declared.getAnnotation(JsonNotification.class);
            if (request != null || notification != null) {
              String value = request != null ? request.value() : notification.value();
              boolean useSegment = request != null ? request.useSegment() : notification.useSegment();
              names.add((useSegment ? prefix : "") + (value.isEmpty() ? own.getName() : value));
            }
          } catch (NoSuchMethodException e) {
            // not this interface's method
          }
        }
      }
    }
    assertTrue(names.contains("textDocument/completion") && names.contains("initialize"), names.toString());
    return names;
  }
}
