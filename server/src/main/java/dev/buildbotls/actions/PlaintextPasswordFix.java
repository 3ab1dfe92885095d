package dev.buildbotls.actions;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.yaml.NodeFinder;
import dev.buildbotls.yaml.YMap;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/**
 * A literal password: replace it with an {@code existingSecret} block and a comment holding the
 * {@code kubectl create secret} command. The password itself is written nowhere else.
 */
final class PlaintextPasswordFix implements QuickFix {
  @Override
  public Code code() {
    return Code.PLAINTEXT_PASSWORD;
  }

  @Override
  public List<CodeAction> fixes(ValuesContext context, YamlEdits edits, Diagnostic diagnostic) {
    Optional<NodeFinder.Hit> hit = NodeFinder.find(context.document(), diagnostic.getRange().getStart());
    if (hit.isEmpty() || hit.get().path().size() < 2 || !"password".equals(hit.get().path().get(hit.get().path().size() - 1))) {
      return List.of();
    }
    List<Object> path = hit.get().path();
    YMap.Entry entry = context.document().findEntry(path).orElseThrow();
    String secret = path.get(0).equals("workers") ? "buildbot-worker-" + path.get(1) : "buildbot-database";
    String command = "# kubectl create secret generic " + secret + " --from-literal=password='<the password>'";
    Position keyStart = entry.key().range().getStart();
    Range whole = new Range(keyStart, entry.value().range().getEnd());
    boolean flow = context.document().find(path.subList(0, path.size() - 1)).map(p -> p instanceof YMap m && m.flow()).orElse(false);
    List<TextEdit> changes;
    if (flow) {
      Position lineStart = new Position(keyStart.getLine(), 0);
      String indent = " ".repeat(indentOf(edits.lines().lineText(keyStart.getLine())));
      changes = List.of(
          new TextEdit(new Range(lineStart, lineStart), indent + command + "\n"),
          new TextEdit(whole, "existingSecret: {name: " + secret + ", key: password}"));
    } else {
      String indent = " ".repeat(keyStart.getCharacter());
      String child = indent + " ".repeat(edits.unit());
      changes = List.of(new TextEdit(whole,
          command + "\n" + indent + "existingSecret:\n" + child + "name: " + secret + "\n" + child + "key: password"));
    }
    return List.of(Fixes.fix("Move the password to a Secret (`existingSecret: " + secret + "`)", diagnostic, context.uri(), changes));
  }

  private static int indentOf(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }
}
