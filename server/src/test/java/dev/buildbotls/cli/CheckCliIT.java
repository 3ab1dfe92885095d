package dev.buildbotls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.buildbotls.testing.JarProcess;
import dev.buildbotls.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line of the CLI contract, through the packaged jar. */
class CheckCliIT {
  @TempDir
  static Path dir;

  @BeforeAll
  static void files() throws Exception {
    Files.writeString(dir.resolve("broken.yaml"), "master:\n  replcas: 3\n");
    Files.writeString(dir.resolve("warned.yaml"), "database:\n  password: hunter2\n");
    Files.write(dir.resolve("binary.yaml"), new byte[] {(byte) 0xC3, (byte) 0x28, 0, (byte) 0xFF});
    Files.writeString(Files.createDirectories(dir.resolve("nothing")).resolve("notes.yaml"), "a: 1\n");
  }

  @Test
  void theChartsOwnValuesPass() throws Exception {
    JarProcess.Result r = JarProcess.run(Repo.root(), "--check", "chart/values.yaml");
    assertEquals(0, r.exit(), r.stdout() + r.stderr());
    assertEquals("", r.stdout());
    assertEquals("", r.stderr());
  }

  @Test
  void aFifoOrADeviceIsRefusedInOneLineInsteadOfHanging() throws Exception {
    Path fifo = dir.resolve("fifo.yaml");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()); // nobody ever writes to it
    for (String file : List.of("fifo.yaml", "/dev/zero", "/dev/stdin")) {
      JarProcess.Result r = JarProcess.run(dir, "--check", "-f", file);
      assertEquals(2, r.exit(), r.stdout() + r.stderr());
      assertEquals(List.of("buildbot-ls: " + file + ": not a regular file (a FIFO, a device or a socket): name a values file"), r.stderr().lines().toList());
    }
  }

  @Test
  void aYamlBombAndAGiantPoolAreAnsweredAtOnce() throws Exception {
    StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [").append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1))))
          .append("]\n");
    }
    Files.writeString(dir.resolve("bomb.yaml"), bomb);
    Files.writeString(dir.resolve("pool.yaml"), "workers:\n  docs: {replicas: 2147483647}\n");
    JarProcess.Result r = JarProcess.run(dir, "--check", "bomb.yaml", "pool.yaml");
    assertEquals(1, r.exit(), r.stderr());
    assertEquals("", r.stderr());
    assertEquals(List.of("bomb.yaml:7:5: error: aliases expand to more than 1000000 values (a YAML bomb; here, where an alias crosses "
        + "the bound): Helm refuses such a document [yaml-syntax]", "pool.yaml:2:20: error: `workers.docs.replicas` must be at most 1000 [schema/maximum]"),
        r.stdout().lines().toList());
  }

  @Test
  void aRenderLeavesNoTemporaryFileBehind() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    JarProcess.Result r = JarProcess.run(Repo.root(), java.util.Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp),
        "--render", "chart/values.yaml");
    assertEquals(0, r.exit(), r.stderr());
    try (var left = Files.list(tmp)) {
      assertEquals(List.of(), left.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void aRenderNeverContactsTheClusterItsEnvironmentNames() throws Exception {
    // A fake API server on loopback, named by KUBECONFIG and by the in-cluster variables: a chart
    // whose template calls `lookup` must fail to read it without a single connection reaching it.
    try (java.net.ServerSocket api = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
      Thread accept = new Thread(() -> {
        while (!api.isClosed()) {
          try (java.net.Socket s = api.accept()) {
            connections.incrementAndGet();
          } catch (IOException closed) {
            return;
          }
        }
      });
      accept.start();
      Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n"
          + "clusters: [{name: c, cluster: {server: 'http://127.0.0.1:" + api.getLocalPort() + "'}}]\n"
          + "contexts: [{name: c, context: {cluster: c, user: u}}]\nusers: [{name: u, user: {token: t}}]\ncurrent-context: c\n");
      Files.writeString(dir.resolve("empty.yaml"), "{}\n");
      JarProcess.Result r = JarProcess.run(dir, java.util.Map.of("KUBECONFIG", kubeconfig.toString(),
              "KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT", String.valueOf(api.getLocalPort())),
          "--render", "--chart", Repo.root().resolve("server/src/test/resources/charts/lookup").toString(), "empty.yaml");
      assertEquals(1, r.exit(), r.stderr());
      assertTrue(r.stderr().contains("error calling lookup") && r.stderr().contains("a preview never contacts a cluster"), r.stderr());
      assertEquals(0, connections.get(), "connections to the cluster in KUBECONFIG");
    }
  }

  @Test
  void aRenderOfBrokenYamlNamesTheUsersFileAndLine() throws Exception {
    Files.writeString(dir.resolve("broken-render.yaml"), "master:\n  replicas: 2\n  bad: [\n");
    JarProcess.Result r = JarProcess.run(dir, "--render", "broken-render.yaml");
    assertEquals(1, r.exit());
    assertEquals("buildbot-ls: Helm failed: failed to parse broken-render.yaml: error converting YAML to JSON: yaml: line 3: did not find expected node content\n"
        + "broken-render.yaml:3:1: error: Helm: the values are not YAML Helm can read [helm-render]\n", r.stderr());
  }

  @Test
  void migrateRefusesAFileNotInTheLegacyLayoutAndReportsWhatItCannotPlace() throws Exception {
    Files.writeString(dir.resolve("new-layout.yaml"), "master:\n  replicas: 2\n");
    JarProcess.Result refused = JarProcess.run(dir, "--migrate", "new-layout.yaml");
    assertEquals(2, refused.exit());
    assertEquals("", refused.stdout());
    assertEquals(1, refused.stderr().lines().count(), refused.stderr());
    assertTrue(refused.stderr().contains("new-layout.yaml: not in the original chart's flat layout"), refused.stderr());
    Files.writeString(dir.resolve("odd-legacy.yaml"), "master_replicas: 2\nwortkerTypes:\n  w: {cpu: 4}\n");
    JarProcess.Result migrated = JarProcess.run(dir, "--migrate", "odd-legacy.yaml");
    assertEquals(0, migrated.exit());
    assertEquals("buildbot-ls: not migrated: wortkerTypes.w.cpu: no such setting for a worker\n", migrated.stderr());
    assertTrue(migrated.stdout().contains("#   wortkerTypes.w.cpu: no such setting for a worker\n"), migrated.stdout());
  }

  @Test
  void junitFormatHasOneCasePerFileAndOneFailurePerError() throws Exception {
    Files.writeString(dir.resolve("two-errors.yaml"), "master:\n  replcas: 3\n  titel: \"<&\u0085>\"\n");
    JarProcess.Result r = JarProcess.run(dir, "--check", "--format", "junit", "two-errors.yaml", "warned.yaml");
    assertEquals(1, r.exit(), r.stderr());
    org.w3c.dom.Document xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(r.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    org.w3c.dom.NodeList cases = xml.getElementsByTagName("testcase");
    assertEquals(2, cases.getLength());
    org.w3c.dom.Element broken = (org.w3c.dom.Element) cases.item(0);
    assertEquals("two-errors.yaml", broken.getAttribute("name"));
    org.w3c.dom.NodeList failures = broken.getElementsByTagName("failure");
    assertEquals(2, failures.getLength());
    assertEquals("schema/additionalProperties", ((org.w3c.dom.Element) failures.item(0)).getAttribute("type"));
    assertTrue(failures.item(0).getTextContent().startsWith("two-errors.yaml:2:3: unknown key `replcas`"), failures.item(0).getTextContent());
    org.w3c.dom.Element warned = (org.w3c.dom.Element) cases.item(1);
    assertEquals(0, warned.getElementsByTagName("failure").getLength());
    assertTrue(warned.getElementsByTagName("system-out").item(0).getTextContent().startsWith("warned.yaml:2:13: information: "));
    assertEquals("1", ((org.w3c.dom.Element) xml.getElementsByTagName("testsuites").item(0)).getAttribute("failures"));
  }

  @Test
  void stdinDirectoriesAndTheSummaryLine() throws Exception {
    JarProcess.Result stdin = JarProcess.runWithInput(dir, "master:\n  replcas: 3\n", "--check", "--summary", "-");
    assertEquals(1, stdin.exit());
    assertTrue(stdin.stdout().startsWith("<stdin>:2:3: error: unknown key `replcas`"), stdin.stdout());
    assertEquals("buildbot-ls: 1 file checked: 1 errors, 0 warnings, 0 information\n", stdin.stderr());
    Path farm = Files.createDirectories(dir.resolve("farm/prod"));
    Files.writeString(farm.resolve("values-prod.yaml"), "master:\n  replcas: 3\n");
    Files.writeString(farm.getParent().resolve("values.yaml"), "database:\n  password: hunter2\n");
    Files.writeString(farm.getParent().resolve("notes.yaml"), "not: checked\n");
    JarProcess.Result walked = JarProcess.run(dir, "--check", "--summary", "farm");
    assertEquals(1, walked.exit());
    assertEquals(List.of("farm/prod/values-prod.yaml:2:3", "farm/values.yaml:2:13"),
        walked.stdout().lines().map(l -> l.substring(0, l.indexOf(": "))).toList());
    assertEquals("buildbot-ls: 2 files checked: 1 errors, 0 warnings, 1 information\n", walked.stderr());
  }

  @Test
  void sarifFingerprintsStayWhenLinesMove() throws Exception {
    Files.writeString(dir.resolve("moving.yaml"), "master:\n  replcas: 3\n");
    JsonNode before = new ObjectMapper().readTree(JarProcess.run(dir, "--check", "--format", "sarif", "moving.yaml").stdout());
    Files.writeString(dir.resolve("moving.yaml"), "# a comment\n\nmaster:\n  title: x\n  replcas: 3\n");
    JsonNode after = new ObjectMapper().readTree(JarProcess.run(dir, "--check", "--format", "sarif", "moving.yaml").stdout());
    String fingerprint = before.at("/runs/0/results/0/partialFingerprints/buildbotLs~1v1").asText();
    assertTrue(fingerprint.matches("[0-9a-f]{32}:1"), fingerprint);
    assertEquals(fingerprint, after.at("/runs/0/results/0/partialFingerprints/buildbotLs~1v1").asText());
    assertEquals(5, after.at("/runs/0/results/0/locations/0/physicalLocation/region/startLine").asInt());
  }

  @Test
  void aStackIsCheckedMergedWithEachFindingInTheFileOrSetThatCausesIt() throws Exception {
    Files.writeString(dir.resolve("base.yaml"), "database:\n  type: sqlite\nmaster:\n  replicas: two\n");
    Files.writeString(dir.resolve("prod.yaml"), "master:\n  replicas: 1\n  title: [x]\n");
    JarProcess.Result merged = JarProcess.run(dir, "--check", "-f", "base.yaml", "--values", "prod.yaml");
    assertEquals(1, merged.exit(), merged.stderr());
    assertEquals(List.of("prod.yaml:3:10: error: `master.title` must be a string, not a list [schema/type]"), merged.stdout().lines().toList());
    JarProcess.Result set = JarProcess.run(dir, "--check", "-f", "base.yaml", "-f", "prod.yaml", "--set", "master.title=CI,master.replicas=3");
    assertEquals(1, set.exit(), set.stderr());
    List<String> lines = set.stdout().lines().toList();
    assertEquals(2, lines.size(), set.stdout());
    assertTrue(lines.get(0).startsWith("base.yaml:2:9: error: `database.type: sqlite` works with a single master, but there are 3 masters"), lines.get(0));
    assertTrue(lines.get(1).startsWith("--set master.replicas=3:1:1: error: `database.type: sqlite` (set in another values file of the stack)"),
        lines.get(1));
    JarProcess.Result typed = JarProcess.run(dir, "--check", "-f", "prod.yaml", "--set-string", "master.replicas=3", "--set", "master.title=CI");
    assertEquals(List.of("--set-string master.replicas=3:1:1: error: `master.replicas` must be an integer, not a string [schema/type]"),
        typed.stdout().lines().toList());
    JarProcess.Result render = JarProcess.run(dir, "--render", "-f", "prod.yaml", "--set", "master.title=StackTitle42,master.replicas=2");
    assertEquals(0, render.exit(), render.stderr());
    java.util.regex.Matcher values = java.util.regex.Pattern.compile("b64decode\\(\"([A-Za-z0-9+/=]+)\"\\)").matcher(render.stdout());
    assertTrue(values.find(), "master.cfg's values");
    assertTrue(new String(java.util.Base64.getDecoder().decode(values.group(1))).contains("\"title\":\"StackTitle42\""), "the --set reached master.cfg");
    JarProcess.Result mixed = JarProcess.run(dir, "--check", "base.yaml", "-f", "prod.yaml");
    assertEquals(2, mixed.exit());
    assertEquals("buildbot-ls: --check takes either files checked one by one (FILE...) or one stack (-f FILE... --set ...), not both\n", mixed.stderr());
    JarProcess.Result index = JarProcess.run(dir, "--check", "-f", "prod.yaml", "--set", "builders.b.workers[0]=w");
    assertEquals(2, index.exit());
    assertTrue(index.stderr().startsWith("buildbot-ls: --set `builders.b.workers[0]=w`: list indexes are not supported"), index.stderr());
  }

  @Test
  void textFormat() throws Exception {
    JarProcess.Result r = JarProcess.run(dir, "--check", "broken.yaml");
    assertEquals(1, r.exit());
    assertEquals("broken.yaml:2:3: error: unknown key `replcas` under `master` (did you mean `replicas`?); "
        + "Helm rejects values the chart does not declare [schema/additionalProperties]\n", r.stdout());
  }

  @Test
  void warningsAndInformationExitZero() throws Exception {
    JarProcess.Result r = JarProcess.run(dir, "--check", "warned.yaml");
    assertEquals(0, r.exit());
    assertTrue(r.stdout().startsWith("warned.yaml:2:13: information: "), r.stdout());
    assertFalse(r.stdout().contains("hunter2"));
  }

  @Test
  void jsonFormat() throws Exception {
    JarProcess.Result r = JarProcess.run(dir, "--check", "--format", "json", "broken.yaml", "warned.yaml");
    assertEquals(1, r.exit());
    JsonNode files = new ObjectMapper().readTree(r.stdout()).get("files");
    assertEquals(2, files.size());
    JsonNode d = files.get(0).get("diagnostics").get(0);
    assertEquals("broken.yaml", files.get(0).get("path").asText());
    assertEquals("{\"start\":{\"line\":1,\"character\":2},\"end\":{\"line\":1,\"character\":9}}", d.get("range").toString());
    assertEquals("error", d.get("severity").asText());
    assertEquals("schema/additionalProperties", d.get("code").asText());
    assertEquals("buildbot-ls", d.get("source").asText());
    assertEquals("information", files.get(1).get("diagnostics").get(0).get("severity").asText());
  }

  @Test
  void sarifFormatHasEveryRequiredField() throws Exception {
    JarProcess.Result r = JarProcess.run(dir, "--check", "--format", "sarif", "broken.yaml", "warned.yaml");
    assertEquals(1, r.exit());
    JsonNode sarif = new ObjectMapper().readTree(r.stdout());
    assertEquals("2.1.0", sarif.get("version").asText());
    assertTrue(sarif.get("$schema").asText().contains("sarif-2.1.0"));
    assertEquals(1, sarif.get("runs").size());
    JsonNode run = sarif.get("runs").get(0);
    assertEquals("buildbot-ls", run.at("/tool/driver/name").asText());
    Set<String> rules = new HashSet<>();
    run.at("/tool/driver/rules").forEach(rule -> {
      rules.add(rule.get("id").asText());
      assertFalse(rule.at("/shortDescription/text").asText().isEmpty());
    });
    assertEquals(2, run.get("results").size());
    for (JsonNode result : run.get("results")) {
      assertTrue(rules.contains(result.get("ruleId").asText()), "a rule for " + result.get("ruleId"));
      assertFalse(result.at("/message/text").asText().isEmpty());
      JsonNode location = result.at("/locations/0/physicalLocation");
      assertFalse(location.at("/artifactLocation/uri").asText().isEmpty());
      assertTrue(location.at("/region/startLine").asInt() >= 1);
      assertTrue(location.at("/region/startColumn").asInt() >= 1);
    }
    JsonNode first = run.get("results").get(0);
    assertEquals("error", first.get("level").asText());
    assertEquals("{\"startLine\":2,\"startColumn\":3,\"endLine\":2,\"endColumn\":10}", first.at("/locations/0/physicalLocation/region").toString());
    assertEquals("note", run.get("results").get(1).get("level").asText());
  }

  @Test
  void githubFormat() throws Exception {
    JarProcess.Result r = JarProcess.run(dir, "--check", "--format", "github", "broken.yaml", "warned.yaml");
    assertEquals(1, r.exit());
    String[] lines = r.stdout().split("\n");
    assertEquals("::error file=broken.yaml,line=2,col=3,endLine=2,endColumn=10,title=schema/additionalProperties::"
        + "unknown key `replcas` under `master` (did you mean `replicas`?); Helm rejects values the chart does not declare", lines[0]);
    assertTrue(lines[1].startsWith("::notice file=warned.yaml,line=2,col=13,"), lines[1]);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing file | --check,nope.yaml | nope.yaml: no such file",
      "unknown flag | --frobnicate | unknown option --frobnicate (see --help)",
      "unknown check flag | --check,--strict,broken.yaml | unknown option --strict for --check (see --help)",
      "unknown format | --check,--format,xml,broken.yaml | unknown format xml (text, json, sarif, github, junit)",
      "no files | --check | --check needs at least one values file, directory or -, or a stack of -f FILE and --set",
      "not UTF-8 | --check,binary.yaml | binary.yaml: not UTF-8 text (a values file must be UTF-8)",
      "a directory without values files | --check,nothing | nothing: no values*.yaml file in this directory"})
  void usageAndInputProblemsExitTwoWithOneLine(String name, String args, String message) throws Exception {
    JarProcess.Result r = JarProcess.run(dir, args.split(","));
    assertEquals(2, r.exit(), name);
    assertEquals("buildbot-ls: " + message + "\n", r.stderr());
    assertEquals("", r.stdout());
  }

  @Test
  void versionAndHelp() throws Exception {
    assertEquals("buildbot-ls 0.1.0\n", JarProcess.run(dir, "--version").stdout());
    JarProcess.Result help = JarProcess.run(dir, "--help");
    assertEquals(0, help.exit());
    assertTrue(help.stdout().contains("--check [--format text|json|sarif|github|junit] [--summary] FILE|DIR|-..."));
  }

  @Test
  void renderPrintsTheManifests() throws Exception {
    JarProcess.Result r = JarProcess.run(Repo.root(), "--render", "--release", "ci", "chart/examples/large-farm.yaml");
    assertEquals(0, r.exit(), r.stderr());
    assertTrue(r.stdout().contains("name: ci-buildbot-ui"));
    JarProcess.Result bad = JarProcess.run(dir, "--render", "broken.yaml");
    assertEquals(1, bad.exit());
    assertEquals(List.of(
        "buildbot-ls: Helm failed: values don't meet the specifications of the schema(s) in the following chart(s): "
            + "buildbot: - at '/master': additional properties 'replcas' not allowed",
        "broken.yaml:2:3: error: Helm: additional properties 'replcas' not allowed [helm-render]"), bad.stderr().lines().toList());
  }
}
