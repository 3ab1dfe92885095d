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
import dev.buildbotls.diagnostics.rules.ScaleLimitRule;
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
      "two workers resolve to one login: a pool member (`name-0`..) equal to another worker's login, or a latent worker named as one; each occurrence, related to the others",
      DuplicateWorkerRule::new),
  SHARED_WORKER_PASSWORD("shared-worker-password", DiagnosticSeverity.Warning, "Two or more workers carry the same literal password.",
      "two or more workers carry the same literal password (never shown)",
      SharedWorkerPasswordRule::new),
  UNKNOWN_WORKER("unknown-worker", DiagnosticSeverity.Error, "A builder names no defined worker or pool member.",
      "a builder's `workers` names no worker, no pool member and no latent worker",
      UnknownWorkerRule::new),
  MULTIMASTER_MQ("multimaster-mq", DiagnosticSeverity.Error, "More than one master needs mq.type: wamp.",
      "more than one master in all and `mq.type` is not `wamp`",
      MultimasterMqRule::new),
  MULTIMASTER_DATABASE("multimaster-database", DiagnosticSeverity.Error, "More than one master cannot share sqlite.",
      "more than one master in all and `database.type` is `sqlite`",
      MultimasterDatabaseRule::new),
  PLAINTEXT_PASSWORD("plaintext-password", DiagnosticSeverity.Information, "A literal password in values; existingSecret keeps it out.",
      "a literal password; `existingSecret` keeps it out of Helm's history",
      PlaintextPasswordRule::new),
  GENERATED_PASSWORD("generated-password", DiagnosticSeverity.Information, "An empty password: generated, and drawn anew at every helm template.",
      "an empty `password` (no `existingSecret`) in a deployment's values: generated and kept by `helm upgrade`, but drawn anew at every `helm template` (Argo CD, Flux)",
      GeneratedPasswordRule::new),
  UI_WITHOUT_AUTH("ui-without-auth", DiagnosticSeverity.Information, "An Ingress or an outside Service publishes a web UI that has no login.",
      "an Ingress, or a `LoadBalancer` or `NodePort` web Service, publishes the web UI while `ui.auth.type` is `none`: whoever reaches it reads every build, log, worker and master (without a login nobody can control builds)",
      UiWithoutAuthRule::new),
  NETWORK_POLICY_OFF("network-policy-off", DiagnosticSeverity.Warning, "networkPolicy.enabled: false lets every pod reach the database, router and masters.",
      "`networkPolicy.enabled: false`: every pod of the cluster then reaches the database, the message router and the masters' worker port; keep the policies and admit more sources with `networkPolicy.extraWorkerSources` / `webSources`",
      NetworkPolicyOffRule::new),
  SCALE_LIMIT("scale-limit", DiagnosticSeverity.Error, "A farm past what Kubernetes or Helm stores in one object (1 MiB).",
      "the farm makes an object past 1 MiB: the masters' ConfigMap, a Secret of worker passwords or Helm's release record (estimated; about 5,000 named workers, a pool member costs a quarter of one); names the limit, the size and its largest part",
      ScaleLimitRule::new),
  LEGACY_LAYOUT("legacy-layout", DiagnosticSeverity.Warning, "The flat layout of the original multi-master chart.",
      "a key of the original chart's flat layout (`master_replicas`, `wortkerTypes`, ...)",
      LegacyLayoutRule::new),
  DUPLICATE_KEY("duplicate-key", DiagnosticSeverity.Error, "A repeated key in a mapping: Helm keeps only the last.",
      "a repeated key, a worker's name under `workers` included (Helm silently keeps the last: one workload, so no login clash); under `workers` the quick fix renames the later worker",
      DuplicateKeyRule::new),
  INHERITED_DEFAULT("inherited-default", DiagnosticSeverity.Warning, "The chart's defaults add workers or builders this file neither sets nor deletes.",
      "a file with `workers:` or `builders:` of its own that neither sets nor deletes the chart's default ones (the demo farm): Helm merges maps, so they would be deployed too; quick fixes delete them (`name: null`) or name them; a file whose entries all tune default ones is an override and is not flagged",
      InheritedDefaultRule::new),
  COERCED_KEY("coerced-key", DiagnosticSeverity.Error, "A plain key Helm reads as a boolean or number (on:, yes:, 0x1f:): another name.",
      "a plain key Helm reads as a YAML 1.1 boolean or number: `on:` names a worker `true`, `yes:` an annotation `true`, `0x1f:` a builder `31` (quote it to keep the name; `null:` and `~:` Helm refuses: `yaml-syntax`)",
      CoercedKeyRule::new),
  IMAGE_CONTRACT("image-contract", DiagnosticSeverity.Warning, "A Buildbot image tag outside the range the chart's image contract holds for.",
      "a Buildbot image (`master.image`, `ui.image`, a worker's `image`) outside the tags the chart's image contract holds for (v3.11.8 to v3.11.x and v4.0.3 to v4.x on quay.io; a tag that names no release; Docker Hub's older images): see chart/README.md, \"Supported image tags\"",
      ImageContractRule::new),
  UPGRADE_PATH("upgrade-path", DiagnosticSeverity.Warning, "Masters on two Buildbot releases, or a downgrade the migration Job refuses.",
      "web masters (`ui.image.tag`) and engine masters on two Buildbot releases (one database: the masters of one release never start), or a `master.image.tag` a major release below the chart's Buildbot (a release that ran it cannot go back: the migration Job refuses a downgrade)",
      UpgradePathRule::new),
  YAML_SYNTAX("yaml-syntax", DiagnosticSeverity.Error, "The text is not YAML.",
      "the text is not YAML (or past a limit below), or Helm cannot read it as the server does: U+0085, U+2028 or U+2029 outside quotes (a line break to Helm that editors do not show: a comment holding one hides values from the editor), DEL, a null, collection or past-int64 key",
      null),
  ANALYSIS_BUDGET("analysis-budget", DiagnosticSeverity.Error, "The analysis ran out of time; what follows went unchecked.",
      "the analysis of a document ran past its time budget (10 s); the checks after that point did not run",
      null),
  IGNORED_DOCUMENT("ignored-document", DiagnosticSeverity.Warning, "A YAML document after the first: Helm ignores it.",
      "a YAML document after the first (`---`): Helm reads only the first document of a values file, so this one is not checked and never deployed",
      null),
  STACK_LAYER("stack-layer", DiagnosticSeverity.Warning, "A stack layer not read: no regular file inside the workspace, or over 1 MiB.",
      "a layer of the document's stack (Helmfile, Argo CD Application, `buildbot.valuesStacks`) that is not read: not a regular file (a FIFO, a device, `/proc/self/fd/0`), outside the workspace once links are resolved, or over 1 MiB; on the document's first line, related to the line naming the layer",
      null),
  HELM_RENDER("helm-render", DiagnosticSeverity.Error, "After a render: a value Helm refused.",
      "after a render: a value Helm refused (its message)",
      null),
  SCHEMA_ADDITIONAL_PROPERTIES("schema/additionalProperties", DiagnosticSeverity.Error, "A key the chart does not know.",
      "",
      null),
  SCHEMA_REQUIRED("schema/required", DiagnosticSeverity.Error, "A required property is missing.",
      "",
      null),
  SCHEMA_TYPE("schema/type", DiagnosticSeverity.Error, "A value of the wrong type.",
      "",
      null),
  SCHEMA_ENUM("schema/enum", DiagnosticSeverity.Error, "A value outside the allowed set.",
      "",
      null),
  SCHEMA_PATTERN("schema/pattern", DiagnosticSeverity.Error, "A value or name that does not match its pattern.",
      "",
      null),
  SCHEMA_MINIMUM("schema/minimum", DiagnosticSeverity.Error, "A number below its minimum.",
      "",
      null),
  SCHEMA_MAXIMUM("schema/maximum", DiagnosticSeverity.Error, "A number above its maximum.",
      "",
      null),
  SCHEMA_MIN_LENGTH("schema/minLength", DiagnosticSeverity.Error, "A string shorter than allowed.",
      "",
      null),
  SCHEMA_MAX_LENGTH("schema/maxLength", DiagnosticSeverity.Error, "A string longer than allowed.",
      "",
      null),
  SCHEMA_ONE_OF("schema/oneOf", DiagnosticSeverity.Error, "A value of none of the allowed shapes.",
      "",
      null),
  SCHEMA_UNIQUE_ITEMS("schema/uniqueItems", DiagnosticSeverity.Error, "A list with repeated items.",
      "",
      null);

  /** The source of every diagnostic the server makes. */
  public static final String SOURCE = "buildbot-ls";
  /** Schema codes are this prefix and the failed JSON Schema keyword (one entry per common keyword). */
  public static final String SCHEMA_PREFIX = "schema/";

  private final String id;
  private final DiagnosticSeverity severity;
  private final String summary;
  private final String when;
  private final Supplier<Rule> rule;

  /**
   * @param summary one line (SARIF's short description)
   * @param when when the code is raised, in Markdown: the README's code table is made from it
   *     ({@code GeneratedDocsTest}); empty for the schema codes, which share one row
   */
  Code(String id, DiagnosticSeverity severity, String summary, String when, Supplier<Rule> rule) {
    this.id = id;
    this.severity = severity;
    this.summary = summary;
    this.when = when;
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

  public String when() {
    return when;
  }

  /** A code of a rule beyond the schema (not schema/..., yaml-syntax or helm-render). */
  public boolean isRule() {
    return rule != null;
  }
}
