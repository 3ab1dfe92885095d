package dev.buildbotls.diagnostics;

import static dev.buildbotls.testing.Diagnose.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.buildbotls.testing.Diagnose;
import dev.buildbotls.testing.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YAML text in, exact diagnostics out: {@code code#i} sits on the i-th «marked» span. */
class DiagnosticsTableTest {
  /** The contract's severities, from the catalogue. */
  private static final Map<String, DiagnosticSeverity> CONTRACT_SEVERITY = java.util.Arrays.stream(Code.values())
      .collect(Collectors.toMap(Code::id, Code::severity));

  private static List<Diagnostic> check(String marked, String... expected) {
    List<Diagnostic> diagnostics = expect(marked, expected);
    for (Diagnostic d : diagnostics) {
      String code = d.getCode().getLeft();
      assertEquals(CONTRACT_SEVERITY.getOrDefault(code, DiagnosticSeverity.Error), d.getSeverity(), code);
      assertEquals("buildbot-ls", d.getSource());
    }
    return diagnostics;
  }

  // JSON Schema violations

  @Test
  void unknownKeyIsTheKeyWithTheClosestKnownOne() {
    var d = check("master:\n  «replcas»: 3\n", "schema/additionalProperties#0");
    assertEquals("unknown key `replcas` under `master` (did you mean `replicas`?); Helm rejects values the chart does not declare",
        d.get(0).getMessage());
  }

  @Test
  void unknownKeyInAWorker() {
    var d = check("workers:\n  docs:\n    «imag»: x\n", "schema/additionalProperties#0");
    assertTrue(d.get(0).getMessage().contains("did you mean `image`?"));
  }

  @Test
  void wrongTypeIsTheValue() {
    var d = check("master:\n  replicas: «two»\n", "schema/type#0");
    assertEquals("`master.replicas` must be an integer, not a string", d.get(0).getMessage());
  }

  @Test
  void enumSaysWhatIsAllowed() {
    var d = check("database:\n  type: «oracle»\n", "schema/enum#0");
    assertEquals("`database.type` must be one of `postgresql`, `sqlite`", d.get(0).getMessage());
  }

  @Test
  void upperCaseWorkerNameBreaksTheDnsRule() {
    check("«workers»:\n  «Linux»: {}\n", "inherited-default#0", "schema/pattern#1");
  }

  @Test
  void minimum() {
    check("master:\n  replicas: «0»\n", "schema/minimum#0");
  }

  @Test
  void missingRequiredPropertyIsTheParentKey() {
    var d = check("«builders»:\n  «app»:\n    repository: r\n", "inherited-default#0", "schema/required#1");
    assertEquals("`builders.app` lacks the required property `command`", d.get(1).getMessage());
  }

  @Test
  void yamlOneOneBooleansAreBooleansAsForHelm() {
    check("master:\n  title: «yes»\n", "schema/type#0");
  }

  // Rules beyond JSON Schema

  @Test
  void repeatedWorkerKeysAreEachFlaggedAndRelated() {
    // Helm keeps the last `a`: one workload, so a repeated key (not two pods with one login).
    var d = check("«workers»:\n  «a»: {}\n  «a»: {}\n", "inherited-default#0", "duplicate-key#1", "duplicate-key#2");
    assertEquals(d.get(2).getRange(), d.get(1).getRelatedInformation().get(0).getLocation().getRange());
    assertEquals(d.get(1).getRange(), d.get(2).getRelatedInformation().get(0).getLocation().getRange());
  }

  @Test
  void poolMemberCollidingWithAnotherWorker() {
    var d = check("«workers»:\n  «lin»: {replicas: 2}\n  «lin-1»: {}\n", "inherited-default#0", "duplicate-worker#1", "duplicate-worker#2");
    assertEquals("login `lin-1` of worker `lin` is also a login of worker `lin-1`: two pods would log in as one worker",
        d.get(1).getMessage());
  }

  @Test
  void latentWorkerNamedAsAnotherWorkersLogin() {
    var d = check("«workers»:\n  «lin»: {replicas: 2}\nlatentWorkers:\n  «lin-1»: {}\n", "inherited-default#0", "duplicate-worker#1", "duplicate-worker#2");
    assertEquals("login `lin-1` of worker `lin` is also a login of latent worker `lin-1`: two pods would log in as one worker",
        d.get(1).getMessage());
    assertEquals("login `lin-1` of latent worker `lin-1` is also a login of worker `lin`: two pods would log in as one worker",
        d.get(2).getMessage());
  }

  @Test
  void buildersNameLatentWorkersLikeAnyOther() {
    check("latentWorkers:\n  on-demand: {}\nbuilders:\n  app-tests: {workers: [on-demand, docs]}\n");
  }

  @Test
  void aLatentWorkersBuildPodNameMustBeADnsLabel() {
    String name = "a".repeat(48);
    var d = check("latentWorkers:\n  «" + name + "»: {}\n  " + "b".repeat(47) + ": {}\n", "schema/pattern#0");
    assertEquals("name `" + name + "` under `latentWorkers` must be lower-case letters, digits and '-', start and end with a letter or digit, "
        + "at most 47 characters (its build pods are named buildbot-<name>-<6 hex digits>, a DNS label of at most 63) "
        + "(pattern ^[a-z0-9]([-a-z0-9]{0,45}[a-z0-9])?$)", d.get(0).getMessage());
  }

  @Test
  void aBuildPodsLabelsCannotTakeTheChartsOwn() {
    var d = check("latentWorkers:\n  a:\n    labels: {«buildbot.net/worker»: b, team: ci}\n", "schema/propertyNames#0");
    assertEquals("`buildbot.net/worker` under `latentWorkers.a.labels` is reserved: the chart sets it itself (the prefixes app.kubernetes.io/, "
        + "helm.sh/ and buildbot.net/); Helm refuses the values", d.get(0).getMessage());
  }

  /** go-yaml refuses a tab that starts a line in block context, even before a comment; snakeyaml-engine skips it. */
  @Test
  void aTabIndentedCommentIsRefusedAsHelmRefusesIt() {
    var d = check("workers:\n«\t»# the demo ones\n  docs: {}\n", "yaml-syntax#0");
    assertTrue(d.get(0).getMessage().startsWith("a tab at the start of a line: Helm refuses the file"), d.get(0).getMessage());
    // In a flow sequence a tab separates: Helm reads the list (and the schema wants a string).
    check("master:\n  title: «[a,\n\t# a comment\n   b]»\n", "schema/type#0");
  }

  @Test
  void sharedPasswordNeverShowsThePassword() {
    var d = check("«workers»:\n  a: {password: «hunter2»}\n  b: {password: «hunter2»}\n",
        "inherited-default#0", "plaintext-password#1", "shared-worker-password#1", "plaintext-password#2", "shared-worker-password#2");
    d.forEach(x -> assertFalse(x.getMessage().contains("hunter2"), x.getMessage()));
  }

  @Test
  void unknownWorkerInABuilder() {
    var d = check("«builders»:\n  b:\n    repository: r\n    command: [make]\n    workers: [docs, linux-amd64-1, «dcos»]\n",
        "inherited-default#0", "unknown-worker#1");
    assertEquals("builder `b` names worker `dcos`, which is not defined (did you mean `docs`?)", d.get(1).getMessage());
  }

  @Test
  void simpleMqAgainstTheDefaultTwoMasters() {
    var d = check("mq:\n  type: «simple»\n", "multimaster-mq#0");
    assertTrue(d.get(0).getMessage().contains("master.replicas: 2 (from the chart's defaults)"), d.get(0).getMessage());
  }

  @Test
  void sqliteAloneAgainstTheDefaultTwoMasters() {
    var d = check("database: {type: «sqlite»}\n", "multimaster-database#0");
    assertTrue(d.get(0).getMessage().contains("2 masters in all"), d.get(0).getMessage());
  }

  @Test
  void webMastersCountAsMasters() {
    check("master: {replicas: 1}\nmq: {type: «simple»}\nui: {replicas: 1}\n", "multimaster-mq#0");
  }

  @Test
  void replicasAreFlaggedWhenTheSingleMasterSettingIsADefault(@TempDir Path chart) throws Exception {
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: buildbot\nversion: 0.1.0\n");
    Files.writeString(chart.resolve("values.yaml"), "master: {replicas: 1}\nui: {replicas: 0}\nmq: {type: simple}\ndatabase: {type: sqlite}\n");
    var d = Diagnose.run("master:\n  replicas: 3\n", chart.resolve("values-prod.yaml"));
    assertEquals(List.of("multimaster-database 1:12-1:13", "multimaster-mq 1:12-1:13"), Diagnose.describe(d));
    assertTrue(d.get(1).getMessage().startsWith("`mq.type: simple` (from the chart's defaults) works with a single master"));
  }

  @Test
  void singleMasterOnSqliteIsFine() {
    check("master: {replicas: 1}\ndatabase: {type: sqlite}\nmq: {type: simple}\n");
  }

  @Test
  void plaintextDatabasePassword() {
    check("database:\n  password: «hunter2»\n", "plaintext-password#0");
  }

  @Test
  void repeatedKeys() {
    var d = check("master:\n  «title»: a\n  «title»: b\n", "duplicate-key#0", "duplicate-key#1");
    assertEquals("key `title` is repeated: Helm ignores this one and keeps the one at line 3", d.get(0).getMessage());
  }

  @Test
  void legacyLayoutKey() {
    check("«master_replicas»: 2\n", "legacy-layout#0", "schema/additionalProperties#0");
  }

  @Test
  void aLegacyFileHasOneLegacyDiagnosticFirstAndEachFlatKeyRelatedToIt() {
    var d = check("# old\n«buildbotTitle»: CI\nmaster:\n  replicas: 1\n«postgres_db»: bb\n",
        "legacy-layout#0", "schema/additionalProperties#0", "schema/additionalProperties#1");
    assertEquals("this file is in the original chart's flat layout (2 keys), which this chart does not read: "
        + "the \"Migrate to the multi-master layout\" action rewrites it", d.get(0).getMessage());
    assertEquals(List.of("`buildbotTitle` is `master.title` here 1:0-1:13", "`postgres_db` is `database.name` here 4:0-4:11"),
        d.get(0).getRelatedInformation().stream().map(r -> r.getMessage() + " " + dev.buildbotls.testing.Marked.format(r.getLocation().getRange())).toList());
    assertEquals("unknown key `postgres_db`: the original chart's flat layout, `database.name` here; Helm rejects values the chart does not declare",
        d.get(2).getMessage());
    assertEquals("1:0-1:13", dev.buildbotls.testing.Marked.format(d.get(2).getRelatedInformation().get(0).getLocation().getRange()));
  }

  @Test
  void yamlSyntaxErrorAtTheParsersPlace() {
    check("master:\n  title: a\n «c»: d\n", "yaml-syntax#0");
  }

  // Text shapes

  @Test
  void crlfLineEndings() {
    check("master:\r\n  title: x\r\n  «replcas»: 3\r\n", "schema/additionalProperties#0");
  }

  @Test
  void astralCharactersCountTwoUtf16Units() {
    var d = check("master: {title: \"😀😀\", «replcas»: 3}\n", "schema/additionalProperties#0");
    assertEquals(24, d.get(0).getRange().getStart().getCharacter()); // 2 emoji = 4 UTF-16 units
  }

  @Test
  void byteOrderMark() {
    check("\uFEFFmaster:\n  «replcas»: 3\n", "schema/additionalProperties#0");
  }

  @Test
  void tabsInsideLines() {
    check("master:\n  title:\t\"a\tb\"\t# tabs separate, as YAML allows\n  «replcas»: 3\t\n", "schema/additionalProperties#0");
  }

  @Test
  void anchorsAndMergeKeysResolveAsForHelm() {
    check("«workers»:\n  a: &common {maxBuilds: 2, replicas: 1}\n  b:\n    <<: *common\n    replicas: 1\n", "inherited-default#0");
  }

  @Test
  void anErrorInsideAnAnchorIsReportedOnceAtTheAnchor() {
    check("«workers»:\n  a: &common {maxBuilds: «two»}\n  b:\n    <<: *common\n", "inherited-default#0", "schema/type#1");
  }

  @Test
  void flowStyle() {
    check("«workers»: {a: {password: «p»}, b: {password: «p»}}\n",
        "inherited-default#0", "plaintext-password#1", "shared-worker-password#1", "plaintext-password#2", "shared-worker-password#2");
  }

  @Test
  void onlyTheFirstDocumentIsCheckedAsHelmReadsOnlyIt() {
    check("master: {«replcas»: 1}\n---\n«master»: {replicas: 1}\n---\n«master»: {replcsa: 1}\n",
        "schema/additionalProperties#0", "ignored-document#1", "ignored-document#2");
  }

  @Test
  void emptyAndCommentOnlyFilesAreValidOverrides() {
    check("");
    check("# nothing set here\n");
    check("---\n");
  }

  @Test
  void aFarmOfItsOwnIsToldOfTheDefaultWorkersAndBuildersHelmMergesIntoIt() {
    var d = check("«workers»:\n  mine: {}\n«builders»:\n  mine:\n    repository: r\n    command: [make]\n    workers: [mine]\n",
        "inherited-default#0", "inherited-default#1");
    assertEquals("the chart's defaults add workers `linux-amd64`, `debian-arm64`, `docs` to the ones here (Helm merges maps, so they "
        + "are deployed too): delete them with `name: null`, or write them here to keep them", d.get(0).getMessage());
    assertTrue(d.get(1).getMessage().startsWith("the chart's defaults add builders `app-tests`, `docs` to the ones here"), d.get(1).getMessage());
    // Deleted or named, the defaults are the file's choice.
    check("workers:\n  mine: {}\n  linux-amd64: null\n  debian-arm64: ~\n  docs: {}\n");
    check("builders: null\n");
  }

  @Test
  void aNullDeletesADefaultButStaysWhereTheDefaultsHaveNothingAsInHelm() {
    // Helm refuses these two values ("got null, want object", "got null, want string"): so does the check.
    check("workers:\n  docs: null\n  linux-amd64: null\n  debian-arm64: null\n  x: «null»\nmaster:\n  podAnnotations: {a: «null»}\n",
        "schema/type#0", "schema/type#1");
  }

  @Test
  void aNullDeletingABlockTheChartNeedsIsRefusedAsByHelm() {
    var d = check("«ui»: null\nmaster: {replicas: 1}\n«workers»: ~\n", "schema/required#0", "schema/required#1");
    assertEquals("`ui: null` deletes the chart's default, which the chart needs; Helm refuses the values (remove the line to keep "
        + "the default)", d.get(0).getMessage());
    check("builders: null\nnameOverride: ~\n"); // the chart renders without these
  }

  @Test
  void whatHelmsYamlReaderRefusesIsASyntaxError() {
    var d = check("«%YAML 1.2»\n---\nmaster: {replicas: 2}\n", "yaml-syntax#0");
    assertEquals("`%YAML 1.2`: Helm reads YAML 1.1 and refuses this file (found incompatible YAML document); remove the directive",
        d.get(0).getMessage());
    check("%YAML 1.1\n---\nmaster: {replicas: 2}\n");
    check("master:\n  <<: «3»\n", "yaml-syntax#0");
    check("master:\n  <<: «[{replicas: 2}, x]»\n", "yaml-syntax#0");
    check("master:\n  <<: [{replicas: 2}, {title: t}]\n");
  }

  @Test
  void scalarsAreTypedAsHelmTypesThem() {
    check("master:\n  replicas: 0o17\n  workerPort: 0x1F\n  title: 1e400\n"); // Go's integers; a float that overflows stays text
    check("master:\n  replicas: !!int \"3\"\n  workerPort: !!null \"\"\n  title: !!str 3\n  titleURL: !custom https://ci.example.org/\n");
    check("master:\n  replicas: «!!str 3»\n  title: «!!int \"3\"»\n", "schema/type#0", "schema/type#1");
    check("master:\n  replicas: «!foo 3»\n", "schema/type#0"); // an unknown tag keeps the text
  }

  @Test
  void scalarsHelmCannotReadAreSyntaxErrors() {
    var d = check("master:\n  title: «!!int \"abc\"»\n", "yaml-syntax#0");
    assertEquals("cannot decode !!str `abc` as a !!int: Helm refuses the file", d.get(0).getMessage());
    d = check("master:\n  title: «.inf»\n", "yaml-syntax#0");
    assertEquals("json: unsupported value: +Inf: Helm refuses the file", d.get(0).getMessage());
    check("master:\n  title: «-.Inf»\n", "yaml-syntax#0");
    check("master:\n  title: «.nan»\n", "yaml-syntax#0");
    check("master:\n  title: CI\n---\n«master»:\n  title: .inf\n", "ignored-document#0"); // Helm never reads the second document
  }

  @Test
  void theChartsOwnEnvironmentVariablesAreReservedAsHelmReservesThem() {
    var d = check("workers:\n  docs:\n    env:\n      «WORKERNAME»: x\n      «HOME»: /tmp\n      MY_VAR: y\n      A: {value: '$(HOME)/bin', expand: true}\n"
        + "      «B»: {«vlaue»: x}\n", "schema/propertyNames#0", "schema/propertyNames#1", "schema/required#2", "schema/additionalProperties#3");
    assertEquals("`WORKERNAME` under `workers.docs.env` is reserved: the chart sets it itself (HOME, BUILDMASTER, BUILDMASTER_PORT, "
        + "WORKERNAME, POD_INDEX, BUILDBOT_BASEDIR); Helm refuses the values", d.get(0).getMessage());
    d = check("workers:\n  docs:\n    env:\n      «9LIVES»: x\n", "schema/pattern#0");
    assertEquals("name `9LIVES` under `workers.docs.env` must match the names' pattern (pattern ^[A-Za-z_][A-Za-z0-9_]*$)", d.get(0).getMessage());
  }

  @Test
  void aKeyHelmReadsAsABooleanOrANumberIsAnotherName() {
    var d = check("workers:\n  linux-amd64: null\n  debian-arm64: null\n  docs: null\n  «on»:\n    replicas: 1\n  «0x1f»: {}\n  \"yes\": {}\n"
        + "builders:\n  app-tests:\n    workers: [\"true\", \"31\"]\n", "coerced-key#0", "coerced-key#1");
    assertEquals("Helm reads the key `on` as `true` (a YAML 1.1 boolean): quote it, \"on\":, to keep the name", d.get(0).getMessage());
    assertEquals("Helm reads the key `0x1f` as `31` (a YAML 1.1 number): quote it, \"0x1f\":, to keep the name", d.get(1).getMessage());
    check("master:\n  podAnnotations:\n    «1e3»: v\n    \"1e3\": w\n    3: x\n", "coerced-key#0");
  }

  @Test
  void aControlCharacterHelmsToYamlCannotWriteIsRefusedNotDropped() {
    // toYaml would write "" for the whole map: the pod would lose its nodeSelector and run on any node
    var d = check("workers:\n  docs:\n    nodeSelector:\n      disk: «\"ssd\\x7f\"»\n", "schema/pattern#0");
    assertEquals("`workers.docs.nodeSelector.disk` holds DEL or a C1 control character (U+007F to U+009F): Helm's toYaml cannot write it "
        + "into the manifest and silently drops the whole block (a nodeSelector, the annotations); Helm refuses the values", d.get(0).getMessage());
    check("master:\n  podAnnotations:\n    «\"a\\x85\"»: v\n", "schema/pattern#0");
    check("master:\n  affinity:\n    nodeAffinity:\n      x: [«\"\\x9f\"»]\n", "schema/pattern#0");
    check("master:\n  podAnnotations:\n    a: \"tab\\there, é, \\u2028\"\n"); // C0 and line separators toYaml escapes
  }

  @Test
  void turningTheNetworkPoliciesOffIsWarned() {
    var d = check("networkPolicy:\n  enabled: «false»\n", "network-policy-off#0");
    assertTrue(d.get(0).getMessage().startsWith("without the chart's NetworkPolicies every pod of the cluster reaches the database"), d.get(0).getMessage());
    check("networkPolicy:\n  enabled: true\n  webSources: [{podSelector: {}}]\n");
  }

  @Test
  void aFarmHelmCannotRecordIsRefusedWithItsLargestPart() {
    // 6,000 named workers: Helm's release record (about 180 bytes each after compression) passes 1 MiB
    var d = check("«workers»:\n" + dev.buildbotls.testing.Farms.scaleFarm(6000, 0, 0, 0, false).substring("workers:\n".length()), "scale-limit#0");
    assertEquals("Helm's release record: about 1,227,576 bytes, past the 1 MiB (1,048,576 bytes) Kubernetes stores in one object; "
        + "the largest part: 6000 workers' StatefulSets, 1,106,520 bytes. Helm could not record the release: declare alike workers as pools "
        + "(`replicas`; a pool member adds about 48 bytes, a named worker about 180)", d.get(0).getMessage());
    // the same 6,000 logins as six pools fit
    check(dev.buildbotls.testing.Farms.scaleFarm(0, 6, 1000, 0, false));
  }

  @Test
  void latentWorkersWhoseBuildPodsPassTheConfigMapsLimitAreRefused() {
    // each build pod's spec is in the masters' ConfigMap (latent-pods.json)
    var d = check(dev.buildbotls.testing.Farms.latentFarm(500, false).replace("«", "").replaceFirst("latentWorkers:", "«latentWorkers»:"), "scale-limit#0");
    assertEquals("master ConfigMap (master.cfg): 1,242,278 bytes, past the 1 MiB (1,048,576 bytes) Kubernetes stores in one object; the largest part: "
        + "500 latent workers' build pods, 1,158,864 bytes. The API server refuses the ConfigMap: fewer latent workers (each build pod's spec is in it, "
        + "about 2.3 KB); one serves several builds with `maxBuilds`", d.get(0).getMessage());
    check(dev.buildbotls.testing.Farms.latentFarm(400, false));
  }

  @Test
  void aPoolWhosePasswordsPassASecretsLimitIsRefused() {
    String password = "p".repeat(1100);
    var d = check("workers:\n" + dev.buildbotls.testing.Farms.deletingDefaults("workers") + "  big:\n    «replicas»: 1000\n    password: «" + password + "»\n",
        "scale-limit#0", "plaintext-password#1");
    assertEquals("Secret of pool `big`: 1,100,000 bytes, past the 1 MiB (1,048,576 bytes) Kubernetes stores in one object; the largest part: "
        + "1000 passwords. The API server refuses the Secret: shorter given passwords, or the pool split in two", d.get(0).getMessage());
  }

  @Test
  void keysHelmCannotReadAreSyntaxErrors() {
    var d = check("master:\n  podAnnotations:\n    «~»: v\n", "yaml-syntax#0");
    assertEquals("a null key (`~`): Helm refuses the file (unsupported map key); quote it to make it a name", d.get(0).getMessage());
    check("master:\n  podAnnotations:\n    «12345678901234567890»: v\n", "yaml-syntax#0");
    check("master:\n  podAnnotations:\n    ? «[a, b]»\n    : v\n", "yaml-syntax#0");
    check("master:\n  podAnnotations:\n    \"null\": v\n    \"12345678901234567890\": v\n");
    d = check("master:\n  title: \"a«\u007f»\"\n", "yaml-syntax#0");
    assertTrue(d.get(0).getMessage().startsWith("control character U+007F (DEL): Helm refuses the file"), d.get(0).getMessage());
  }

  @Test
  void lineBreaksOnlyHelmSeesAreErrorsAndReadAsHelmReadsThem() {
    // Helm ends the comment at U+0085 and deploys the extraConfig after it: so does the analysis, and says so.
    var d = check("master:\n  replicas: 1 # one«\u0085»«extraConfig»: x«\u0085»#\n", "yaml-syntax#0", "schema/additionalProperties#1", "yaml-syntax#2");
    assertEquals("U+0085 outside quotes: Helm reads a line break here that editors do not show, so what follows is a new line "
        + "to Helm; remove it (in double quotes, write it as \\N, \\L or \\P)", d.get(0).getMessage());
    check("# ok«\u2028»master: {replicas: «many»}\n", "yaml-syntax#0", "schema/type#1");
    check("master:\n  extraConfig: |\n    a«\u2029»    b\n", "yaml-syntax#0");
    // Inside quotes it is text, folded as Helm folds it
    check("master:\n  title: \"x\u2028y\"\n  extraConfig: 'a\u0085b'\n");
  }

  @Test
  void aNullDeletingABlockTheTemplatesNeedIsFlaggedOnItsKey() {
    var d = check("ui:\n  «ingress»: null\n", "schema/required#0");
    assertTrue(d.get(0).getMessage().contains("ingress"), d.get(0).getMessage());
    check("master:\n  «image»: ~\n  resources: null\n", "schema/required#0");
  }

  @Test
  void overrideFilesRelyOnDefaults() {
    check("workers:\n  docs:\n    replicas: 2\nbuilders:\n  app-tests:\n    branch: main\n");
  }

  @Test
  void theChartsOwnValuesAreCheckedAsThemselvesAndClean() throws Exception {
    Path values = Repo.chart().resolve("values.yaml");
    assertEquals(List.of(), Diagnose.describe(Diagnose.run(Files.readString(values), values)));
  }

  @Test
  void anEmptyPasswordIsGenerated() {
    check("database:\n  password: «\"\"»\n«workers»:\n  a: {password: «\"\"»}\n  b: {password: \"\", existingSecret: {name: b}}\n",
        "generated-password#0", "inherited-default#1", "generated-password#2");
    check("database: {type: sqlite, password: \"\"}\nmaster: {replicas: 1}\nmq: {type: simple}\n");
  }

  @Test
  void theSeedChartsValuesFile() throws Exception {
    String seed = Files.readString(Repo.root().resolve("server/src/test/resources/seed/original-chart-values.yaml"));
    Set<String> codes = Diagnose.run(seed, null).stream().map(d -> d.getCode().getLeft()).collect(Collectors.toSet());
    assertTrue(codes.containsAll(Set.of("legacy-layout", "shared-worker-password", "plaintext-password")), codes.toString());
  }

  @Test
  void anIngressPublishingAUiWithoutAuthentication() {
    check("ui:\n  ingress:\n    «enabled»: true\n", "ui-without-auth#0");
    check("ui:\n  ingress: {enabled: true}\n  auth:\n    «type»: none\n", "ui-without-auth#0");
    check("ui:\n  ingress: {enabled: true}\n  auth: {type: htpasswd, existingSecret: {name: ui}}\n");
    check("ui:\n  ingress: {enabled: false}\n");
    check("ui:\n  service:\n    «type»: LoadBalancer\n", "ui-without-auth#0");
    check("ui:\n  service:\n    «type»: NodePort\n", "ui-without-auth#0");
    check("ui:\n  service: {type: LoadBalancer}\n  auth: {type: htpasswd, existingSecret: {name: ui}}\n");
    check("ui:\n  service: {type: ClusterIP}\n");
  }

  @Test
  void aBuildbotImageTagOutsideTheContract() {
    check("master:\n  image: {tag: «v3.7.0»}\n", "image-contract#0", "upgrade-path#0");
    check("master:\n  image: {tag: «v4.0.2»}\n", "image-contract#0");
    check("master:\n  image: {tag: «latest»}\n", "image-contract#0");
    check("ui:\n  image: {tag: «v3.10.0»}\n", "image-contract#0");
    check("workers:\n  docs:\n    image: {repository: «docker.io/buildbot/buildbot-worker»}\n", "image-contract#0");
    check("master:\n  image: {tag: v4.0.3}\n");
    check("master:\n  image: {tag: «v3.11.9»}\n", "upgrade-path#0");
    check("master:\n  image: {tag: v4.3.0}\n");
    check("master:\n  image: {repository: registry.example.org/my/buildbot, tag: latest}\n");
  }

  @Test
  void mastersOnTwoBuildbotReleasesOrADowngradeTheJobRefuses() {
    check("ui:\n  replicas: 1\n  image: {tag: «v4.1.0»}\n", "upgrade-path#0");
    check("master:\n  image: {tag: «v4.1.0»}\nui: {replicas: 1}\n");
    check("ui:\n  replicas: 0\n  image: {tag: v4.1.0}\n");
    check("master:\n  image: {tag: «v3.11.9»}\n", "upgrade-path#0");
    check("master:\n  image: {tag: v4.0.3}\n");
  }

  @Test
  void authenticationNeedsItsSecret() {
    // The defaults hold an empty existingSecret.name: the message names it, on the key in this file.
    var d = check("ui:\n  «auth»: {type: github, clientId: abc}\n", "schema/minLength#0");
    assertEquals("`ui.auth.existingSecret.name` must not be empty", d.get(0).getMessage());
  }
}
