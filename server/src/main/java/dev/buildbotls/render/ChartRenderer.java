package dev.buildbotls.render;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Renders the chart with the real Helm engine (helm-java, native library shipped in the jar) the
 * way {@code helm template} does, in a sandbox: Helm runs in a {@link RenderWorker} process with an
 * empty kubeconfig and no in-cluster variables (so {@code lookup} never reaches a cluster), a
 * memory limit and a time limit (so a runaway template costs that process, never the server); a
 * user's chart is copied first by {@link ChartCopy} (no symbolic links, a Chart.yaml required).
 * The worker is started on the first render and kept for the next ones.
 */
public final class ChartRenderer {
  /** How long one render may take before its worker is stopped. */
  public static final Duration TIME_LIMIT = Duration.ofSeconds(60);
  /** The worker's address space (Linux): Helm's Go heap, the worker's JVM and the native library. */
  public static final long MEMORY_LIMIT_KIB = 3L * 1024 * 1024;

  /**
   * The worker's kubeconfig: an empty one would make client-go try localhost:8080; port 0 is refused
   * by the kernel itself, so a {@code lookup} fails before any byte leaves the process.
   */
  private static final String NO_CLUSTER = """
      apiVersion: v1
      kind: Config
      clusters: [{name: none, cluster: {server: "http://127.0.0.1:0"}}]
      contexts: [{name: none, context: {cluster: none, user: none}}]
      users: [{name: none, user: {}}]
      current-context: none
      """;

  private static Path bundledChart;
  private static Process worker;
  private static Path workerHome;
  private static final ExecutorService READER = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "buildbot-ls-render-reader");
    t.setDaemon(true);
    return t;
  });

  private ChartRenderer() {}

  /** Helm refused: its message, one line per problem. */
  public static final class RenderException extends Exception {
    public RenderException(String message) {
      super(message);
    }
  }

  /**
   * @param chart the chart directory, or null for the bundled chart
   * @param values the values texts (possibly unsaved), layered in order as `helm template -f` does
   * @return the manifests, as {@code helm template} prints them
   */
  public static String render(Path chart, String release, List<String> values) throws RenderException {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= values.size(); i++) {
      names.add("values file " + i);
    }
    return render(chart, release, values, names);
  }

  /**
   * @param names how the user knows each values text (its path): Helm's messages name these, never
   *     the temporary files Helm was given
   */
  public static synchronized String render(Path chart, String release, List<String> values, List<String> names) throws RenderException {
    Path work = null;
    List<String> files = new ArrayList<>();
    try {
      work = Files.createTempDirectory("buildbot-ls-render"); // private (0700) where the platform has modes
      List<String> request = new ArrayList<>();
      request.add((chart == null ? bundledChart() : ChartCopy.copy(chart.toAbsolutePath(), work.resolve("chart"))).toString());
      request.add(release);
      int i = 0;
      for (String text : values) {
        Path file = work.resolve((i++) + "-values.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        request.add(file.toString());
        files.add(file.toString());
      }
      try {
        return ask(request);
      } catch (RenderException e) {
        String message = e.getMessage();
        for (int f = 0; f < files.size(); f++) {
          message = message.replace(files.get(f), names.get(f));
        }
        throw new RenderException(message.replace(work.toString(), "(the render's directory)"));
      }
    } catch (ChartCopy.Refused e) {
      throw new RenderException(chart + ": " + e.getMessage());
    } catch (IOException e) {
      throw new RenderException("cannot prepare the render: " + e.getMessage());
    } finally {
      deleteQuietly(work);
    }
  }

  private static String ask(List<String> request) throws RenderException, IOException {
    Process process = worker();
    DataOutputStream out = new DataOutputStream(process.getOutputStream());
    RenderWorker.writeStrings(out, request);
    out.flush();
    DataInputStream in = new DataInputStream(process.getInputStream());
    Future<String[]> answer = READER.submit(() -> new String[] {String.valueOf(in.readInt()), RenderWorker.readString(in)});
    try {
      String[] a = answer.get(TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      if (Integer.parseInt(a[0]) != RenderWorker.RENDERED) {
        throw new RenderException(helmMessage(a[1]));
      }
      return a[1];
    } catch (TimeoutException e) {
      stopWorker();
      throw new RenderException("Helm did not finish within " + TIME_LIMIT.toSeconds() + " s and was stopped (a template that loops, or values that ask for too much)");
    } catch (ExecutionException e) {
      stopWorker();
      throw new RenderException("Helm stopped without an answer (out of its " + MEMORY_LIMIT_KIB / (1024 * 1024)
          + " GiB of memory, or crashed); the render was abandoned");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopWorker();
      throw new RenderException("the render was interrupted");
    }
  }

  /** The running worker, or a new one in its sandbox. */
  private static Process worker() throws IOException {
    if (worker != null && worker.isAlive()) {
      return worker;
    }
    workerHome = Files.createTempDirectory("buildbot-ls-helm-home");
    Path kubeconfig = Files.writeString(workerHome.resolve("kubeconfig"), NO_CLUSTER);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Helm's strings are UTF-8; JNA and file names default to the locale's charset, which the empty environment makes ASCII.
    List<String> jvm = List.of(java, "-Xmx256m", "-Dfile.encoding=UTF-8", "-Djna.encoding=UTF-8", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-XX:CompressedClassSpaceSize=64m", "-XX:ReservedCodeCacheSize=64m",
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
        "-cp", System.getProperty("java.class.path"), RenderWorker.class.getName());
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/bin/sh")) && System.getProperty("os.name").startsWith("Linux")) {
      command.addAll(List.of("/bin/sh", "-c", "ulimit -v " + MEMORY_LIMIT_KIB + " && exec \"$@\"", "render-worker"));
    }
    command.addAll(jvm);
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = builder.environment();
    env.clear(); // no KUBECONFIG, KUBERNETES_SERVICE_HOST, HELM_*, proxies or tokens from the server's environment
    env.put("HOME", workerHome.toString());
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("HELM_CACHE_HOME", workerHome.resolve("cache").toString());
    env.put("HELM_CONFIG_HOME", workerHome.resolve("config").toString());
    env.put("HELM_DATA_HOME", workerHome.resolve("data").toString());
    env.put("PATH", "/usr/bin:/bin");
    env.put("LC_ALL", "C.UTF-8");
    // glibc gives each thread a 64 MB arena of address space: under the worker's address-space limit,
    // Go's runtime then found none left for a large farm's manifests (4,000 workers: "out of memory").
    env.put("MALLOC_ARENA_MAX", "2");
    worker = builder.start();
    Process started = worker;
    Path home = workerHome;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        started.getOutputStream().close(); // end of requests: the worker exits and cleans up after itself
        started.waitFor(5, TimeUnit.SECONDS);
      } catch (IOException | InterruptedException ignored) {
        // stopped below
      }
      started.destroyForcibly();
      deleteQuietly(home);
    }, "buildbot-ls-render-worker-stop"));
    return worker;
  }

  private static void stopWorker() {
    if (worker != null) {
      worker.destroyForcibly();
      worker = null;
      deleteQuietly(workerHome);
    }
  }

  /** Helm's message without the hint about --debug, which does not apply here. */
  static String helmMessage(String message) {
    if (message == null) {
      return "Helm failed without a message";
    }
    String plain = message.replace("\n\nUse --debug flag to render out invalid YAML", "").strip();
    return plain.contains("error calling lookup")
        ? plain + " (a preview never contacts a cluster, so `lookup` finds nothing to read)"
        : plain;
  }

  /** The chart inside the server jar, copied once to a temporary directory Helm can read. */
  public static synchronized Path bundledChart() {
    if (bundledChart != null && Files.isRegularFile(bundledChart.resolve("Chart.yaml"))) {
      return bundledChart;
    }
    try {
      URL chartYaml = ChartRenderer.class.getResource("/chart/Chart.yaml");
      if (chartYaml == null) {
        throw new IllegalStateException("the bundled chart is missing from the jar");
      }
      Path target = Files.createTempDirectory("buildbot-ls-chart");
      URI uri = chartYaml.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          copyTree(jar.getPath("/chart"), target);
        }
      } else {
        copyTree(Paths.get(uri).getParent(), target);
      }
      // deleteOnExit removes only empty directories: the copy goes as a whole when the JVM exits.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(target), "buildbot-ls-chart-cleanup"));
      bundledChart = target;
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
