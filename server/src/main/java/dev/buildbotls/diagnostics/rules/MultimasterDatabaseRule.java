package dev.buildbotls.diagnostics.rules;

import dev.buildbotls.diagnostics.Code;
import java.util.List;

/** sqlite is a file in one master's pod: a second master cannot share it. */
public final class MultimasterDatabaseRule extends MultimasterRule {
  public MultimasterDatabaseRule() {
    super(List.of("database", "type"), Code.MULTIMASTER_DATABASE);
  }

  @Override
  boolean singleMasterOnly(String value) {
    return value.equals("sqlite");
  }

  @Override
  String advice() {
    return "use `postgresql` (an empty database.host deploys one) or run one master";
  }
}
