package dev.buildbotls.testing.pods;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Buildbot's official images, as the pod runner needs them: the contract of their Dockerfiles at
 * the tag (user, working directory, PATH, command) and a root file system laid out like them, made
 * by {@code scripts/pod-roots.sh} from Debian's packages of that Buildbot release.
 *
 * <p>Dockerfile.master (v4.2.1): Debian 11, Buildbot in the virtualenv /buildbot_venv (not on
 * PATH), {@code WORKDIR /buildbot}, no {@code USER} (root) and no user of its own (so no passwd
 * entry for uid 1000: the master root has none either). worker/Dockerfile (v4.2.1): Debian 12, the
 * same virtualenv, {@code useradd -ms /bin/bash buildbot} (uid 1000), {@code USER buildbot},
 * {@code WORKDIR /buildbot}, {@code CMD ["/usr/bin/dumb-init", "/buildbot_venv/bin/twistd",
 * "--pidfile=", "-ny", "buildbot.tac"]}.
 *
 * <p>{@code v3.7.0} is Buildbot 3.7's code and database in that same layout, the "previous
 * version" of the upgrade test: not the v3.7.0 images (their worker is Ubuntu 20.04 with Buildbot
 * on PATH and no virtualenv, and 3.x images before 3.11.8 were published on Docker Hub, not
 * quay.io; chart/README.md, "Supported image tags").
 */
public record Image(String reference, Path root, int user, int group, String workingDir, List<String> command, Map<String, String> env) {
  /** Debian's base image PATH; Buildbot's images add nothing to it. */
  public static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  /**
   * The Debian release whose buildbot package is each Buildbot version the tests run: trixie's is the
   * chart's appVersion, bookworm's 3.7.0 ({@link #root} checks the root's package against the tag).
   */
  private static final Map<String, String> SUITES = Map.of("v" + dev.buildbotls.testing.Repo.appVersion(), "trixie", "v3.7.0", "bookworm");

  public static Path roots() {
    return Path.of(System.getenv().getOrDefault("BUILDBOT_LS_ROOTS", "/var/cache/buildbot-ls/roots"));
  }

  public static Image of(String reference) {
    int colon = reference.lastIndexOf(':');
    String repository = reference.substring(0, colon);
    String tag = reference.substring(colon + 1);
    String suite = SUITES.get(tag);
    if (suite == null) {
      fail("no root file system for " + reference + ": the pod runner has Buildbot " + SUITES.keySet());
    }
    Map<String, String> env = Map.of("PATH", PATH);
    return switch (repository) {
      case "quay.io/buildbot/buildbot-master" -> new Image(reference, root(suite, reference), 0, 0, "/buildbot",
          List.of("dumb-init", "/usr/src/buildbot/start_buildbot.sh"), env);
      case "quay.io/buildbot/buildbot-worker" -> new Image(reference, root(suite + "-worker", reference), 1000, 1000, "/buildbot",
          List.of("/usr/bin/dumb-init", "/buildbot_venv/bin/twistd", "--pidfile=", "-ny", "buildbot.tac"), env);
      default -> throw new AssertionError("the pod runner knows no image " + reference);
    };
  }

  private static Path root(String name, String reference) {
    Path root = roots().resolve(name);
    if (!Files.isRegularFile(root.resolve(".buildbot-ls-root"))) {
      fail("the " + name + " root for " + reference + " is missing: run scripts/pod-roots.sh (scripts/test.sh does)");
    }
    String tag = reference.substring(reference.lastIndexOf(':') + 2);
    String installed = debianVersion(root, "buildbot");
    if (!installed.startsWith(tag + "-")) {
      fail("the " + name + " root has Debian's buildbot " + installed + ", not " + tag + " as " + reference
          + " needs: the chart's appVersion moved away from the Debian release the pod runner uses (Image.SUITES)");
    }
    return root;
  }

  /** A package's version in a root's dpkg database. */
  private static String debianVersion(Path root, String pkg) {
    try {
      String status = Files.readString(root.resolve("var/lib/dpkg/status"));
      var m = java.util.regex.Pattern.compile("(?m)^Package: " + pkg + "\n(?:[^\n]+\n)*?Version: (\\S+)").matcher(status);
      return m.find() ? m.group(1) : "(none)";
    } catch (java.io.IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * Whether the kubelet could pull the image (adaptation 7): one on a registry of the reserved
   * `.invalid` domain never can, every other is a root of {@link #of} (or a failed test).
   */
  public static boolean pullable(String reference) {
    String registry = reference.split("/", 2)[0];
    return !registry.endsWith(".invalid") && !registry.contains(".invalid:");
  }

  /**
   * A path inside the root with its symbolic links followed inside the root (an absolute link
   * is the root's, as a container runtime resolves a mount point: /var/run is /run in Debian).
   */
  public String inRoot(String path) {
    java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(path.split("/")));
    java.util.Deque<String> resolved = new java.util.ArrayDeque<>();
    for (int links = 0; !todo.isEmpty(); ) {
      String part = todo.pollFirst();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        resolved.pollLast();
        continue;
      }
      Path here = root.resolve(String.join("/", resolved)).resolve(part);
      if (Files.isSymbolicLink(here) && links++ < 40) {
        try {
          String link = Files.readSymbolicLink(here).toString();
          if (link.startsWith("/")) {
            resolved.clear();
          }
          List<String> parts = List.of(link.split("/"));
          for (int i = parts.size() - 1; i >= 0; i--) {
            todo.addFirst(parts.get(i));
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        continue;
      }
      resolved.addLast(part);
    }
    return "/" + String.join("/", resolved);
  }

  /** The home directory of a user in the image's /etc/passwd, or "/" as container runtimes do. */
  public String home(int uid) {
    try {
      for (String line : Files.readAllLines(root.resolve("etc/passwd"))) {
        String[] f = line.split(":");
        if (f.length > 5 && f[2].equals(Integer.toString(uid))) {
          return f[5];
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return "/";
  }
}
