package dev.buildbotls.server;

import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.services.TextDocumentService;

/** Protocol methods, each a one-line hand-off to the language service. */
final class BuildbotTextDocumentService implements TextDocumentService {
  private final ValuesLanguageService language;

  BuildbotTextDocumentService(ValuesLanguageService language) {
    this.language = language;
  }

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    language.open(params.getTextDocument().getUri(), params.getTextDocument().getText(), params.getTextDocument().getVersion());
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    language.change(params.getTextDocument().getUri(), params.getTextDocument().getVersion(), params.getContentChanges());
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    language.close(params.getTextDocument().getUri());
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    language.saved(params.getTextDocument().getUri());
  }
}
