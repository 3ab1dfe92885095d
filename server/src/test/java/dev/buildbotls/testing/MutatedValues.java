package dev.buildbotls.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A corpus of values files, each one mutation away from a file users write: the chart's own
 * values, its examples and a small farm, with a typo in one key, one value of another type, one
 * `null`, one YAML 1.1 spelling, or a change of the whole text (flow style, tabs, CRLF, BOM,
 * documents, anchors, names at their limits, control characters). Deterministic: a failure names
 * its case.
 */
public final class MutatedValues {
  /** One values file of the corpus. */
  public record Case(String name, String text) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final Pattern KEY_LINE = Pattern.compile("^( *)([A-Za-z0-9][^:#\"']*):( .*)?$");

  /** Ways to spell a scalar that YAML 1.1, YAML 1.2, Go and JSON read differently. */
  static final List<String> SPELLINGS = List.of("yes", "no", "on", "off", "y", "N", "~", "null", "0o17", "017", "0x1F", "0b11",
      "1_000", "1e400", "1e3", "3.0", "3.", "+3", "-0", ".inf", "-.inf", ".nan", "2001-12-14", "1:20", "12345678901234567890",
      "99999999999999999999999", "\"3\"", "'3'", "!!str 3", "!foo 3", "!!int \"3\"", "!!float 3", "!!int \"abc\"", "!!bool yes",
      "!!null \"\"", "!!binary aGVsbG8=", "\"a\u2028b\"", "a\u2028b", "a\u0085b", "\"a\\x00b\"", "a\u007fb", "\"{{ .Release.Name }}\"",
      "'x: y'", "|\n    multi\n    line", "[]", "{}", "[1, 2]");

  /** Where the spellings go: a count, a port, a flag, a title, a worker's builds, a builder's list. */
  private static final List<String> SPELLING_PLACES = List.of("  replicas: 2", "  workerPort: 9989", "  enabled: true",
      "  title: \"My CI\"", "    maxBuilds: 2", "    pollInterval: 300");

  private MutatedValues() {}

  public static List<Case> corpus() {
    List<Case> cases = new ArrayList<>();
    String defaults = read(Repo.chart().resolve("values.yaml"));
    List<Case> bases = new ArrayList<>();
    bases.add(new Case("defaults", defaults));
    bases.add(new Case("farm", FARM));
    try (Stream<Path> examples = Files.list(Repo.chart().resolve("examples"))) {
      examples.sorted().forEach(p -> bases.add(new Case(p.getFileName().toString(), read(p))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Case base : bases) {
      cases.add(base);
      cases.addAll(keyMutations(base));
      cases.addAll(wholeText(base));
    }
    for (String place : SPELLING_PLACES) {
      for (String spelling : SPELLINGS) {
        String key = place.substring(0, place.indexOf(':') + 1);
        cases.add(new Case("defaults: `" + place.strip() + "` as `" + spelling.replace("\n", "\\n") + "`",
            defaults.replaceFirst("(?m)^" + Pattern.quote(place) + "$", Matcher.quoteReplacement(key + " " + spelling))));
      }
    }
    cases.addAll(structures());
    cases.addAll(names());
    cases.addAll(hostileValues());
    return cases;
  }

  /** The characters a hostile file hides: every C0 control, DEL, every C1 control, the line and paragraph separators, a BOM. */
  static final List<Character> HOSTILE_CHARACTERS = hostileCharacters();

  /**
   * Each hostile character in each place a values file has: a comment (followed by what would be a
   * key on a new line), a key, a plain, single- and double-quoted scalar (at a line's end and before
   * an indented continuation), a literal and a folded block scalar, and YAML 1.1 words as names.
   */
  public static List<Case> hostile() {
    List<Case> cases = new ArrayList<>();
    for (char c : HOSTILE_CHARACTERS) {
      String x = String.valueOf(c);
      String name = String.format("U+%04X", (int) c);
      cases.add(new Case(name + " in a comment", "master:\n  replicas: 1 # one" + x + "extraConfig: \"os.system('x')\"" + x + "#\n"));
      cases.add(new Case(name + " in a comment line", "# ok" + x + "master: {extraConfig: x}\nui: {}\n"));
      cases.add(new Case(name + " in a key", "master:\n  podAnnotations:\n    a" + x + "b: v\n"));
      cases.add(new Case(name + " in a plain scalar", "master:\n  title: a" + x + "b\n"));
      cases.add(new Case(name + " before a continuation", "master:\n  title: a" + x + "   b\n"));
      cases.add(new Case(name + " ending a plain scalar", "master:\n  title: a " + x + "\n  replicas: 1\n"));
      cases.add(new Case(name + " in single quotes", "master:\n  title: 'a" + x + "  b'\n"));
      cases.add(new Case(name + " in double quotes", "master:\n  title: \"a  " + x + "  b\"\n"));
      cases.add(new Case(name + " twice in double quotes", "master:\n  title: \"a" + x + x + "b\"\n"));
      cases.add(new Case(name + " in a literal block", "master:\n  extraConfig: |\n    a" + x + "    b\n    c\n"));
      cases.add(new Case(name + " in a folded block", "master:\n  extraConfig: >\n    a" + x + "    b\n    c\n"));
      cases.add(new Case(name + " before a key", "master:\n  title: t" + x + "  replicas: 2\n"));
      cases.add(new Case(name + " escaped in double quotes", "master:\n  title: \"a" + String.format("\\u%04x", (int) c) + "b\"\n"));
      cases.add(new Case(name + " as a document start", "a: 1\n" + x + "---\nb: 2\n"));
    }
    for (String word : List.of("null", "~", "on", "yes", "no", "off", "y", "0x1f", "017", "1e3", "3.0", "1_000", "true", "12345678901234567890", ".inf")) {
      cases.add(new Case("worker named " + word, "workers:\n  " + word + ":\n    replicas: 1\n"));
      cases.add(new Case("annotation named " + word, "master:\n  podAnnotations:\n    " + word + ": v\n"));
    }
    return cases;
  }

  /** Each hostile character, escaped in double quotes, in each free-form string that lands in a manifest. */
  private static List<Case> hostileValues() {
    List<String> places = List.of("master:\n  title: %s\n", "master:\n  podAnnotations:\n    a: %s\n",
        "workers:\n  docs:\n    nodeSelector:\n      disk: %s\n", "ui:\n  ingress:\n    enabled: true\n    host: %s\n",
        "master:\n  extraConfig: %s\n", "workers:\n  docs:\n    env:\n      A: %s\n", "database:\n  password: %s\n");
    List<Case> cases = new ArrayList<>();
    for (Case escape : hostileEscapes()) {
      for (String place : places) {
        cases.add(new Case(escape.name() + " in " + place.replace("\n", " ").strip(), String.format(place, "\"a" + escape.text() + "b\"")));
      }
    }
    return cases;
  }

  /** Each hostile character as a YAML double-quoted escape ({@code \\x7f}, {@code \\u2028}): a value that holds it. */
  public static List<Case> hostileEscapes() {
    return HOSTILE_CHARACTERS.stream().map(c -> new Case(String.format("U+%04X", (int) c), String.format("\\u%04x", (int) c))).toList();
  }

  private static List<Character> hostileCharacters() {
    List<Character> characters = new ArrayList<>();
    for (char c = 0; c < 0x20; c++) {
      characters.add(c);
    }
    for (char c = 0x7f; c < 0xa0; c++) {
      characters.add(c);
    }
    characters.addAll(List.of('\u2028', '\u2029', '\uFEFF'));
    return List.copyOf(characters);
  }

  /** For every key: a typo, a `null`, and each other type for a scalar value. */
  private static List<Case> keyMutations(Case base) {
    List<Case> cases = new ArrayList<>();
    List<String> lines = base.text().lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = KEY_LINE.matcher(lines.get(i));
      if (!m.matches()) {
        continue;
      }
      String indent = m.group(1);
      String key = m.group(2);
      String value = m.group(3) == null ? "" : m.group(3).strip();
      int end = blockEnd(lines, i, indent.length());
      String where = base.name() + " line " + (i + 1) + " `" + key + "`";
      cases.add(new Case(where + " misspelt", replace(lines, i, i + 1, indent + key + key.charAt(key.length() - 1) + ":" + (m.group(3) == null ? "" : m.group(3)))));
      cases.add(new Case(where + " null", replace(lines, i, end, indent + key + ": null")));
      if (end == i + 1 && !value.isEmpty()) {
        for (String other : List.of("\"x\"", "3", "-1", "true", "[a]", "{a: 1}", "\"\"")) {
          if (!other.equals(value)) {
            cases.add(new Case(where + " = " + other, replace(lines, i, i + 1, indent + key + ": " + other)));
          }
        }
      }
    }
    return cases;
  }

  /** The line after the block that starts at {@code start} (its deeper-indented, blank and comment lines). */
  private static int blockEnd(List<String> lines, int start, int indent) {
    int end = start + 1;
    while (end < lines.size()) {
      String line = lines.get(end);
      int own = line.length() - line.stripLeading().length();
      boolean inside = line.isBlank() || own > indent || own == indent && line.stripLeading().startsWith("- ");
      if (!inside) {
        break;
      }
      end++;
    }
    while (end > start + 1 && lines.get(end - 1).isBlank()) {
      end--;
    }
    return end;
  }

  private static String replace(List<String> lines, int from, int to, String with) {
    List<String> out = new ArrayList<>(lines.subList(0, from));
    out.add(with);
    out.addAll(lines.subList(to, lines.size()));
    return String.join("\n", out) + "\n";
  }

  /** Changes of the whole text that leave (or should leave) its values as they are. */
  private static List<Case> wholeText(Case base) {
    String text = base.text();
    String n = base.name() + ": ";
    return List.of(
        new Case(n + "CRLF", text.replace("\n", "\r\n")),
        new Case(n + "BOM", "\uFEFF" + text),
        new Case(n + "BOM and CRLF", "\uFEFF" + text.replace("\n", "\r\n")),
        new Case(n + "tab indentation", text.replaceFirst("(?m)^  ", "\t")),
        new Case(n + "tab after a colon", text.replaceFirst("(?m)^(  [a-zA-Z]+):( [^\\n]+)$", "$1:\t$2")),
        new Case(n + "a second document", text + "---\nmaster:\n  replicas: many\n"),
        new Case(n + "an empty first document", "---\n---\n" + text),
        new Case(n + "a document end marker", text + "...\n"),
        new Case(n + "trailing comment, no newline", text + "# end"));
  }

  /** Anchors, merge keys, flow style and null blocks written as users write them. */
  private static List<Case> structures() {
    List<Case> cases = new ArrayList<>();
    String own = "workers:\n  linux-amd64: null\n  debian-arm64: null\n  docs: null\n";
    cases.add(new Case("anchor and merge key", own + "  base: &base\n    replicas: 1\n    maxBuilds: 2\n  w1:\n    <<: *base\n    maxBuilds: 3\n"));
    cases.add(new Case("merge of a list of maps", own + "  a: &a {replicas: 1}\n  b: &b {maxBuilds: 2}\n  w1:\n    <<: [*a, *b]\n"));
    cases.add(new Case("merge of a scalar", own + "  w1:\n    <<: 3\n"));
    cases.add(new Case("merge of a typo", own + "  base: &base\n    replicass: 1\n  w1:\n    <<: *base\n"));
    cases.add(new Case("alias of a scalar", "master:\n  replicas: &r 3\nui:\n  replicas: *r\n"));
    cases.add(new Case("undefined alias", "master:\n  replicas: *nothing\n"));
    cases.add(new Case("flow style", "{master: {replicas: 1}, database: {type: sqlite}, mq: {type: simple}}\n"));
    cases.add(new Case("flow style without a space", "master: {replicas:1}\n"));
    cases.add(new Case("flow list of workers", "builders:\n  app-tests: {workers: [linux-amd64, docs]}\n"));
    cases.add(new Case("explicit key", "? master\n: replicas: 1\n"));
    cases.add(new Case("complex key", "? [a, b]\n: 1\n"));
    cases.add(new Case("%YAML 1.1", "%YAML 1.1\n---\nmaster:\n  replicas: 1\n"));
    cases.add(new Case("%YAML 1.2", "%YAML 1.2\n---\nmaster:\n  replicas: 1\n"));
    cases.add(new Case("%TAG", "%TAG !e! tag:example.com,2000:\n---\nmaster:\n  title: !e!x CI\n"));
    cases.add(new Case("empty file", ""));
    cases.add(new Case("only a comment", "# nothing\n"));
    cases.add(new Case("a scalar document", "3\n"));
    cases.add(new Case("a list document", "- a\n- b\n"));
    cases.add(new Case("null document", "~\n"));
    cases.add(new Case("repeated top-level key", "master:\n  replicas: 1\nmaster:\n  replicas: 3\n"));
    cases.add(new Case("repeated worker", own + "  w1:\n    replicas: 1\n  w1:\n    replicas: 2\n"));
    cases.add(new Case("block scalar title", "master:\n  title: |\n    two\n    lines\n"));
    cases.add(new Case("folded extraConfig", "master:\n  extraConfig: >-\n    c['x'] = 1\n"));
    cases.add(new Case("quoted key", "\"master\":\n  'replicas': 1\n"));
    cases.add(new Case("numeric key", "master:\n  3: x\n"));
    cases.add(new Case("boolean key", "workers:\n  yes: {}\n"));
    cases.add(new Case("null key", "workers:\n  ~: {}\n"));
    cases.add(new Case("deep nesting", "master:\n  podAnnotations:\n    a: " + "[".repeat(40) + "]".repeat(40) + "\n"));
    cases.add(new Case("annotation of a number", "master:\n  podAnnotations:\n    a: 3\n"));
    cases.add(new Case("annotation null", "master:\n  podAnnotations:\n    a: null\n"));
    cases.add(new Case("nodeSelector null entry", "workers:\n  debian-arm64:\n    nodeSelector:\n      kubernetes.io/arch: null\n"));
    cases.add(new Case("new worker null", "workers:\n  brand-new: null\n"));
    cases.add(new Case("nested null block", "ui:\n  ingress: null\n"));
    cases.add(new Case("nested null image", "master:\n  image: null\n"));
    cases.add(new Case("nested null service", "master:\n  service: null\n"));
    cases.add(new Case("nested null auth", "ui:\n  auth: null\n"));
    cases.add(new Case("nested null router", "mq:\n  router: null\n"));
    cases.add(new Case("nested null persistence", "database:\n  persistence: null\n"));
    cases.add(new Case("nested null existingSecret", "database:\n  existingSecret: null\n"));
    cases.add(new Case("empty mapping", "master: {}\n"));
    cases.add(new Case("empty ui", "ui:\n"));
    cases.add(new Case("expanded env naming the password", "workers:\n  docs:\n    env:\n      A: {value: '$(WORKERPASS)', expand: true}\n"));
    cases.add(new Case("expanded env", "workers:\n  docs:\n    env:\n      A: {value: '$(HOME)', expand: true}\n"));
    cases.add(new Case("env object without value", "workers:\n  docs:\n    env:\n      A: {expand: true}\n"));
    for (String name : List.of("WORKERNAME", "HOME", "POD_INDEX", "WORKERPASS", "lower_case", "9LIVES")) {
      cases.add(new Case("env named " + name, "workers:\n  docs:\n    env:\n      " + name + ": x\n"));
    }
    return cases;
  }

  /** Worker and builder names at and past their limits, in every alphabet users try. */
  private static List<Case> names() {
    List<Case> cases = new ArrayList<>();
    String own = "workers:\n  linux-amd64: null\n  debian-arm64: null\n  docs: null\n";
    String builders = "builders:\n  app-tests: null\n  docs: null\n";
    for (String name : List.of("a", "a".repeat(40), "a".repeat(41), "a".repeat(63), "a".repeat(64), "Upper", "under_score", "dot.ted",
        "1digit", "-dash", "dash-", "é", "a b", "\"a:b\"", "'{{x}}'", "\"ab\\n\"", "\"ab\\u2028\"")) {
      cases.add(new Case("worker named " + name, own + "  " + name + ":\n    replicas: 1\n" + builders));
      cases.add(new Case("pool named " + name, own + "  " + name + ":\n    replicas: 3\n" + builders));
      cases.add(new Case("builder named " + name, own + "  w1: {}\n" + builders + "  " + name + ":\n    repository: https://git.example.org/r.git\n    workers: [w1]\n"));
    }
    return cases;
  }

  private static final String FARM = """
      master:
        replicas: 2
        title: "CI"
        buildbotURL: "https://ci.example.org/"
      ui:
        replicas: 1
        ingress:
          enabled: true
          host: ci.example.org
      database:
        type: postgresql
        existingSecret:
          name: db
      workers:
        linux-amd64: null
        debian-arm64: null
        docs: null
        w1:
          replicas: 2
          maxBuilds: 2
          nodeSelector:
            kubernetes.io/arch: amd64
      builders:
        app-tests: null
        docs: null
        b1:
          repository: https://git.example.org/r.git
          branch: main
          command: [make, test]
          workers: [w1]
      """;

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
