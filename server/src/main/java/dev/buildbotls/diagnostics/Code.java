package dev.buildbotls.diagnostics;

import dev.buildbotls.diagnostics.rules.CoercedKeyRule;
import dev.buildbotls.diagnostics.rules.DuplicateKeyRule;
import dev.buildbotls.diagnostics.rules.DuplicateWorkerRule;
import dev.buildbotls.diagnostics.rules.GeneratedPasswordRule;
import dev.buildbotls.diagnostics.rules.ImageContractRule;
import dev.buildbotls.diagnostics.rules.InheritedDefaultRule;
import dev.buildbotls.diagnostics.rules.LegacyLayoutRule;
import dev.buildbotls.diagnostics.rules.MultimasterDatabaseRule;
import dev.buildbotls.diagnostics.rules.MultimasterMqRule;
import dev.buildbotls.diagnostics.rules.NetworkPolicyOffRule;
import dev.buildbotls.diagnostics.rules.PlaintextPasswordRule;
import dev.buildbotls.diagnostics.rules.SharedWorkerPasswordRule;
import dev.buildbotls.diagnostics.rules.UiWithoutAuthRule;
import dev.buildbotls.diagnostics.rules.UnknownWorkerRule;
import dev.buildbotls.diagnostics.rules.UpgradePathRule;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.lsp4j.DiagnosticSeverity;

/**
 * The catalogue of diagnostic codes: each code's id, default severity, one-line summary and the
 * rule that raises it. Rules and quick fixes name codes only through it; the analysis runs the rules
 * listed here and the SARIF rules are made from it; CodeCatalogueTest checks the README's table, the
 * VS Code setting and the tests against it. A new rule is its class and one entry here.
 */
public enum Code {
  DUPLICATE_WORKER("duplicate-worker", DiagnosticSeverity.Error, "Two workers resolve to one Buildbot login.",
      DuplicateWorkerRule::new),
  SHARED_WORKER_PASSWORD("shared-worker-password", DiagnosticSeverity.Warning, "Two or more workers carry the same literal password.",
      SharedWorkerPasswordRule::new),
  UNKNOWN_WORKER("unknown-worker", DiagnosticSeverity.Error, "A builder names no defined worker or pool member.",
      UnknownWorkerRule::new),
  MULTIMASTER_MQ("multimaster-mq", DiagnosticSeverity.Error, "More than one master needs mq.type: wamp.",
      MultimasterMqRule::new),
  MULTIMASTER_DATABASE("multimaster-database", DiagnosticSeverity.Error, "More than one master cannot share sqlite.",
      MultimasterDatabaseRule::new),
  PLAINTEXT_PASSWORD("plaintext-password", DiagnosticSeverity.Information, "A literal password in values; existingSecret keeps it out.",
      PlaintextPasswordRule::new),
  GENERATED_PASSWORD("generated-password", DiagnosticSeverity.Information, "An empty password: generated, and drawn anew at every helm template.",
      GeneratedPasswordRule::new),
  UI_WITHOUT_AUTH("ui-without-auth", DiagnosticSeverity.Information, "An Ingress or an outside Service publishes a web UI that has no login.",
      UiWithoutAuthRule::new),
  NETWORK_POLICY_OFF("network-policy-off", DiagnosticSeverity.Warning, "networkPolicy.enabled: false lets every pod reach the database, router and masters.",
      NetworkPolicyOffRule::new),
  LEGACY_LAYOUT("legacy-layout", DiagnosticSeverity.Warning, "The flat layout of the original multi-master chart.",
      LegacyLayoutRule::new),
  DUPLICATE_KEY("duplicate-key", DiagnosticSeverity.Error, "A repeated key in a mapping: Helm keeps only the last.",
      DuplicateKeyRule::new),
  INHERITED_DEFAULT("inherited-default", DiagnosticSeverity.Warning, "The chart's defaults add workers or builders this file neither sets nor deletes.",
      InheritedDefaultRule::new),
  COERCED_KEY("coerced-key", DiagnosticSeverity.Error, "A plain key Helm reads as a boolean or number (on:, yes:, 0x1f:): another name.",
      CoercedKeyRule::new),
  IMAGE_CONTRACT("image-contract", DiagnosticSeverity.Warning, "A Buildbot image tag outside the range the chart's image contract holds for.",
      ImageContractRule::new),
  UPGRADE_PATH("upgrade-path", DiagnosticSeverity.Warning, "Masters on two Buildbot releases, or a downgrade the migration Job refuses.",
      UpgradePathRule::new),
  YAML_SYNTAX("yaml-syntax", DiagnosticSeverity.Error, "The text is not YAML.",
      null),
  ANALYSIS_BUDGET("analysis-budget", DiagnosticSeverity.Error, "The analysis ran out of time; what follows went unchecked.",
      null),
  IGNORED_DOCUMENT("ignored-document", DiagnosticSeverity.Warning, "A YAML document after the first: Helm ignores it.",
      null),
  STACK_LAYER("stack-layer", DiagnosticSeverity.Warning, "A stack layer not read: no regular file inside the workspace, or over 1 MiB.",
      null),
  HELM_RENDER("helm-render", DiagnosticSeverity.Error, "After a render: a value Helm refused.",
      null),
  SCHEMA_ADDITIONAL_PROPERTIES("schema/additionalProperties", DiagnosticSeverity.Error, "A key the chart does not know.",
      null),
  SCHEMA_REQUIRED("schema/required", DiagnosticSeverity.Error, "A required property is missing.",
      null),
  SCHEMA_TYPE("schema/type", DiagnosticSeverity.Error, "A value of the wrong type.",
      null),
  SCHEMA_ENUM("schema/enum", DiagnosticSeverity.Error, "A value outside the allowed set.",
      null),
  SCHEMA_PATTERN("schema/pattern", DiagnosticSeverity.Error, "A value or name that does not match its pattern.",
      null),
  SCHEMA_MINIMUM("schema/minimum", DiagnosticSeverity.Error, "A number below its minimum.",
      null),
  SCHEMA_MAXIMUM("schema/maximum", DiagnosticSeverity.Error, "A number above its maximum.",
      null),
  SCHEMA_MIN_LENGTH("schema/minLength", DiagnosticSeverity.Error, "A string shorter than allowed.",
      null),
  SCHEMA_MAX_LENGTH("schema/maxLength", DiagnosticSeverity.Error, "A string longer than allowed.",
      null),
  SCHEMA_ONE_OF("schema/oneOf", DiagnosticSeverity.Error, "A value of none of the allowed shapes.",
      null),
  SCHEMA_UNIQUE_ITEMS("schema/uniqueItems", DiagnosticSeverity.Error, "A list with repeated items.",
      null);

  /** The source of every diagnostic the server makes. */
  public static final String SOURCE = "buildbot-ls";
  /** Schema codes are this prefix and the failed JSON Schema keyword (one entry per common keyword). */
  public static final String SCHEMA_PREFIX = "schema/";

  private final String id;
  private final DiagnosticSeverity severity;
  private final String summary;
  private final Supplier<Rule> rule;

  Code(String id, DiagnosticSeverity severity, String summary, Supplier<Rule> rule) {
    this.id = id;
    this.severity = severity;
    this.summary = summary;
    this.rule = rule;
  }

  /** The rule raising this code (beyond the schema), or empty for schema, syntax and render codes. */
  public Optional<Rule> newRule() {
    return Optional.ofNullable(rule).map(Supplier::get);
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

  /** A code of a rule beyond the schema (not schema/..., yaml-syntax or helm-render). */
  public boolean isRule() {
    return rule != null;
  }
}
