package dev.buildbotls.actions;

import dev.buildbotls.diagnostics.Code;
import dev.buildbotls.diagnostics.ValuesContext;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Diagnostic;

/** A single-master setting under several masters: switch the setting, or run one master. */
final class MultimasterFix implements QuickFix {
  private final Code code;
  private final String title;
  private final List<String> setting;
  private final String value;

  private MultimasterFix(Code code, String title, List<String> setting, String value) {
    this.code = code;
    this.title = title;
    this.setting = setting;
    this.value = value;
  }

  static MultimasterFix mq() {
    return new MultimasterFix(Code.MULTIMASTER_MQ, "Set `mq.type: wamp` (the chart deploys a crossbar router)", List.of("mq", "type"), "wamp");
  }

  static MultimasterFix database() {
    return new MultimasterFix(Code.MULTIMASTER_DATABASE, "Switch to the bundled PostgreSQL (`database.type: postgresql`)",
        List.of("database", "type"), "postgresql");
  }

  @Override
  public Code code() {
    return code;
  }

  @Override
  public List<CodeAction> fixes(ValuesContext context, YamlEdits edits, Diagnostic diagnostic) {
    List<CodeAction> actions = new ArrayList<>();
    actions.add(Fixes.fix(title, diagnostic, context.uri(), List.of(edits.set(setting, value))));
    var oneMaster = new ArrayList<>(List.of(edits.set(List.of("master", "replicas"), "1")));
    if (context.values().path("ui").path("replicas").asInt(0) > 0) {
      oneMaster.add(edits.set(List.of("ui", "replicas"), "0"));
    }
    actions.add(Fixes.fix("Run a single master (`master.replicas: 1`)", diagnostic, context.uri(), oneMaster));
    return actions;
  }
}
