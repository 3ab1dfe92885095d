package dev.buildbotls.server;

import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Workspace notifications, handed to the language service. */
final class BuildbotWorkspaceService implements WorkspaceService {
  private final ValuesLanguageService language;

  BuildbotWorkspaceService(ValuesLanguageService language) {
    this.language = language;
  }

  @Override
  public void didChangeConfiguration(DidChangeConfigurationParams params) {
    language.revalidateAll();
  }

  @Override
  public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    language.revalidateAll();
  }
}
