package dev.buildbotls.testing.pods;

import dev.buildbotls.testing.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
 *       Services' addresses and ports, with the credentials the chart rendered. The database pod's
 *       own commands (its probes, its major-version guard) and the migration Job's backup step
 *       (the postgres image's pg_dump) run against a real PostgreSQL in {@code DatabasePodIT}.
 *   <li><b>Stand-in Python packages</b> mounted into every container ({@link #standIns}):
 *       {@code buildbot_www}, the UI a web master requires, and the waterfall, console and grid
 *       views the master image installs (Debian ships no web UI; each registers its
 *       {@code buildbot.www} entry point and serves nothing; the REST API is Buildbot's own), and
 *       {@code buildbot.test.fake.reactor}, which Debian's buildbot leaves out and Buildbot 4.2's
 *       master imports while storing log lines.
 *   <li><b>One node, the host</b>, labelled {@link Cluster#NODE_LABELS}: a pod whose nodeSelector it
 *       does not match is never started and stays Pending, PodScheduled False (Unschedulable) with
 *       kube-scheduler's message. <b>Pod-spec fields not applied</b>, each with its reason:
 *       {@link #NOT_APPLIED}. Any other field the runner does not implement fails the test
 *       ({@link PodSpecFields}).
 *   <li><b>The Kubernetes API is a stand-in</b> ({@link KubeApi}) on the kubernetes Service's address
 *       (127.0.0.2:443, in every pod's KUBERNETES_* variables): HTTPS with a test CA (the cluster's
 *       kube-root-ca.crt), a bearer token per ServiceAccount (a projected serviceAccountToken),
 *       RBAC evaluated against the rendered Roles, and only the requests Buildbot's
 *       KubeLatentWorker makes: create, status and delete of pods. A pod created through it runs as
 *       any other; when its owner pod is gone it is deleted (the garbage collector's part). An
 *       image on a registry of the reserved {@code .invalid} domain cannot be pulled: its pod
 *       stays Pending with ImagePullBackOff, as the kubelet reports it.
 * </ol>
 */
public final class Adaptations {
  private Adaptations() {}

  /**
   * 6. Per place in a pod spec (as {@link PodSpecFields} names places), the fields the runner reads
   * past, and why. NetworkPolicies, which are not pod-spec fields, are not enforced either (there
   * is no CNI plugin): {@code NetworkPolicyTest} evaluates them.
   */
  static final Map<String, Map<String, String>> NOT_APPLIED = Map.of(
      "spec", Map.of(
          "affinity", "one node: not evaluated (ChartRenderTest checks it); a nodeSelector is matched against the node's labels (Cluster.NODE_LABELS)",
          "tolerations", "one node without taints: not evaluated"),
      "projection.serviceAccountToken", Map.of(
          "expirationSeconds", "the stand-in's tokens do not expire (chartkube.py reads the file at every request; a rotated file is read as such)"),
      "spec.securityContext", Map.of(
          "seccompProfile", "not applied: the pods run as non-root users, which is what they rely on (PodSecurityTest checks the profile)",
          "fsGroupChangePolicy", "volumes are made new for each pod, already owned as fsGroup asks"),
      "container", Map.of(
          "resources", "requests and limits are not enforced (no cgroup per container)",
          "terminationMessagePolicy", "the runner keeps every container's whole log (Pod.describe shows it)",
          "imagePullPolicy", "images are local roots, never pulled"),
      "container.securityContext", Map.of(
          "allowPrivilegeEscalation", "not applied (PodSecurityTest checks it): the containers run as their non-root user",
          "capabilities", "not applied (PodSecurityTest checks it): the containers run as their non-root user",
          "seccompProfile", "not applied (PodSecurityTest checks it)"));

  /** 7. The Kubernetes API: {@link KubeApi}; an image on a {@code .invalid} registry: {@link Image#pullable}. */
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
    for (String ui : List.of("www", "waterfall_view", "console_view", "grid_view")) {
      mounts.put("/usr/lib/python3/dist-packages/buildbot_" + ui, dist.resolve("buildbot_" + ui));
      mounts.put("/usr/lib/python3/dist-packages/buildbot_" + ui + "-0.0.0.dist-info", dist.resolve("buildbot_" + ui + "-0.0.0.dist-info"));
    }
    mounts.put("/usr/lib/python3/dist-packages/buildbot/test", dist.resolve("buildbot-test"));
    mounts.values().forEach(p -> {
      if (!Files.isDirectory(p)) {
        throw new AssertionError("missing stand-in " + p);
      }
    });
    return mounts;
  }
}
