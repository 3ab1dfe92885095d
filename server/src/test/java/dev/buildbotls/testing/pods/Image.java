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
 * <p>Dockerfile.master (v3.7.0, v4.2.1): Debian, Buildbot in the virtualenv /buildbot_venv (not on
 * PATH), {@code WORKDIR /buildbot}, no {@code USER} (root), {@code CMD ["dumb-init",
 * "/usr/src/buildbot/start_buildbot.sh"]}. worker/Dockerfile: the same virtualenv, {@code USER
 * buildbot} (uid 1000), {@code WORKDIR /buildbot}, {@code CMD ["/usr/bin/dumb-init",
 * "/buildbot_venv/bin/twistd", "--pidfile=", "-ny", "buildbot.tac"]}.
 */
public record Image(String reference, Path root, int user, int group, String workingDir, List<String> command, Map<String, String> env) {
  /** Debian's base image PATH; Buildbot's images add nothing to it. */
  public static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  /** The Debian release whose buildbot package is each Buildbot version the tests run. */
  private static final Map<String, String> SUITES = Map.of("v4.2.1", "trixie", "v3.7.0", "bookworm");

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
    Path root = roots().resolve(suite);
    if (!Files.isRegularFile(root.resolve(".buildbot-ls-root"))) {
      fail("the " + suite + " root for " + reference + " is missing: run scripts/pod-roots.sh (scripts/test.sh does)");
    }
    Map<String, String> env = Map.of("PATH", PATH);
    return switch (repository) {
      case "quay.io/buildbot/buildbot-master" -> new Image(reference, root, 0, 0, "/buildbot",
          List.of("dumb-init", "/usr/src/buildbot/start_buildbot.sh"), env);
      case "quay.io/buildbot/buildbot-worker" -> new Image(reference, root, 1000, 1000, "/buildbot",
          List.of("/usr/bin/dumb-init", "/buildbot_venv/bin/twistd", "--pidfile=", "-ny", "buildbot.tac"), env);
      default -> throw new AssertionError("the pod runner knows no image " + reference);
    };
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
