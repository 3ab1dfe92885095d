package dev.buildbotls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;
import org.eclipse.lsp4j.services.LanguageClient;
import org.junit.jupiter.api.Test;

/** The server's client is lsp4j's proxy of LanguageClient, without the reflection: the same messages, the same types. */
class RemoteClientTest {
  @Test
  void theTableIsLsp4jsReadingOfLanguageClient() {
    Map<String, JsonRpcMethod> lsp4j = ServiceEndpoints.getSupportedMethods(LanguageClient.class);
    Map<String, JsonRpcMethod> table = RemoteClient.methods();
    assertEquals(lsp4j.keySet(), table.keySet(), "a method of LanguageClient is missing from RemoteClient");
    lsp4j.forEach((name, reflected) -> {
      JsonRpcMethod ours = table.get(name);
      assertEquals(reflected.isNotification(), ours.isNotification(), name);
      assertEquals(types(reflected.getParameterTypes()), types(ours.getParameterTypes()), name);
      assertEquals(TypeToken.get(reflected.getReturnType()), TypeToken.get(ours.getReturnType()), name);
      assertNull(reflected.getReturnTypeAdapterFactory(), name); // none to carry over
    });
  }

  @Test
  void everyMethodSendsWhatLsp4jsProxySends() throws Exception {
    List<String> ours = new ArrayList<>();
    List<String> theirs = new ArrayList<>();
    LanguageClient client = new RemoteClient(recording(ours));
    LanguageClient proxy = ServiceEndpoints.toServiceObject(recording(theirs), LanguageClient.class);
    for (Method method : LanguageClient.class.getMethods()) {
      Object[] arguments = new Object[method.getParameterCount()];
      for (int i = 0; i < arguments.length; i++) {
        arguments[i] = method.getParameterTypes()[i].getDeclaredConstructor().newInstance();
      }
      method.invoke(client, arguments);
      method.invoke(proxy, arguments);
    }
    assertEquals(LanguageClient.class.getMethods().length, theirs.size());
    assertEquals(theirs, ours);
  }

  /** An endpoint that writes down each message: kind, method and the identity of its parameters. */
  private static Endpoint recording(List<String> sent) {
    return new Endpoint() {
      @Override
      public CompletableFuture<?> request(String method, Object parameter) {
        sent.add("request " + method + " " + System.identityHashCode(parameter));
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public void notify(String method, Object parameter) {
        sent.add("notification " + method + " " + System.identityHashCode(parameter));
      }
    };
  }

  private static List<TypeToken<?>> types(Type[] types) {
    return Arrays.stream(types).<TypeToken<?>>map(TypeToken::get).toList();
  }
}
