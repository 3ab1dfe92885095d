package dev.buildbotls.actions;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.yaml.NodeFinder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/**
 * Two workers with one login (a pool member that is another worker's login, or a worker's name
 * repeated under {@code workers}, a {@code duplicate-key} there): rename the later one to a fresh,
 * unique name.
 */
final class DuplicateWorkerFix implements QuickFix {
  private final Code code;

  private DuplicateWorkerFix(Code code) {
    this.code = code;
  }

  static DuplicateWorkerFix loginClash() {
    return new DuplicateWorkerFix(Code.DUPLICATE_WORKER);
  }

  /** Only a key repeated directly under {@code workers} is a worker defined twice. */
  static DuplicateWorkerFix repeatedName() {
    return new DuplicateWorkerFix(Code.DUPLICATE_KEY);
  }

  @Override
  public Code code() {
    return code;
  }

  @Override
  public List<CodeAction> fixes(ValuesContext context, YamlEdits edits, Diagnostic diagnostic) {
    if (code == Code.DUPLICATE_KEY && !isWorkerName(context, diagnostic.getRange())) {
      return List.of();
    }
    List<Range> group = new ArrayList<>(List.of(diagnostic.getRange()));
    if (diagnostic.getRelatedInformation() != null) {
      diagnostic.getRelatedInformation().stream().map(DiagnosticRelatedInformation::getLocation).map(l -> l.getRange()).forEach(group::add);
    }
    Range later = group.stream().max(Comparator.comparingInt((Range r) -> r.getStart().getLine())
        .thenComparingInt(r -> r.getStart().getCharacter())).orElseThrow();
    return NodeFinder.find(context.document(), later.getStart()).filter(NodeFinder.Hit::onKey).map(hit -> {
      String name = hit.entry().keyText();
      String fresh = freshName(context, name);
      return List.of(Fixes.fix("Rename the later worker `" + name + "` to `" + fresh + "`", diagnostic, context.uri(),
          List.of(new TextEdit(hit.entry().key().range(), fresh))));
    }).orElse(List.of());
  }

  private static boolean isWorkerName(ValuesContext context, Range range) {
    return context.document().mapAt(List.of("workers"))
        .map(workers -> workers.entries().stream().anyMatch(e -> e.key().range().equals(range))).orElse(false);
  }

  /** {@code name-2}, {@code name-3}, ...: the first that is no worker, no login and no pool's login prefix. */
  static String freshName(ValuesContext context, String name) {
    Set<String> taken = new HashSet<>(context.workers().referenceableNames());
    context.document().mapAt(List.of("workers")).ifPresent(m -> m.entries().forEach(e -> taken.add(e.keyText())));
    String base = name.replaceFirst("-\\d+$", "");
    for (int n = 2; ; n++) {
      String candidate = base + "-" + n;
      if (!taken.contains(candidate) && candidate.length() <= 50) {
        return candidate;
      }
    }
  }
}
