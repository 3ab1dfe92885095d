package dev.buildbotls.diagnostics;

import java.util.List;

/** The diagnostic codes of the values contract. */
public final class Codes {
  public static final String SOURCE = "buildbot-ls";
  public static final String DUPLICATE_WORKER = "duplicate-worker";
  public static final String SHARED_WORKER_PASSWORD = "shared-worker-password";
  public static final String UNKNOWN_WORKER = "unknown-worker";
  public static final String MULTIMASTER_MQ = "multimaster-mq";
  public static final String MULTIMASTER_DATABASE = "multimaster-database";
  public static final String PLAINTEXT_PASSWORD = "plaintext-password";
  public static final String LEGACY_LAYOUT = "legacy-layout";
  public static final String UI_WITHOUT_AUTH = "ui-without-auth";
  public static final String GENERATED_PASSWORD = "generated-password";
  public static final String DUPLICATE_KEY = "duplicate-key";
  public static final String YAML_SYNTAX = "yaml-syntax";
  public static final String SCHEMA_PREFIX = "schema/";

  /** Every code with its one-line meaning, for SARIF rules and the README. */
  public static final List<String[]> ALL = List.of(
      new String[] {DUPLICATE_WORKER, "Two workers resolve to one Buildbot login."},
      new String[] {SHARED_WORKER_PASSWORD, "Two or more workers carry the same literal password."},
      new String[] {UNKNOWN_WORKER, "A builder names no defined worker or pool member."},
      new String[] {MULTIMASTER_MQ, "More than one master needs mq.type: wamp."},
      new String[] {MULTIMASTER_DATABASE, "More than one master cannot share sqlite."},
      new String[] {PLAINTEXT_PASSWORD, "A literal password in values; existingSecret keeps it out."},
      new String[] {LEGACY_LAYOUT, "The flat layout of the original multi-master chart."},
      new String[] {UI_WITHOUT_AUTH, "An Ingress publishes a web UI that has no authentication."},
      new String[] {GENERATED_PASSWORD, "An empty password: generated, and drawn anew at every helm template."},
      new String[] {DUPLICATE_KEY, "A repeated key in a mapping: Helm keeps only the last."},
      new String[] {YAML_SYNTAX, "The text is not YAML."},
      new String[] {"schema/additionalProperties", "A key the chart does not know."},
      new String[] {"schema/required", "A required property is missing."},
      new String[] {"schema/type", "A value of the wrong type."},
      new String[] {"schema/enum", "A value outside the allowed set."},
      new String[] {"schema/pattern", "A value or name that does not match its pattern."},
      new String[] {"schema/minimum", "A number below its minimum."},
      new String[] {"schema/maximum", "A number above its maximum."},
      new String[] {"schema/minLength", "A string shorter than allowed."},
      new String[] {"schema/maxLength", "A string longer than allowed."},
      new String[] {"schema/oneOf", "A value of none of the allowed shapes."},
      new String[] {"schema/uniqueItems", "A list with repeated items."});

  private Codes() {}
}
