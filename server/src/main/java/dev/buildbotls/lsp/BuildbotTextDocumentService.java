package dev.buildbotls.lsp;

import dev.buildbotls.service.LanguageService;
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

/**
 * The protocol methods: notifications go to the open documents; each request is one hand-off to the
 * language service with the analysed document, the position and a cancel check.
 */
final class BuildbotTextDocumentService implements TextDocumentService {
  private final ClientSession session;
  private final OpenDocuments documents;

  BuildbotTextDocumentService(ClientSession session) {
    this.session = session;
    this.documents = session.documents();
  }

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    documents.open(params.getTextDocument().getUri(), params.getTextDocument().getText(), params.getTextDocument().getVersion());
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    documents.change(params.getTextDocument().getUri(), params.getTextDocument().getVersion(), params.getContentChanges());
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    documents.close(params.getTextDocument().getUri());
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    documents.saved(params.getTextDocument().getUri());
  }

  /**
   * Answers on the protocol thread when the document's current version is analysed (then these
   * requests take well under a millisecond, and a hop to a pool thread would cost more than the
   * work); otherwise off it, cancellable, while the analysis is made.
   */
  private <T> CompletableFuture<T> answer(String uri, Function<CancelChecker, T> work) {
    if (!documents.isAnalysed(uri)) {
      return CompletableFutures.computeAsync(work);
    }
    try {
      return CompletableFuture.completedFuture(work.apply(() -> {}));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Completion never waits for this keystroke's analysis: the current lines and the latest workers. */
  @Override
  public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
    String uri = params.getTextDocument().getUri();
    return answer(uri, cancel -> Either.forRight(documents.lines(uri).map(lines -> LanguageService.completion(lines,
        documents.workersAt(uri, params.getPosition(), cancel), params.getPosition(), session.supportsItemDefaults(), session.supportsSnippets(), cancel))
        .orElseGet(() -> new CompletionList(List.of()))));
  }

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    String uri = params.getTextDocument().getUri();
    return CompletableFutures.computeAsync(cancel -> documents.analysis(uri, cancel).map(a -> LanguageService.codeActions(uri, a,
        OpenDocuments.contextAt(a, params.getRange().getStart()).orElse(null), params.getContext().getDiagnostics(), cancel))
        .orElse(List.of()).stream().map(Either::<Command, CodeAction>forRight).toList());
  }

  @Override
  public CompletableFuture<Hover> hover(HoverParams params) {
    return answer(params.getTextDocument().getUri(), cancel -> documents.contextAt(params.getTextDocument().getUri(), params.getPosition(), cancel)
        .flatMap(c -> LanguageService.hover(c, params.getPosition(), cancel)).orElse(null));
  }

  @Override
  public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(DefinitionParams params) {
    return answer(params.getTextDocument().getUri(), cancel -> Either.forLeft(documents.contextAt(params.getTextDocument().getUri(), params.getPosition(), cancel)
        .map(c -> LanguageService.definition(c, params.getPosition(), cancel)).orElse(List.of())));
  }

  @Override
  public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
    return answer(params.getTextDocument().getUri(), cancel -> documents.contextAt(params.getTextDocument().getUri(), params.getPosition(), cancel)
        .map(c -> LanguageService.references(c, params.getPosition(), params.getContext().isIncludeDeclaration(), cancel)).orElse(List.of()));
  }

  @Override
  public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(PrepareRenameParams params) {
    return answer(params.getTextDocument().getUri(), cancel -> documents.contextAt(params.getTextDocument().getUri(), params.getPosition(), cancel)
        .flatMap(c -> LanguageService.prepareRename(c, params.getPosition(), cancel))
        .map(Either3::<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>forFirst).orElse(null));
  }

  @Override
  public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
    return answer(params.getTextDocument().getUri(), cancel -> documents.contextAt(params.getTextDocument().getUri(), params.getPosition(), cancel)
        .map(c -> LanguageService.rename(c, params.getPosition(), params.getNewName(), cancel)).orElse(null));
  }

  @Override
  public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
    return answer(params.getTextDocument().getUri(), cancel -> documents.analysis(params.getTextDocument().getUri(), cancel)
        .map(a -> LanguageService.symbols(a, cancel).stream().map(Either::<SymbolInformation, DocumentSymbol>forRight).toList())
        .orElse(List.of()));
  }

  @Override
  public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams params) {
    return answer(params.getTextDocument().getUri(), cancel -> documents.analysis(params.getTextDocument().getUri(), cancel)
        .map(a -> LanguageService.foldingRanges(a, cancel)).orElse(List.of()));
  }
}
