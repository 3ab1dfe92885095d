package dev.buildbotls.chart;

import static dev.buildbotls.testing.Rendered.cast;
import static dev.buildbotls.testing.Rendered.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.buildbotls.testing.Rendered;
import dev.buildbotls.testing.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What a cluster would refuse or silently get wrong, checked on every example and test variant:
 * Helm's own lint, Service selectors that select nothing, references to Secrets and ConfigMaps that
 * do not exist, Buildbot versions pinned anywhere but the chart's appVersion, and lists grown in a
 * loop (a render quadratic in the farm).
 */
class ChartHygieneTest {

  static Stream<String> variants() throws Exception {
    List<String> variants = new ArrayList<>(List.of("", "ui: {replicas: 2}\n",
        "master: {replicas: 1}\ndatabase: {type: sqlite}\nmq: {type: simple}\n",
        "database: {host: db.example.org, existingSecret: {name: db}}\nworkers:\n  docs: {existingSecret: {name: docs}}\n",
        "ui: {ingress: {enabled: true}}\n"));
    try (Stream<Path> examples = Files.list(Repo.chart().resolve("examples"))) {
      for (Path example : examples.sorted().toList()) {
        variants.add(Files.readString(example));
      }
    }
    return variants.stream();
  }

  @Test
  void helmLintFindsNothing() {
    LintResult lint = new Helm(Repo.chart()).lint().strict().call();
    assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
    assertEquals(List.of(), lint.getMessages().stream().filter(m -> m.matches("(?s).*\\[(INFO|WARNING|ERROR)\\].*")).toList());
  }

  @ParameterizedTest
  @MethodSource("variants")
  void everyServiceSelectsAPodTemplateAndEveryReferenceResolves(String values) throws Exception {
    Rendered r = Rendered.render("ci", values);
    Set<String> userSecrets = new HashSet<>();
    existingSecrets(new Load(LoadSettings.builder().build()).loadFromString(values.isEmpty() ? "{}" : values), userSecrets);
    List<Map<String, Object>> templates = new ArrayList<>();
    for (String kind : List.of("StatefulSet", "Deployment", "Job")) {
      r.ofKind(kind).forEach(w -> templates.add(cast(path(w, "spec", "template"))));
    }
    for (Map<String, Object> service : r.ofKind("Service")) {
      Map<String, String> selector = cast(path(service, "spec", "selector"));
      assertTrue(templates.stream().anyMatch(t -> selector.entrySet().stream()
          .allMatch(e -> e.getValue().equals(path(t, "metadata", "labels", e.getKey())))), "Service " + Rendered.name(service) + " selects no pod");
      for (Object port : (List<?>) path(service, "spec", "ports")) {
        Object target = path(port, "targetPort");
        assertTrue(templates.stream().anyMatch(t -> String.valueOf(t).contains("name=" + target + ",")), "no container port " + target);
      }
    }
    templates.addAll(r.buildPods().values()); // a latent worker's, created by a master
    for (Map<String, Object> template : templates) {
      Object account = path(template, "spec", "serviceAccountName");
      assertTrue(account == null || r.has("ServiceAccount", (String) account), "ServiceAccount " + account + " is not rendered");
      references(template, "secretKeyRef", "name", "Secret", r, userSecrets);
      references(template, "configMap", "name", "ConfigMap", r, userSecrets);
      references(template, "secret", "secretName", "Secret", r, userSecrets);
      for (Object volume : listOrEmpty(path(template, "spec", "volumes"))) {
        for (Object source : listOrEmpty(path(volume, "projected", "sources"))) {
          String name = (String) path(source, "secret", "name");
          if (name == null) {
            continue; // a service-account token, the cluster's CA, the downward API
          }
          assertTrue(Boolean.TRUE.equals(path(source, "secret", "optional")) || r.has("Secret", name) || userSecrets.contains(name), name);
        }
      }
    }
  }

  /** Every {@code key: {nameField: X}} under the template names a rendered object of that kind (or a user's Secret). */
  private static void references(Object node, String key, String nameField, String kind, Rendered r, Set<String> userSecrets) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if (key.equals(k) && v instanceof Map<?, ?> ref && ref.get(nameField) instanceof String name) {
          // kube-root-ca.crt: Kubernetes publishes the cluster's CA in every namespace (a projected token's ca.crt).
          assertTrue(r.has(kind, name) || kind.equals("Secret") && userSecrets.contains(name)
              || kind.equals("ConfigMap") && name.equals("kube-root-ca.crt"), kind + " " + name + " is not rendered");
        }
        references(v, key, nameField, kind, r, userSecrets);
      });
    } else if (node instanceof List<?> list) {
      list.forEach(v -> references(v, key, nameField, kind, r, userSecrets));
    }
  }

  /** The Secrets a values text names under existingSecret: the user creates them. */
  private static void existingSecrets(Object node, Set<String> names) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if ("existingSecret".equals(k) && v instanceof Map<?, ?> ref && ref.get("name") instanceof String name) {
          names.add(name);
        }
        existingSecrets(v, names);
      });
    }
  }

  private static List<?> listOrEmpty(Object o) {
    return o instanceof List<?> l ? l : List.of();
  }

  /**
   * sprig's append, prepend and concat copy the whole list at each call: called in a range over a
   * farm's workers they made the render quadratic (10,000 named workers: 11.4 s, see README Scale).
   * A template collects into a dict (set) instead.
   */
  @Test
  void noTemplateGrowsAListInsideARange() throws Exception {
    java.util.regex.Pattern action = java.util.regex.Pattern.compile("\\{\\{-?\\s*(/\\*.*?\\*/|.*?)\\s*-?}}", java.util.regex.Pattern.DOTALL);
    java.util.regex.Pattern opens = java.util.regex.Pattern.compile("^(range|if|with|define|block)\\b");
    java.util.regex.Pattern grows = java.util.regex.Pattern.compile("\\b(append|prepend|concat|mustAppend|mustPrepend|mustConcat)\\b");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(Repo.chart().resolve("templates"))) {
      for (Path template : files.sorted().toList()) {
        java.util.Deque<String> blocks = new java.util.ArrayDeque<>();
        var m = action.matcher(Files.readString(template));
        while (m.find()) {
          String body = m.group(1).strip();
          if (body.startsWith("/*")) {
            continue;
          }
          var open = opens.matcher(body);
          if (open.find()) {
            blocks.push(open.group(1));
          } else if (body.equals("end")) {
            blocks.pop();
          }
          if (blocks.contains("range") && grows.matcher(body).find()) {
            found.add(template.getFileName() + ": " + body);
          }
        }
      }
    }
    assertEquals(List.of(), found, "a list grown in a loop: collect into a dict (set) instead");
  }

  @Test
  void theBuildbotVersionIsWrittenOnlyAsTheChartsAppVersion() throws Exception {
    String version = Repo.appVersion();
    List<String> copies = new ArrayList<>();
    for (String file : List.of("chart/values.yaml", "schema/values.schema.json", "README.md", "ARCHITECTURE.md",
        "server/src/main/java/dev/buildbotls/completion/CompletionService.java", "server/src/main/java/dev/buildbotls/hover/HoverService.java")) {
      String text = Files.readString(Repo.root().resolve(file));
      if (text.matches("(?s).*buildbot-(master|worker):v?\\d+\\.\\d+\\.\\d+.*") || text.contains("tag: \"v" + version)) {
        copies.add(file);
      }
    }
    // Code acts on the version only through appVersion: no template, Java statement or script line holds it (comments may cite it)
    for (String dir : List.of("chart/templates", "chart/files", "server/src", "bench/src", "scripts", "vscode-client/src")) {
      try (Stream<Path> files = Files.walk(Repo.root().resolve(dir))) {
        for (Path t : files.filter(p -> p.toString().matches(".*\\.(java|sh|py|yaml|tpl|tac|ts|mjs)")).toList()) {
          boolean code = Files.readAllLines(t).stream().map(String::strip)
              .filter(l -> !l.startsWith("*") && !l.startsWith("//") && !l.startsWith("/*") && !l.startsWith("#"))
              .anyMatch(l -> l.contains(version) || l.contains("v" + version));
          if (code) {
            copies.add(Repo.root().relativize(t).toString());
          }
        }
      }
    }
    assertEquals(List.of(), copies, "these files pin Buildbot " + version + " themselves instead of reading chart/Chart.yaml's appVersion");
  }
}
