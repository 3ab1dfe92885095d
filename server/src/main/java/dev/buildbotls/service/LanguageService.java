package dev.buildbotls.service;

import dev.buildbotls.actions.CodeActionService;
import dev.buildbotls.completion.CompletionService;
import dev.buildbotls.diagnostics.Analysis;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.hover.HoverService;
import dev.buildbotls.navigation.NavigationService;
import dev.buildbotls.outline.OutlineService;
import dev.buildbotls.values.Workers;
import dev.buildbotls.yaml.LineIndex;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * The language service: every feature behind one door, as Eclipse LemMinX has it. Each method takes
 * the analysed document (its context at the position, or the whole analysis), a position and a
 * cancel check, and returns lsp4j values. It knows nothing of the protocol or the client; the
 * protocol layer (server/) and the tests call it alike.
 */
public final class LanguageService {
  private LanguageService() {}

  /**
   * Completion on the text's lines, with the workers of the most recent values.
   *
   * @param sharedEditRange whether the client takes the items' shared edit range once ({@code itemDefaults})
   * @param snippets whether the client expands snippets
   */
  public static CompletionList completion(LineIndex lines, Workers workers, Position position, boolean sharedEditRange,
      boolean snippets, CancelChecker cancel) {
    cancel.checkCanceled();
    CompletionList list = CompletionService.complete(lines, workers, lines.clamp(position), snippets);
    return sharedEditRange ? CompletionService.withDefaultEditRange(list) : list;
  }

  public static Optional<Hover> hover(ValuesContext context, Position position, CancelChecker cancel) {
    cancel.checkCanceled();
    return HoverService.hover(context, position);
  }

  public static List<Location> definition(ValuesContext context, Position position, CancelChecker cancel) {
    cancel.checkCanceled();
    return NavigationService.definition(context, position);
  }

  public static List<Location> references(ValuesContext context, Position position, boolean includeDeclaration, CancelChecker cancel) {
    cancel.checkCanceled();
    return NavigationService.references(context, position, includeDeclaration);
  }

  public static Optional<Range> prepareRename(ValuesContext context, Position position, CancelChecker cancel) {
    cancel.checkCanceled();
    return NavigationService.prepareRename(context, position);
  }

  public static WorkspaceEdit rename(ValuesContext context, Position position, String newName, CancelChecker cancel) {
    cancel.checkCanceled();
    return NavigationService.rename(context, position, newName);
  }

  public static List<DocumentSymbol> symbols(Analysis analysis, CancelChecker cancel) {
    cancel.checkCanceled();
    return OutlineService.symbols(analysis.file().documents());
  }

  public static List<FoldingRange> foldingRanges(Analysis analysis, CancelChecker cancel) {
    cancel.checkCanceled();
    return OutlineService.foldingRanges(analysis.file().documents());
  }

  /** Quick fixes for the client's diagnostics, migration and render; context null when the text does not parse. */
  public static List<CodeAction> codeActions(String uri, Analysis analysis, ValuesContext context, List<Diagnostic> diagnostics,
      CancelChecker cancel) {
    cancel.checkCanceled();
    return CodeActionService.actions(uri, context, analysis.file().lines(), diagnostics);
  }
}
