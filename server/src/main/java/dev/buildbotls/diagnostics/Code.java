package dev.buildbotls.diagnostics;

import org.eclipse.lsp4j.DiagnosticSeverity;

/**
 * The catalogue of diagnostic codes: each code's id, default severity and one-line summary. Rules
 * and quick fixes name codes only through it; the SARIF rules are made from it, and
 * CodeCatalogueTest checks the README's table, the VS Code setting and the tests against it. A new
 * rule is its class and one entry here.
 */
public enum Code {
  DUPLICATE_WORKER("duplicate-worker", DiagnosticSeverity.Error, "Two workers resolve to one Buildbot login."),
  SHARED_WORKER_PASSWORD("shared-worker-password", DiagnosticSeverity.Warning, "Two or more workers carry the same literal password."),
  UNKNOWN_WORKER("unknown-worker", DiagnosticSeverity.Error, "A builder names no defined worker or pool member."),
  MULTIMASTER_MQ("multimaster-mq", DiagnosticSeverity.Error, "More than one master needs mq.type: wamp."),
  MULTIMASTER_DATABASE("multimaster-database", DiagnosticSeverity.Error, "More than one master cannot share sqlite."),
  PLAINTEXT_PASSWORD("plaintext-password", DiagnosticSeverity.Information, "A literal password in values; existingSecret keeps it out."),
  GENERATED_PASSWORD("generated-password", DiagnosticSeverity.Information, "An empty password: generated, and drawn anew at every helm template."),
  UI_WITHOUT_AUTH("ui-without-auth", DiagnosticSeverity.Information, "An Ingress publishes a web UI that has no authentication."),
  LEGACY_LAYOUT("legacy-layout", DiagnosticSeverity.Warning, "The flat layout of the original multi-master chart."),
  DUPLICATE_KEY("duplicate-key", DiagnosticSeverity.Error, "A repeated key in a mapping: Helm keeps only the last."),
  YAML_SYNTAX("yaml-syntax", DiagnosticSeverity.Error, "The text is not YAML."),
  HELM_RENDER("helm-render", DiagnosticSeverity.Error, "After a render: a value Helm refused."),
  SCHEMA_ADDITIONAL_PROPERTIES("schema/additionalProperties", DiagnosticSeverity.Error, "A key the chart does not know."),
  SCHEMA_REQUIRED("schema/required", DiagnosticSeverity.Error, "A required property is missing."),
  SCHEMA_TYPE("schema/type", DiagnosticSeverity.Error, "A value of the wrong type."),
  SCHEMA_ENUM("schema/enum", DiagnosticSeverity.Error, "A value outside the allowed set."),
  SCHEMA_PATTERN("schema/pattern", DiagnosticSeverity.Error, "A value or name that does not match its pattern."),
  SCHEMA_MINIMUM("schema/minimum", DiagnosticSeverity.Error, "A number below its minimum."),
  SCHEMA_MAXIMUM("schema/maximum", DiagnosticSeverity.Error, "A number above its maximum."),
  SCHEMA_MIN_LENGTH("schema/minLength", DiagnosticSeverity.Error, "A string shorter than allowed."),
  SCHEMA_MAX_LENGTH("schema/maxLength", DiagnosticSeverity.Error, "A string longer than allowed."),
  SCHEMA_ONE_OF("schema/oneOf", DiagnosticSeverity.Error, "A value of none of the allowed shapes."),
  SCHEMA_UNIQUE_ITEMS("schema/uniqueItems", DiagnosticSeverity.Error, "A list with repeated items.");

  /** The source of every diagnostic the server makes. */
  public static final String SOURCE = "buildbot-ls";
  /** Schema codes are this prefix and the failed JSON Schema keyword (one entry per common keyword). */
  public static final String SCHEMA_PREFIX = "schema/";

  private final String id;
  private final DiagnosticSeverity severity;
  private final String summary;

  Code(String id, DiagnosticSeverity severity, String summary) {
    this.id = id;
    this.severity = severity;
    this.summary = summary;
  }

  public String id() {
    return id;
  }

  public DiagnosticSeverity severity() {
    return severity;
  }

  public String summary() {
    return summary;
  }

  /** A code of a rule beyond the schema (not schema/..., not helm-render). */
  public boolean isRule() {
    return !id.startsWith(SCHEMA_PREFIX) && this != HELM_RENDER && this != YAML_SYNTAX;
  }
}
