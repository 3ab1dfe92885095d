package dev.buildbotls.lsp;

import dev.buildbotls.version.Version;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dev.buildbotls.completion.CompletionService;
import dev.buildbotls.actions.CodeActionService;
import java.util.List;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The lsp4j server: capabilities, lifecycle, and the two services. */
public final class BuildbotLanguageServer implements LanguageServer, LanguageClientAware {
  private final ClientSession session = new ClientSession();
  private final BuildbotTextDocumentService documents = new BuildbotTextDocumentService(session);
  private final BuildbotWorkspaceService workspace = new BuildbotWorkspaceService(session);
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "buildbot-ls-parent-watch");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean shutdown;
  private volatile int exitCode = 1;

  @Override
  public void connect(LanguageClient client) {
    session.connect(client);
  }

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    session.initialize(params.getCapabilities(), params.getInitializationOptions(), roots(params));
    if (params.getProcessId() != null) {
      watchParent(params.getProcessId());
    }
    ServerCapabilities capabilities = new ServerCapabilities();
    capabilities.setTextDocumentSync(TextDocumentSyncKind.Incremental);
    capabilities.setCompletionProvider(new CompletionOptions(false, CompletionService.TRIGGER_CHARACTERS));
    capabilities.setHoverProvider(true);
    capabilities.setDefinitionProvider(true);
    capabilities.setReferencesProvider(true);
    capabilities.setRenameProvider(new RenameOptions(true));
    capabilities.setDocumentSymbolProvider(true);
    capabilities.setFoldingRangeProvider(true);
    capabilities.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix, CodeActionKind.Source)));
    capabilities.setExecuteCommandProvider(new ExecuteCommandOptions(List.of(CodeActionService.RENDER_COMMAND)));
    return CompletableFuture.completedFuture(new InitializeResult(capabilities, new ServerInfo("buildbot-ls", Version.VERSION)));
  }

  /** The workspace folders (or the older rootUri), as paths. */
  @SuppressWarnings("deprecation") // rootUri: clients that send no workspaceFolders (Neovim before 0.9 sends both)
  private static List<java.nio.file.Path> roots(InitializeParams params) {
    List<String> uris = params.getWorkspaceFolders() != null && !params.getWorkspaceFolders().isEmpty()
        ? params.getWorkspaceFolders().stream().map(org.eclipse.lsp4j.WorkspaceFolder::getUri).toList()
        : params.getRootUri() == null ? List.of() : List.of(params.getRootUri());
    return uris.stream().map(Document::pathOf).filter(java.util.Objects::nonNull).toList();
  }

  /** The LSP specification: exit when the process that started us is gone. */
  private void watchParent(int pid) {
    watchdog.scheduleWithFixedDelay(() -> {
      if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
        System.err.println("buildbot-ls: parent process " + pid + " is gone, exiting");
        Runtime.getRuntime().halt(1);
      }
    }, 3, 3, TimeUnit.SECONDS);
  }

  @Override
  public void initialized(InitializedParams params) {
    session.initialized();
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdown = true;
    session.stop();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    exitCode = shutdown ? 0 : 1;
    System.exit(exitCode);
  }

  int exitCode() {
    return shutdown ? 0 : 1;
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return documents;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return workspace;
  }
}
