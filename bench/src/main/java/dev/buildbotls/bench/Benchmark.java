package dev.buildbotls.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * buildbot-ls against yaml-language-server, through the same stdio client, in one run, alternating
 * which goes first. Prints a table with the ratio and writes it as JSON.
 *
 * <pre>scripts/bench.sh [--sizes 100,20000,100000] [--edits 60] [--requests 100] [--server-jvm-args "-XX:StartFlightRecording=..."]</pre>
 * or, for the chart against the size of the farm ({@link ChartScale}), {@code scripts/bench.sh --chart-scale 1000,2000,4000,8000,10000}.
 * The JVM arguments are added to buildbot-ls's command, for profiling it under this very load.
 */
public final class Benchmark {
  private record Server(String name, List<String> command, Map<String, String> env, Object settings) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    Path repo = Path.of(options.getOrDefault("--repo", ".")).toAbsolutePath().normalize();
    if (options.containsKey("--chart-scale")) {
      ChartScale.run(repo, Arrays.stream(options.get("--chart-scale").split(",")).mapToInt(Integer::parseInt).toArray(),
          repo.resolve(options.getOrDefault("--out", "bench/results-chart-scale.json")));
      return;
    }
    int[] sizes = Arrays.stream(options.getOrDefault("--sizes", "100,20000,100000").split(",")).mapToInt(Integer::parseInt).toArray();
    int edits = Integer.parseInt(options.getOrDefault("--edits", "60"));
    int requests = Integer.parseInt(options.getOrDefault("--requests", "100"));
    Path work = Files.createTempDirectory("buildbot-ls-bench");
    Path schema = repo.resolve("schema/values.schema.json");
    Path jar = repo.resolve("server/target/buildbot-ls.jar");
    // The flags the VS Code extension launches the server with (vscode-client/src/launch.ts), once
    // its first start has made the class-data sharing archive: here, the one the build made.
    List<String> cds = List.of("-XX:SharedArchiveFile=" + repo.resolve("server/target/buildbot-ls.jsa"), "-Xlog:disable", "-Xlog:all=warning:stderr");
    List<String> command = new ArrayList<>(List.of("java", "-Xms64m", "-Xmx1g", "-XX:+UseSerialGC",
        "-XX:Tier4InvocationThreshold=25000", "-XX:Tier4MinInvocationThreshold=3000", "-XX:Tier4CompileThreshold=75000", "-XX:Tier4BackEdgeThreshold=200000"));
    command.addAll(cds);
    String extra = options.getOrDefault("--server-jvm-args", "");
    if (!extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString()));
    List<Server> servers = List.of(
        new Server("buildbot-ls", command, Map.of(), Map.of()),
        new Server("yaml-language-server", List.of("node", repo.resolve("bench/node_modules/yaml-language-server/bin/yaml-language-server").toString(), "--stdio"), Map.of(),
            Map.of("yaml", Map.of("schemas", Map.of(schema.toUri().toString(), List.of("values*.yaml")), "validate", true,
                "completion", true, "hover", true, "schemaStore", Map.of("enable", false)))));

    warmUpClient(servers.get(0), work);
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("machine", machine());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int s = 0; s < sizes.length; s++) {
      String text = sizes[s] == 100 ? Files.readString(repo.resolve("chart/values.yaml")) : Farm.values(sizes[s]);
      Path file = work.resolve("size-" + sizes[s]).resolve("values.yaml");
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      List<Server> order = s % 2 == 0 ? servers : List.of(servers.get(1), servers.get(0)); // alternate who goes first
      Map<String, Map<String, Double>> bySize = new LinkedHashMap<>();
      for (Server server : order) {
        bySize.put(server.name(), measure(server, file, text, edits, requests, work));
      }
      for (String metric : bySize.get("buildbot-ls").keySet()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("lines", text.split("\n", -1).length - 1);
        row.put("metric", metric);
        double ours = bySize.get("buildbot-ls").get(metric);
        double theirs = bySize.get("yaml-language-server").getOrDefault(metric, Double.NaN);
        row.put("buildbot-ls", ours);
        row.put("yaml-language-server", theirs);
        row.put("ratio", theirs / ours);
        rows.add(row);
      }
    }
    rows.addAll(checkTimes(repo, jar, cds, work));
    rows.addAll(startUp(repo, servers.get(1), work));
    results.put("rows", rows);
    printTable(rows);
    Path out = repo.resolve(options.getOrDefault("--out", "bench/results.json"));
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
    System.out.println("\nwritten to " + out);
  }

  /**
   * The measuring client's own JIT warmed before any figure: a discarded session (the first figures
   * otherwise include this JVM parsing its first list of thousands of items, cold, which no editor's
   * client pays: VS Code's JSON.parse is native).
   */
  private static void warmUpClient(Server server, Path work) throws Exception {
    String text = Farm.values(20000);
    Path file = work.resolve("client-warm-up").resolve("values.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Position inList = Farm.inFirstBuilderWorkers(text);
    int line = inList.getLine();
    try (LspDriver lsp = new LspDriver(server.command(), server.env(), server.settings(), work.resolve("client-warm-up.log"))) {
      lsp.initialize(file.getParent());
      lsp.open(file.toUri().toString(), text);
      lsp.nextDiagnostics(file.toUri().toString(), System.nanoTime(), 120);
      for (int i = 0; i < 20; i++) {
        lsp.completion(file.toUri().toString(), inList);
        lsp.hover(file.toUri().toString(), new Position(line, 6));
      }
    }
  }

  /** A fresh server with the file open: adds its start to first diagnostics, and the completion of a builder's workers right after (#27: at most 20 ms at 20,000 lines). */
  private static LspDriver openThenComplete(Server server, Path file, String text, Position inList, List<Double> starts,
      List<Double> completions, Path work) throws Exception {
    String uri = file.toUri().toString();
    long start = System.nanoTime();
    LspDriver lsp = new LspDriver(server.command(), server.env(), server.settings(), work.resolve(server.name() + ".log"));
    lsp.initialize(file.getParent());
    lsp.open(uri, text);
    lsp.nextDiagnostics(uri, start, 120);
    starts.add(millis(System.nanoTime() - start));
    completions.add(millis(lsp.completion(uri, inList)));
    return lsp;
  }

  private static Map<String, Double> measure(Server server, Path file, String text, int edits, int requests, Path work) throws Exception {
    Map<String, Double> m = new LinkedHashMap<>();
    String uri = file.toUri().toString();
    Position inList = Farm.inFirstBuilderWorkers(text);
    int line = inList.getLine();
    // Start-up figures are one sample per process: four short sessions and the long one below give a median of 5.
    List<Double> starts = new ArrayList<>();
    List<Double> firstCompletions = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      openThenComplete(server, file, text, inList, starts, firstCompletions, work).close();
    }
    try (LspDriver lsp = openThenComplete(server, file, text, inList, starts, firstCompletions, work)) {
      m.put("start to first diagnostics, median of 5 (ms)", percentile(starts, 50));
      m.put("first completion after open, median of 5 (ms)", percentile(firstCompletions, 50));
      Thread.sleep(500);
      m.put("resident memory after open (MB)", lsp.residentBytes() / 1048576.0);

      List<Double> latencies = new ArrayList<>();
      for (int v = 2; v < edits + 2; v++) {
        long sent = System.nanoTime();
        lsp.replace(uri, v, new Range(new Position(Farm.EDIT_LINE, 12), new Position(Farm.EDIT_LINE, 13)), v % 2 == 0 ? "4" : "3");
        LspDriver.Published p = lsp.nextDiagnostics(uri, sent, 60);
        latencies.add(millis(p.nanos() - sent));
        Thread.sleep(30);
      }
      m.put("keystroke to diagnostics p50 (ms)", percentile(latencies, 50));
      m.put("keystroke to diagnostics p90 (ms)", percentile(latencies, 90));

      List<Double> completions = new ArrayList<>();
      List<Double> hovers = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        completions.add(millis(lsp.completion(uri, inList)));
        hovers.add(millis(lsp.hover(uri, new Position(line, 6))));
      }
      m.put("completion in a builder's workers p50 (ms)", percentile(completions, 50));
      m.put("completion in a builder's workers p99 (ms)", percentile(completions, 99));
      m.put("hover p50 (ms)", percentile(hovers, 50));
      m.put("hover p99 (ms)", percentile(hovers, 99));
    }
    return m;
  }

  /** `--check` from a cold JVM: one file, and 1,000 files in one invocation (buildbot-ls only: the peer has no CLI). */
  private static List<Map<String, Object>> checkTimes(Path repo, Path jar, List<String> cds, Path work) throws Exception {
    List<Double> one = new ArrayList<>();
    List<String> check = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    check.addAll(cds);
    check.addAll(List.of("-jar", jar.toString(), "--check"));
    for (int i = 0; i < 5; i++) {
      List<String> command = new ArrayList<>(check);
      command.add("chart/values.yaml");
      one.add(time(repo, command.toArray(String[]::new)));
    }
    List<String> many = new ArrayList<>(List.of("java", "-XX:+UseSerialGC"));
    many.addAll(cds);
    many.addAll(List.of("-jar", jar.toString(), "--check"));
    String example = Files.readString(repo.resolve("chart/examples/large-farm.yaml"));
    for (int i = 0; i < 1000; i++) {
      Path f = work.resolve("many").resolve("values-" + i + ".yaml");
      Files.createDirectories(f.getParent());
      Files.writeString(f, example);
      many.add(f.toString());
    }
    double thousand = time(repo, many.toArray(String[]::new));
    List<Map<String, Object>> rows = new ArrayList<>(List.of(
        Map.of("lines", 0, "metric", "--check one file, cold JVM, median of 5 (ms)", "buildbot-ls", percentile(one, 50), "yaml-language-server", Double.NaN, "ratio", Double.NaN),
        Map.of("lines", 0, "metric", "--check 1,000 files, one invocation (ms)", "buildbot-ls", thousand, "yaml-language-server", Double.NaN, "ratio", Double.NaN)));
    // One stack of -f layers (each the large farm): linear in its length, so 10x the layers is about 10x the time past the JVM's start
    for (int layers : List.of(10, 100, 1000)) {
      List<String> stack = new ArrayList<>(List.of("java", "-XX:+UseSerialGC"));
      stack.addAll(cds);
      stack.addAll(List.of("-jar", jar.toString(), "--check"));
      for (int i = 0; i < layers; i++) {
        stack.addAll(List.of("-f", work.resolve("many").resolve("values-" + i + ".yaml").toString()));
      }
      rows.add(Map.of("lines", 0, "metric", "--check -f stack of " + layers + " layers, one invocation (ms)", "buildbot-ls", time(repo, stack.toArray(String[]::new)),
          "yaml-language-server", Double.NaN, "ratio", Double.NaN));
    }
    return rows;
  }

  /**
   * Start-up as users get it: the installed launcher (server/target/buildbot-ls) on Java 17 (a
   * class-data sharing archive) and on Java 25 (an AOT cache, BUILDBOT_LS_JAVA25), each once its first
   * start has trained the cache, against yaml-language-server; from process start to the first
   * diagnostics on the chart's values.yaml, and a cold `--check` of it. Medians of 5, alternating.
   */
  private static List<Map<String, Object>> startUp(Path repo, Server peer, Path work) throws Exception {
    String launcher = repo.resolve("server/target/buildbot-ls").toString();
    Path values = repo.resolve("chart/values.yaml");
    String text = Files.readString(values);
    Path file = work.resolve("start-up").resolve("values.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    String java25 = System.getenv("BUILDBOT_LS_JAVA25");
    if (java25 == null) {
      throw new IllegalStateException("BUILDBOT_LS_JAVA25 names a Java 25+ (scripts/bench.sh sets it from scripts/java25.sh)");
    }
    List<Server> launchers = List.of(
        new Server("launcher, Java 17, class-data archive", List.of(launcher), Map.of("BUILDBOT_LS_JAVA",
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "XDG_CACHE_HOME", work.resolve("cache-17").toString()), Map.of()),
        new Server("launcher, Java 25, AOT cache", List.of(launcher), Map.of("BUILDBOT_LS_JAVA", java25,
            "XDG_CACHE_HOME", work.resolve("cache-25").toString()), Map.of()));
    for (Server server : launchers) { // the first start, which trains the cache beside it
      time(repo, server.env(), launcher, "--check", values.toString());
      Path cache = Path.of(server.env().get("XDG_CACHE_HOME"), "buildbot-ls");
      while (training(cache)) {
        Thread.sleep(100);
      }
    }
    Position inList = new Position(Farm.firstBuilderWorkersLine(text), 0);
    Map<String, List<Double>> starts = new LinkedHashMap<>();
    Map<String, List<Double>> checks = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      for (Server server : i % 2 == 0 ? List.of(launchers.get(0), launchers.get(1), peer) : List.of(peer, launchers.get(1), launchers.get(0))) {
        openThenComplete(server, file, text, inList, starts.computeIfAbsent(server.name(), k -> new ArrayList<>()), new ArrayList<>(), work).close();
        if (server != peer) {
          checks.computeIfAbsent(server.name(), k -> new ArrayList<>()).add(time(repo, server.env(), launcher, "--check", values.toString()));
        }
      }
    }
    double theirs = percentile(starts.get(peer.name()), 50);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Server server : launchers) {
      double ours = percentile(starts.get(server.name()), 50);
      rows.add(Map.of("lines", text.split("\n", -1).length - 1, "metric", server.name() + ": start to first diagnostics, median of 5 (ms)",
          "buildbot-ls", ours, "yaml-language-server", theirs, "ratio", theirs / ours));
    }
    for (Server server : launchers) {
      rows.add(Map.of("lines", 0, "metric", server.name() + ": `--check` of the default values, median of 5 (ms)",
          "buildbot-ls", percentile(checks.get(server.name()), 50), "yaml-language-server", Double.NaN, "ratio", Double.NaN));
    }
    return rows;
  }

  private static boolean training(Path cache) throws Exception {
    try (var files = Files.list(cache)) {
      return files.anyMatch(f -> f.toString().endsWith(".lock"));
    }
  }

  private static double time(Path dir, String... command) throws Exception {
    return time(dir, Map.of(), command);
  }

  private static double time(Path dir, Map<String, String> env, String... command) throws Exception {
    long t0 = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(env);
    builder.start().waitFor();
    return millis(System.nanoTime() - t0);
  }

  private static void printTable(List<Map<String, Object>> rows) {
    System.out.printf("%n| lines | figure | buildbot-ls | yaml-language-server | ratio |%n|---|---|---|---|---|%n");
    for (Map<String, Object> r : rows) {
      System.out.printf("| %s | %s | %.1f | %s | %s |%n", r.get("lines"), r.get("metric"), (Double) r.get("buildbot-ls"),
          Double.isNaN((Double) r.get("yaml-language-server")) ? "n/a" : String.format("%.1f", (Double) r.get("yaml-language-server")),
          Double.isNaN((Double) r.get("ratio")) ? "n/a" : String.format("%.1fx", (Double) r.get("ratio")));
    }
  }

  static Map<String, Object> machine() {
    return Map.of("cores", Runtime.getRuntime().availableProcessors(), "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        "java", System.getProperty("java.version"));
  }

  private static double percentile(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    return options;
  }
}
