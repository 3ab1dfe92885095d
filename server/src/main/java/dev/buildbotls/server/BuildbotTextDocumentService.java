package dev.buildbotls.server;

import dev.buildbotls.hover.HoverService;
import dev.buildbotls.navigation.NavigationService;
import dev.buildbotls.outline.OutlineService;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.services.TextDocumentService;

/** Protocol methods, each a hand-off to the language service and a feature, off the protocol thread. */
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

  /**
   * Answers on the protocol thread when the document's current version is analysed (then these
   * requests take well under a millisecond, and a hop to a pool thread would cost more than the
   * work); otherwise off it, cancellable, while the analysis is made.
   */
  private <T> CompletableFuture<T> answer(String uri, Function<CancelChecker, T> work) {
    if (!language.isAnalysed(uri)) {
      return CompletableFutures.computeAsync(work);
    }
    try {
      return CompletableFuture.completedFuture(work.apply(() -> {}));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
    return answer(params.getTextDocument().getUri(), cancel -> Either.forRight(
        language.completion(params.getTextDocument().getUri(), params.getPosition(), cancel)));
  }

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    return CompletableFutures.computeAsync(cancel -> language.codeActions(params.getTextDocument().getUri(), params.getRange(),
        params.getContext().getDiagnostics(), cancel).stream().map(Either::<Command, CodeAction>forRight).toList());
  }

  @Override
  public CompletableFuture<Hover> hover(HoverParams params) {
    return answer(params.getTextDocument().getUri(), cancel -> language.contextAt(params.getTextDocument().getUri(), params.getPosition(), cancel)
        .flatMap(c -> HoverService.hover(c, params.getPosition())).orElse(null));
  }

  @Override
  public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(DefinitionParams params) {
    return answer(params.getTextDocument().getUri(), cancel -> Either.forLeft(language.contextAt(params.getTextDocument().getUri(), params.getPosition(), cancel)
        .map(c -> NavigationService.definition(c, params.getPosition())).orElse(List.of())));
  }

  @Override
  public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
    return answer(params.getTextDocument().getUri(), cancel -> language.contextAt(params.getTextDocument().getUri(), params.getPosition(), cancel)
        .map(c -> NavigationService.references(c, params.getPosition(), params.getContext().isIncludeDeclaration())).orElse(List.of()));
  }

  @Override
  public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(PrepareRenameParams params) {
    return answer(params.getTextDocument().getUri(), cancel -> language.contextAt(params.getTextDocument().getUri(), params.getPosition(), cancel)
        .flatMap(c -> NavigationService.prepareRename(c, params.getPosition()))
        .map(Either3::<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>forFirst).orElse(null));
  }

  @Override
  public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
    return answer(params.getTextDocument().getUri(), cancel -> language.contextAt(params.getTextDocument().getUri(), params.getPosition(), cancel)
        .map(c -> NavigationService.rename(c, params.getPosition(), params.getNewName())).orElse(null));
  }

  @Override
  public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
    return answer(params.getTextDocument().getUri(), cancel -> language.analysis(params.getTextDocument().getUri(), cancel)
        .map(a -> OutlineService.symbols(a.file().documents()).stream().map(Either::<SymbolInformation, DocumentSymbol>forRight).toList())
        .orElse(List.of()));
  }

  @Override
  public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams params) {
    return answer(params.getTextDocument().getUri(), cancel -> language.analysis(params.getTextDocument().getUri(), cancel)
        .map(a -> OutlineService.foldingRanges(a.file().documents())).orElse(List.of()));
  }
}
