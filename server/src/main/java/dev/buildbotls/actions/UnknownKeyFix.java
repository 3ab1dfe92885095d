package dev.buildbotls.actions;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.Suggestions;
import dev.buildbotls.diagnostics.ValuesContext;
import dev.buildbotls.schema.ValuesSchema;
import dev.buildbotls.yaml.NodeFinder;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.TextEdit;

/** An unknown key: replace it with a close allowed key, one action per good candidate. */
final class UnknownKeyFix implements QuickFix {
  @Override
  public Code code() {
    return Code.SCHEMA_ADDITIONAL_PROPERTIES;
  }

  @Override
  public List<CodeAction> fixes(ValuesContext context, YamlEdits edits, Diagnostic diagnostic) {
    return NodeFinder.find(context.document(), diagnostic.getRange().getStart())
        .filter(NodeFinder.Hit::onKey)
        .map(hit -> {
          String key = hit.entry().keyText();
          List<Object> parent = hit.path().subList(0, hit.path().size() - 1);
          List<String> known = ValuesSchema.get().at(parent).map(ValuesSchema::propertyNames).orElse(List.of());
          return Suggestions.closest(key, known).stream()
              .map(candidate -> Fixes.fix("Replace `" + key + "` with `" + candidate + "`", diagnostic, context.uri(),
                  List.of(new TextEdit(hit.entry().key().range(), candidate))))
              .toList();
        })
        .orElse(List.of());
  }
}
