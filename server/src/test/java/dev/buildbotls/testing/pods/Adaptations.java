package dev.buildbotls.testing.pods;

import dev.buildbotls.testing.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the pod runner does differently from a cluster, in one place. Each is something that
 * cannot exist outside a cluster; the chart's objects, commands, environment and files are
 * otherwise run as the kubelet would run them.
 *
 * <ol>
 *   <li><b>Service names become loopback addresses.</b> Each Service gets its own 127.0.0.x, written
 *       into every pod's /etc/hosts (the kubelet manages that file too), so the chart's own names
 *       (BUILDMASTER, the router URL, the database host) resolve unchanged. See {@link Cluster}.
 *   <li><b>A Service is a TCP proxy</b> on its address and port, spreading connections over the ready
 *       pods its selector matches (kube-proxy's job). See {@link TcpProxy}.
 *   <li><b>Several masters on one host need several ports.</b> Pods share the host's network, so each
 *       declared container port listens on a free host port instead, and the master.cfg a master pod
 *       mounts is rewritten to those ports ({@link #masterPorts}). Probes and Services follow.
 *   <li><b>The bundled database and router pods are not run</b> (their images, postgres and crossbar,
 *       are not Debian packages): a test PostgreSQL and a WAMP router (fox-wamp) listen on those
 *       Services' addresses and ports, with the credentials the chart rendered.
 *   <li><b>Two stand-in Python packages</b> mounted into every container ({@link #standIns}):
 *       {@code buildbot_www}, the UI plugin a web master requires (Debian ships no web UI; the REST
 *       API is Buildbot's own), and {@code buildbot.test.fake.reactor}, which Debian's buildbot leaves
 *       out and Buildbot 4.2's master imports while storing log lines.
 *   <li><b>No service-account token, no service-link variables</b>: the chart uses neither.
 *   <li><b>NetworkPolicies are not enforced</b> (there is no CNI plugin): {@code NetworkPolicyTest}
 *       evaluates them; seccomp profiles and dropped capabilities are not applied either (the pods
 *       run as non-root users, which is what they rely on).
 * </ol>
 */
public final class Adaptations {
  private Adaptations() {}

  private static final Pattern PB = Pattern.compile("(c\\[\"protocols\"\\] = \\{\"pb\": \\{\"port\": )(\\d+)( if ROLE != \"ui\" else \"tcp:)(\\d+)(:)");
  private static final Pattern WWW = Pattern.compile("(c\\[\"www\"\\] = \\{\"port\": )(\\d+)");

  /** 3. The master.cfg a pod mounts, listening on the pod's host ports for pb and http. */
  public static String masterPorts(String masterCfg, int pbPort, int httpPort) {
    Matcher pb = PB.matcher(masterCfg);
    if (!pb.find()) {
      throw new AssertionError("master.cfg has no pb port line to adapt:\n" + masterCfg);
    }
    String text = pb.replaceFirst("$1" + pbPort + "$3" + pbPort + "$5");
    Matcher www = WWW.matcher(text);
    return www.find() ? www.replaceFirst("$1" + httpPort) : text;
  }

  /** 5. Host directories mounted read-only into every container: container path to host path. */
  public static Map<String, Path> standIns() {
    Path dist = Repo.root().resolve("server/src/test/pod-root/usr/lib/python3/dist-packages");
    Map<String, Path> mounts = new LinkedHashMap<>();
    mounts.put("/usr/lib/python3/dist-packages/buildbot_www", dist.resolve("buildbot_www"));
    mounts.put("/usr/lib/python3/dist-packages/buildbot_www-0.0.0.dist-info", dist.resolve("buildbot_www-0.0.0.dist-info"));
    mounts.put("/usr/lib/python3/dist-packages/buildbot/test", dist.resolve("buildbot-test"));
    mounts.values().forEach(p -> {
      if (!Files.isDirectory(p)) {
        throw new AssertionError("missing stand-in " + p);
      }
    });
    return mounts;
  }
}
