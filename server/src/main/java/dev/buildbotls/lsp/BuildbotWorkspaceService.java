package dev.buildbotls.lsp;

import com.google.gson.JsonPrimitive;
import dev.buildbotls.actions.CodeActionService;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Workspace notifications and commands, handed to the client session. */
final class BuildbotWorkspaceService implements WorkspaceService {
  private final ClientSession session;

  BuildbotWorkspaceService(ClientSession session) {
    this.session = session;
  }

  @Override
  public void didChangeConfiguration(DidChangeConfigurationParams params) {
    session.configurationChanged(params.getSettings());
  }

  @Override
  public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
    if (CodeActionService.RENDER_COMMAND.equals(params.getCommand()) && !params.getArguments().isEmpty()) {
      return session.render(argument(params.getArguments().get(0)));
    }
    return CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
        "unknown command or missing document URI: " + params.getCommand(), null)));
  }

  /** Arguments arrive as Gson elements: a URI string, possibly quoted. */
  private static String argument(Object argument) {
    return argument instanceof JsonPrimitive p ? p.getAsString() : String.valueOf(argument);
  }

  @Override
  public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    session.documents().revalidateAll();
  }
}
