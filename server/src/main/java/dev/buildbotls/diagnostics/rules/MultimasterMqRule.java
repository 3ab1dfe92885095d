package dev.buildbotls.diagnostics.rules;

import dev.buildbotls.diagnostics.Code;
import java.util.List;

/** More than one master needs the wamp message queue: {@code simple} only reaches its own master. */
public final class MultimasterMqRule extends MultimasterRule {
  public MultimasterMqRule() {
    super(List.of("mq", "type"), Code.MULTIMASTER_MQ);
  }

  @Override
  boolean singleMasterOnly(String value) {
    return !value.equals("wamp");
  }

  @Override
  String advice() {
    return "set `mq.type: wamp` or run one master";
  }
}
