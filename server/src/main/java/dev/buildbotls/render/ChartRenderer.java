package dev.buildbotls.render;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Renders the chart with the real Helm engine (helm-java, native library shipped in the jar) the
 * way {@code helm template} does. Loaded only when something is rendered, so checking never pays
 * for the native library.
 */
public final class ChartRenderer {
  /** helm-java would otherwise try to download its native library when none is found. */
  private static final String SKIP_REMOTE_JAR = "com.marcnuri.jkube-helm.skipRemoteJar";

  private static Path bundledChart;

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
    System.setProperty(SKIP_REMOTE_JAR, "true");
    Path dir = chart != null ? chart : bundledChart();
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory("buildbot-ls-values");
      TemplateCommand command = new Helm(dir).template().withName(release).withNamespace("default");
      int i = 0;
      for (String text : values) {
        Path file = tmp.resolve((i++) + "-values.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        command = command.withValuesFile(file);
      }
      return command.call();
    } catch (IllegalStateException e) {
      throw new RenderException(helmMessage(e.getMessage()));
    } catch (IOException e) {
      throw new RenderException("cannot write the values for Helm: " + e.getMessage());
    } finally {
      deleteQuietly(tmp);
    }
  }

  /** Helm's message without the hint about --debug, which does not apply here. */
  static String helmMessage(String message) {
    if (message == null) {
      return "Helm failed without a message";
    }
    return message.replace("\n\nUse --debug flag to render out invalid YAML", "").strip();
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
