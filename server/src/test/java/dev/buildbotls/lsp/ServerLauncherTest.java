package dev.buildbotls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.CompletionException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.Test;

/** A failed request answers a short message: the Java stack trace stays on the server's stderr. */
class ServerLauncherTest {
  @Test
  void aFailedRequestAnswersAShortMessageWithoutATrace() {
    for (Throwable failure : new Throwable[] {new IllegalStateException("a bug"), new CompletionException(new IllegalStateException("a bug"))}) {
      ResponseError error = ServerLauncher.shortError(failure);
      assertEquals(ResponseErrorCode.InternalError.getValue(), error.getCode());
      assertEquals("buildbot-ls could not answer: IllegalStateException", error.getMessage());
      assertNull(error.getData(), "no Java stack trace in data");
    }
  }
}
