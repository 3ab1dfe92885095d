package dev.buildbotls.testing.pods;

import static dev.buildbotls.testing.Rendered.cast;
import static dev.buildbotls.testing.Rendered.path;
import static org.junit.jupiter.api.Assertions.fail;

import dev.buildbotls.testing.Processes;
import dev.buildbotls.testing.Rendered;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The rendered objects of a release, run on this machine without Kubernetes: the controllers'
 * part (StatefulSet pods by ordinal, a rolling update from the highest ordinal down, Job pods),
 * Services as loopback addresses with a proxy in front of the ready pods, and each pod run by
 * {@link Pod}. What differs from a cluster is listed in {@link Adaptations}.
 */
public final class Cluster implements AutoCloseable {
  static final String NAMESPACE = "default";
  /** The one node's labels (adaptation 6): a pod's nodeSelector is matched against them, as the scheduler does. */
  static final Map<String, String> NODE_LABELS = Map.of("kubernetes.io/os", "linux", "kubernetes.io/hostname", "node-0",
      "kubernetes.io/arch", System.getProperty("os.arch").equals("aarch64") ? "arm64" : System.getProperty("os.arch"));
  /** What kube-scheduler reports on a pod whose nodeSelector no node matches, with one node. */
  static final String UNSCHEDULABLE = "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. "
      + "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";

  /** Whether the node matches the pod's nodeSelector (affinity and tolerations are not evaluated: adaptation 6). */
  static boolean schedules(Map<String, Object> spec) {
    Object selector = spec.get("nodeSelector");
    return !(selector instanceof Map<?, ?> wanted) || wanted.entrySet().stream().allMatch(e -> String.valueOf(e.getValue()).equals(NODE_LABELS.get(e.getKey())));
  }

  final Path dir;
  private volatile Rendered objects;
  private final Set<String> standIns;
  private final Map<String, String> addresses = new TreeMap<>();
  private final Map<String, Map<String, String>> externalSecrets = new LinkedHashMap<>();
  private final List<Pod> pods = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> proxies = new ArrayList<>();
  private final Path hosts;
  private KubeApi api;

  /**
   * @param standIns Services whose pods the test replaces (adaptation 4): no proxy is made for
   *     them; the test's server listens on {@link #address} at the Service's port.
   */
  public Cluster(Path dir, Rendered objects, Set<String> standIns) throws IOException {
    requireRoot();
    this.dir = Files.createDirectories(dir);
    this.objects = objects;
    this.standIns = standIns;
    int next = 10;
    for (Map<String, Object> service : objects.ofKind("Service")) {
      addresses.put(Rendered.name(service), "127.0.0." + next++);
    }
    StringBuilder text = new StringBuilder("127.0.0.1\tlocalhost\n");
    addresses.forEach((name, address) -> text.append(address).append('\t').append(name).append(' ')
        .append(name).append('.').append(NAMESPACE).append(".svc.cluster.local\n"));
    // A StatefulSet pod's own name under its headless Service; pods share the host's network (adaptation 3).
    for (Map<String, Object> sts : objects.ofKind("StatefulSet")) {
      String service = (String) path(sts, "spec", "serviceName");
      if (objects.has("Service", service) && "None".equals(path(objects.get("Service", service), "spec", "clusterIP"))) {
        for (int i = 0; i < ((Number) path(sts, "spec", "replicas")).intValue(); i++) {
          String pod = Rendered.name(sts) + "-" + i + "." + service;
          text.append("127.0.0.1\t").append(pod).append(' ').append(pod).append('.').append(NAMESPACE).append(".svc.cluster.local\n");
        }
      }
    }
    hosts = this.dir.resolve("hosts");
    Files.writeString(hosts, text);
    for (Map<String, Object> service : objects.ofKind("Service")) {
      startProxy(service);
    }
    if (!objects.ofKind("ServiceAccount").isEmpty()) {
      try {
        api = new KubeApi(this, this.dir.resolve("api"));
      } catch (IOException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException("the Kubernetes API stand-in did not start: " + e, e);
      }
    }
  }

  /** The Kubernetes API stand-in (adaptation 7), running when the release has a ServiceAccount. */
  public KubeApi api() {
    if (api == null) {
      throw new AssertionError("the release has no ServiceAccount: no pod of it talks to the Kubernetes API");
    }
    return api;
  }

  /** What the kubelet gives every pod for the kubernetes Service of the default namespace. */
  Map<String, String> kubernetesServiceLinks() {
    String host = KubeApi.ADDRESS;
    String port = Integer.toString(KubeApi.PORT);
    return Map.of("KUBERNETES_SERVICE_HOST", host, "KUBERNETES_SERVICE_PORT", port, "KUBERNETES_SERVICE_PORT_HTTPS", port,
        "KUBERNETES_PORT", "tcp://" + host + ":" + port, "KUBERNETES_PORT_443_TCP", "tcp://" + host + ":" + port,
        "KUBERNETES_PORT_443_TCP_PROTO", "tcp", "KUBERNETES_PORT_443_TCP_ADDR", host);
  }

  /** The live pod of that name, if any (a deleted one's logs stay in {@link #pods}). */
  java.util.Optional<Pod> livePod(String name) {
    return pods.stream().filter(p -> p.name.equals(name) && !p.phase().equals("Deleted")).reduce((a, b) -> b);
  }

  /** A pod created through the API (a latent worker's build pod): its metadata as given, its spec run. */
  Pod createApiPod(Map<String, Object> object) throws IOException {
    Map<String, Object> metadata = cast(object.get("metadata"));
    Map<String, String> labels = metadata.get("labels") == null ? Map.of() : cast(metadata.get("labels"));
    Map<String, Object> annotations = metadata.get("annotations") == null ? Map.of() : cast(metadata.get("annotations"));
    List<Object> owners = metadata.get("ownerReferences") == null ? List.of() : cast(metadata.get("ownerReferences"));
    return add(new Pod(this, (String) metadata.get("name"), labels, annotations, owners, cast(object.get("spec")), Map.of()));
  }

  /** Root is needed for namespaces and chroot; without it every pod test fails with this line. */
  public static void requireRoot() {
    if (!"root".equals(System.getProperty("user.name"))) {
      fail("the pod runner needs root (unshare, mount, chroot): run the tests as root, as scripts/test.sh in CI does");
    }
  }

  /** The loopback address a Service's name resolves to in every pod. */
  public String address(String service) {
    String address = addresses.get(service);
    if (address == null) {
      throw new AssertionError("no Service " + service + " in " + addresses.keySet());
    }
    return address;
  }

  /** A Secret the chart does not render (an existingSecret), as the user would create it. */
  public void addSecret(String name, Map<String, String> data) {
    externalSecrets.put(name, data);
  }

  /**
   * `helm upgrade` applied: the new objects replace the old; the kubelet refreshes the ConfigMap and
   * Secret volumes of running pods (their pod specs, images and environment stay until replaced).
   */
  public void apply(Rendered newObjects) throws IOException {
    objects = newObjects;
    for (Pod pod : pods) {
      if (!pod.phase().equals("Deleted")) {
        pod.refreshVolumes();
      }
    }
  }

  /** Every pod made so far, deleted ones included (their logs stay). */
  public List<Pod> pods() {
    return List.copyOf(pods);
  }

  public Rendered objects() {
    return objects;
  }

  // --- controllers ----------------------------------------------------------------------------

  /** The StatefulSet controller creating every replica (podManagementPolicy Parallel). */
  public List<Pod> startStatefulSet(String name) throws IOException {
    Map<String, Object> sts = objects.get("StatefulSet", name);
    List<Pod> started = new ArrayList<>();
    for (int i = 0; i < ((Number) path(sts, "spec", "replicas")).intValue(); i++) {
      started.add(createStatefulSetPod(name, i));
    }
    return started;
  }

  /** One pod of a StatefulSet from its current template: name-i, with the pod-index label. */
  public Pod createStatefulSetPod(String statefulSet, int ordinal) throws IOException {
    String podName = statefulSet + "-" + ordinal;
    if (pods.stream().anyMatch(p -> p.name.equals(podName) && !p.phase().equals("Deleted"))) {
      throw new AssertionError("the StatefulSet controller never creates " + podName + " while it exists");
    }
    return createPod(statefulSet, ordinal, podName);
  }

  /**
   * A pod from a StatefulSet's template under another name: what a Deployment's ReplicaSet does
   * when it replaces a pod that is still terminating. The chart never lets that happen to a worker.
   */
  public Pod createPod(String statefulSet, int ordinal, String podName) throws IOException {
    Map<String, Object> sts = objects.get("StatefulSet", statefulSet);
    Map<String, String> labels = new LinkedHashMap<>(cast(path(sts, "spec", "template", "metadata", "labels")));
    labels.put("apps.kubernetes.io/pod-index", Integer.toString(ordinal));
    labels.put("statefulset.kubernetes.io/pod-name", podName);
    Map<String, Path> claims = new LinkedHashMap<>();
    for (Map<String, Object> claim : Pod.list(cast(sts.get("spec")), "volumeClaimTemplates")) {
      String claimName = (String) path(claim, "metadata", "name");
      Path volume = Files.createDirectories(dir.resolve("volumes").resolve(claimName + "-" + podName));
      Files.setPosixFilePermissions(volume, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
      claims.put(claimName, volume);
    }
    return add(new Pod(this, podName, labels, cast(path(sts, "spec", "template", "spec")), claims));
  }

  /**
   * The StatefulSet controller's RollingUpdate to the current template: from the highest ordinal
   * down, delete a pod (preStop, grace period), create its successor, wait until it is Ready.
   */
  public void rollStatefulSet(String name, int readySeconds) throws IOException, InterruptedException {
    Map<String, Object> sts = objects.get("StatefulSet", name);
    for (int i = ((Number) path(sts, "spec", "replicas")).intValue() - 1; i >= 0; i--) {
      Pod old = pod(name + "-" + i);
      old.delete();
      Pod successor = createStatefulSetPod(name, i);
      try {
        Processes.await(successor.name + " Ready after the roll", readySeconds, null, successor::ready);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n" + successor.describe(), e);
      }
    }
  }

  /** The Job controller: one pod of the Job whose name starts with the prefix (a hash follows). */
  public Pod startJob(String prefix) throws IOException {
    Map<String, Object> job = objects.ofKind("Job").stream().filter(j -> Rendered.name(j).startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no Job " + prefix + "* in " + objects.names()));
    String jobName = Rendered.name(job);
    Map<String, String> labels = new LinkedHashMap<>(cast(path(job, "spec", "template", "metadata", "labels")));
    labels.put("batch.kubernetes.io/job-name", jobName);
    labels.put("job-name", jobName);
    return add(new Pod(this, jobName + "-" + Long.toString(System.nanoTime() % 100000, 36), labels,
        cast(path(job, "spec", "template", "spec")), Map.of()));
  }

  /** The live pod of that name (not deleted). */
  public Pod pod(String name) {
    return pods.stream().filter(p -> p.name.equals(name) && !p.phase().equals("Deleted")).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no pod " + name));
  }

  private Pod add(Pod pod) {
    pods.add(pod);
    return pod;
  }

  // --- what pods read -------------------------------------------------------------------------

  /**
   * The variables the kubelet gives a pod with enableServiceLinks (its default) for each Service with
   * a cluster IP: NAME_SERVICE_HOST, NAME_SERVICE_PORT, NAME_SERVICE_PORT_PORTNAME, NAME_PORT.
   */
  Map<String, String> serviceLinks() {
    Map<String, String> env = new LinkedHashMap<>();
    for (Map<String, Object> service : objects.ofKind("Service")) {
      if ("None".equals(path(service, "spec", "clusterIP"))) {
        continue;
      }
      String prefix = Rendered.name(service).toUpperCase(java.util.Locale.ROOT).replace('-', '_');
      String host = address(Rendered.name(service));
      List<Map<String, Object>> ports = Pod.list(cast(service.get("spec")), "ports");
      for (Map<String, Object> port : ports) {
        String number = String.valueOf(port.get("port"));
        if (port.get("name") != null) {
          env.put(prefix + "_SERVICE_PORT_" + String.valueOf(port.get("name")).toUpperCase(java.util.Locale.ROOT).replace('-', '_'), number);
        }
      }
      if (!ports.isEmpty()) {
        env.put(prefix + "_SERVICE_HOST", host);
        env.put(prefix + "_SERVICE_PORT", String.valueOf(ports.get(0).get("port")));
        env.put(prefix + "_PORT", "tcp://" + host + ":" + ports.get(0).get("port"));
      }
    }
    return env;
  }

  Path hostsFile() {
    return hosts;
  }

  /** A ConfigMap's files: data as is, binaryData decoded. */
  Map<String, String> configMapData(String name) {
    if (name.equals("kube-root-ca.crt")) {
      return Map.of("ca.crt", api().caCertificate()); // published in every namespace by the cluster
    }
    Map<String, Object> cm = objects.get("ConfigMap", name);
    Map<String, String> files = new LinkedHashMap<>();
    if (cm.get("data") != null) {
      files.putAll(cast(cm.get("data")));
    }
    if (cm.get("binaryData") != null) {
      Map<String, String> binary = cast(cm.get("binaryData"));
      binary.forEach((k, v) -> files.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    return files;
  }

  Map<String, String> secretData(String name, boolean optional) {
    if (externalSecrets.containsKey(name)) {
      return externalSecrets.get(name);
    }
    if (!objects.has("Secret", name)) {
      if (optional) {
        return Map.of();
      }
      throw new AssertionError("no Secret " + name + ": the pod would stay in ContainerCreating");
    }
    Map<String, String> data = new LinkedHashMap<>();
    Map<String, Object> encoded = cast(path(objects.get("Secret", name), "data"));
    encoded.forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode((String) v), StandardCharsets.UTF_8)));
    return data;
  }

  String secretValue(String name, String key) {
    String value = secretData(name, false).get(key);
    if (value == null) {
      throw new AssertionError("no key " + key + " in Secret " + name);
    }
    return value;
  }

  // --- Services -------------------------------------------------------------------------------

  private void startProxy(Map<String, Object> service) throws IOException {
    String name = Rendered.name(service);
    Map<String, String> selector = cast(path(service, "spec", "selector"));
    if (standIns.contains(name) || selector == null || "None".equals(path(service, "spec", "clusterIP"))) {
      return; // stand-ins and headless Services carry no proxy
    }
    for (Map<String, Object> port : Pod.list(cast(service.get("spec")), "ports")) {
      String target = String.valueOf(port.get("targetPort"));
      proxies.add(new TcpProxy(address(name), ((Number) port.get("port")).intValue(), () -> pods.stream()
          .filter(p -> selector.entrySet().stream().allMatch(e -> e.getValue().equals(p.labels.get(e.getKey()))))
          .filter(Pod::ready).map(p -> p.hostPort(target)).toList()));
    }
  }

  @Override
  public void close() {
    if (api != null) {
      api.close();
    }
    for (Pod pod : pods) {
      try {
        pod.close();
      } catch (Exception e) {
        System.err.println("cluster: " + e);
      }
    }
    for (AutoCloseable proxy : proxies) {
      try {
        proxy.close();
      } catch (Exception e) {
        System.err.println("cluster: " + e);
      }
    }
  }
}
