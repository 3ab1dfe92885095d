package dev.buildbotls.testing.pods;

import static dev.buildbotls.testing.Rendered.cast;
import static dev.buildbotls.testing.Rendered.path;

import dev.buildbotls.testing.Processes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pod, run as the kubelet runs it: volumes materialised from the rendered ConfigMaps and
 * Secrets (mode and fsGroup ownership included), init containers one after the other to success,
 * then the containers, restarted on exit as the restart policy says (each restart counted); the
 * startup probe first, then liveness (a container that fails either is killed and restarted) and
 * readiness, each a tcpSocket or exec probe; deletion runs the preStop hook, then SIGTERM, within
 * the grace period, then SIGKILL. A field it does not implement fails the pod ({@link PodSpecFields}).
 */
public final class Pod implements AutoCloseable {
  private static final Pattern VAR = Pattern.compile("\\$\\((\\w+)\\)|\\$\\$");

  public final String name;
  /** metadata.uid: what an owner reference names. */
  public final String uid = java.util.UUID.randomUUID().toString();
  public final Map<String, String> labels;
  /** metadata.annotations and metadata.ownerReferences of a pod created through the API. */
  private final Map<String, Object> annotations;
  private final List<Object> ownerReferences;
  private final Map<String, Object> spec;
  private final Cluster cluster;
  private final Path dir;
  private final Map<String, Path> claims;
  /** Container port (by name and by number) to the host port it listens on (adaptation 3). */
  private final Map<String, Integer> hostPorts = new LinkedHashMap<>();
  private final List<Container> containers = new CopyOnWriteArrayList<>();
  private volatile Container main;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final Thread kubelet;
  private volatile boolean deleting;
  private volatile int restarts;
  private volatile String phase = "Pending";
  /** The main container's startup probe has succeeded (or it has none): liveness and readiness run. */
  private volatile boolean started;
  /** The image the kubelet cannot pull (adaptation 7): the pod stays Pending, ImagePullBackOff. */
  private volatile String unpullable;
  /** The scheduler's message when the node does not match the pod's nodeSelector (adaptation 6): it stays Pending, never started. */
  private final String unschedulable;

  Pod(Cluster cluster, String name, Map<String, String> labels, Map<String, Object> spec, Map<String, Path> claims) throws IOException {
    this(cluster, name, labels, Map.of(), List.of(), spec, claims);
  }

  Pod(Cluster cluster, String name, Map<String, String> labels, Map<String, Object> annotations, List<Object> ownerReferences,
      Map<String, Object> spec, Map<String, Path> claims) throws IOException {
    this.cluster = cluster;
    this.name = name;
    this.labels = Map.copyOf(labels);
    this.annotations = annotations;
    this.ownerReferences = ownerReferences;
    this.spec = spec;
    this.claims = claims;
    PodSpecFields.check(name, spec);
    this.unschedulable = Cluster.schedules(spec) ? null : Cluster.UNSCHEDULABLE;
    this.dir = Files.createDirectories(cluster.dir.resolve("pods").resolve(name + "-" + System.nanoTime()));
    for (Map<String, Object> c : list(spec, "containers")) {
      for (Map<String, Object> port : list(c, "ports")) {
        int host = Processes.freePort();
        hostPorts.put(String.valueOf(port.get("name")), host);
        hostPorts.put(String.valueOf(port.get("containerPort")), host);
      }
    }
    kubelet = new Thread(this::run, "kubelet " + name);
    kubelet.setDaemon(true);
    kubelet.start();
  }

  // --- what tests read ------------------------------------------------------------------------

  public String phase() {
    return phase;
  }

  /** Being deleted (the API's deletionTimestamp): its containers are stopping. */
  public boolean deleting() {
    return deleting;
  }

  public List<Object> ownerReferences() {
    return ownerReferences;
  }

  /**
   * The pod as the API server returns it: metadata, spec and a status the kubelet would report (phase,
   * scheduling, each container's waiting, running or terminated state).
   */
  public Map<String, Object> object() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    metadata.put("namespace", Cluster.NAMESPACE);
    metadata.put("uid", uid);
    metadata.put("labels", labels);
    metadata.put("annotations", annotations);
    metadata.put("ownerReferences", ownerReferences);
    if (deleting) {
      metadata.put("deletionTimestamp", java.time.Instant.now().toString());
    }
    Map<String, Object> status = new LinkedHashMap<>();
    String reportedPhase = phase.equals("Deleted") ? "Failed" : phase;
    status.put("phase", reportedPhase);
    if (unschedulable != null) { // no node: no kubelet reports its containers
      status.put("conditions", List.of(Map.of("type", "PodScheduled", "status", "False", "reason", "Unschedulable", "message", unschedulable)));
      return Map.of("kind", "Pod", "apiVersion", "v1", "metadata", metadata, "spec", spec, "status", status);
    }
    status.put("conditions", List.of(Map.of("type", "PodScheduled", "status", "True")));
    List<Map<String, Object>> inits = new ArrayList<>();
    for (Map<String, Object> c : list(spec, "initContainers")) {
      inits.add(containerStatus((String) c.get("name"), (String) c.get("image"), true));
    }
    status.put("initContainerStatuses", inits);
    Map<String, Object> c = list(spec, "containers").get(0);
    status.put("containerStatuses", List.of(containerStatus((String) c.get("name"), (String) c.get("image"), false)));
    return Map.of("kind", "Pod", "apiVersion", "v1", "metadata", metadata, "spec", spec, "status", status);
  }

  private Map<String, Object> containerStatus(String container, String image, boolean init) {
    Map<String, Object> state;
    if (unpullable != null && (init || list(spec, "initContainers").isEmpty())) {
      state = Map.of("waiting", Map.of("reason", "ImagePullBackOff", "message", "Back-off pulling image \"" + unpullable + "\""));
    } else if (init ? main != null : main != null && main.running()) {
      state = init ? Map.of("terminated", Map.of("reason", "Completed", "exitCode", 0)) : Map.of("running", Map.of());
    } else if (!init && main != null) {
      int exit = main.exitCode();
      state = Map.of("terminated", Map.of("reason", exit == 0 ? "Completed" : "Error", "exitCode", exit));
    } else {
      state = Map.of("waiting", Map.of("reason", "PodInitializing"));
    }
    return Map.of("name", container, "image", image, "ready", !init && ready(), "state", state);
  }

  /** Container restarts, init containers included: a pod that waited instead of crashing has none. */
  public int restarts() {
    return restarts;
  }

  public List<String> events() {
    return List.copyOf(events);
  }

  /** The log of a container (init containers too), as `kubectl logs`. */
  public String log(String container) {
    try {
      Path log = dir.resolve(container + ".log");
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  public Path logFile(String container) {
    return dir.resolve(container + ".log");
  }

  /** What `kubectl describe` and `kubectl logs` would say: phase, events, the end of every container's log. */
  public String describe() {
    StringBuilder b = new StringBuilder("pod " + name + ": " + phase + ", restarts " + restarts + ", events " + events + "\n");
    try (java.util.stream.Stream<Path> logs = Files.list(dir)) {
      for (Path log : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        b.append("--- ").append(log.getFileName()).append('\n').append(Processes.tail(log)).append('\n');
      }
    } catch (IOException e) {
      b.append(e);
    }
    return b.toString();
  }

  /** The log of the pod's (one) container. */
  public Path mainLog() {
    return logFile((String) list(spec, "containers").get(0).get("name"));
  }

  /** Where a volume of the pod lies on the host (the kubelet's pod directory). */
  public Path volume(String volume) {
    return dir.resolve("volumes").resolve(volume);
  }

  /** The host port of a named container port. */
  public int hostPort(String portName) {
    Integer port = hostPorts.get(portName);
    if (port == null) {
      throw new AssertionError(name + " declares no port " + portName);
    }
    return port;
  }

  /** Ready: running, started, not being deleted, and its readiness probe succeeds. */
  public boolean ready() {
    Container c = main;
    if (deleting || !"Running".equals(phase) || c == null || !c.running() || !started) {
      return false;
    }
    Map<String, Object> probe = cast(list(spec, "containers").get(0).get("readinessProbe"));
    return probe == null || probe(c, probe);
  }

  /** One run of a tcpSocket or exec probe against the container, within its timeoutSeconds. */
  private boolean probe(Container c, Map<String, Object> probe) {
    Object port = path(probe, "tcpSocket", "port");
    if (port != null) {
      return connects(hostPorts.get(String.valueOf(port)));
    }
    List<String> command = strings(path(probe, "exec", "command"));
    try {
      return c.probe(command, seconds(probe, "timeoutSeconds", 1)) == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int seconds(Map<String, Object> probe, String field, int byDefault) {
    Object value = probe.get(field);
    return value == null ? byDefault : ((Number) value).intValue();
  }

  // --- the kubelet ----------------------------------------------------------------------------

  /** A pod that never starts waits for its deletion. */
  private void awaitDeletion() throws InterruptedException {
    while (!deleting) {
      Thread.sleep(500);
    }
  }

  private void run() {
    try {
      if (unschedulable != null) {
        events.add("FailedScheduling: " + unschedulable);
        awaitDeletion();
        return;
      }
      for (String kind : List.of("initContainers", "containers")) {
        for (Map<String, Object> c : list(spec, kind)) {
          if (unpullable == null && !Image.pullable((String) c.get("image"))) {
            unpullable = (String) c.get("image");
          }
        }
      }
      if (unpullable != null) {
        events.add("Failed to pull image \"" + unpullable + "\": ImagePullBackOff");
        awaitDeletion();
        return;
      }
      Map<String, Path> volumes = materializeVolumes();
      for (Map<String, Object> init : list(spec, "initContainers")) {
        while (!deleting) {
          Container c = start(init, volumes);
          int exit = c.await(Long.MAX_VALUE / 2).orElse(-1);
          events.add("init container " + c.spec.name() + " exited " + exit);
          if (exit == 0) {
            break;
          }
          if ("Never".equals(spec.get("restartPolicy"))) {
            phase = "Failed";
            return;
          }
          restarts++;
          Thread.sleep(10_000); // the kubelet's first back-off
        }
      }
      if (deleting) {
        return;
      }
      List<Map<String, Object>> mains = list(spec, "containers");
      if (mains.size() != 1) {
        throw new AssertionError("the pod runner runs pods of one container: " + name);
      }
      main = start(mains.get(0), volumes);
      phase = "Running";
      superviseMainContainer(mains.get(0), volumes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      events.add("kubelet: " + e);
      phase = "Failed";
    }
  }

  /**
   * Restarts the container as the restart policy says, until the pod is deleted; runs its startup
   * probe, then its liveness probe, and restarts it when one fails failureThreshold times in a row.
   */
  private void superviseMainContainer(Map<String, Object> container, Map<String, Path> volumes) throws Exception {
    String policy = String.valueOf(spec.getOrDefault("restartPolicy", "Always"));
    Map<String, Object> startup = cast(container.get("startupProbe"));
    Map<String, Object> liveness = cast(container.get("livenessProbe"));
    long containerStart = System.nanoTime();
    long nextProbe = 0;
    int failures = 0;
    started = startup == null;
    while (!deleting) {
      Container c = main;
      Optional<Integer> exit = c.await(1);
      Map<String, Object> probe = started ? liveness : startup;
      if (exit.isEmpty() && probe != null && !deleting) {
        long now = System.nanoTime();
        if (now - containerStart >= seconds(probe, "initialDelaySeconds", 0) * 1_000_000_000L && now >= nextProbe) {
          nextProbe = now + seconds(probe, "periodSeconds", 10) * 1_000_000_000L;
          if (probe(c, probe)) {
            failures = 0;
            started = true;
          } else if (++failures >= seconds(probe, "failureThreshold", 3)) {
            events.add((started ? "liveness" : "startup") + " probe failed " + failures + " times: container " + c.spec.name() + " killed");
            c.kill();
            exit = Optional.of(137);
          }
        }
      }
      if (exit.isEmpty()) {
        continue;
      }
      events.add("container " + c.spec.name() + " exited " + exit.get());
      if (deleting) {
        return;
      }
      if (policy.equals("Never") || policy.equals("OnFailure") && exit.get() == 0) {
        phase = exit.get() == 0 ? "Succeeded" : "Failed";
        return;
      }
      restarts++;
      Thread.sleep(10_000);
      main = start(container, volumes);
      containerStart = System.nanoTime();
      nextProbe = 0;
      failures = 0;
      started = startup == null;
    }
  }

  private Container start(Map<String, Object> container, Map<String, Path> volumes) throws IOException, InterruptedException {
    Container c = Container.start(containerSpec(container, volumes), dir, name);
    containers.add(c);
    return c;
  }

  /** The main container's process dies at once (a crash, an OOM kill): the kubelet restarts it as its policy says. */
  public void killMainContainer() throws InterruptedException {
    events.add("container " + main.spec.name() + " killed by the test");
    main.kill();
  }

  /** `kubectl delete pod --grace-period=0 --force`, or its node lost: no hook, no grace; the pod is gone at once. */
  public void forceDelete() throws InterruptedException {
    deleting = true;
    kubelet.interrupt();
    for (Container c : containers) {
      c.kill();
    }
    events.add("force-deleted");
    phase = "Deleted";
  }

  /** A deletion through the API: it returns at once, the pod goes within its grace period. */
  void deleteInBackground() {
    if (deleting) {
      return;
    }
    deleting = true;
    Thread t = new Thread(() -> {
      try {
        delete();
      } catch (Exception e) {
        events.add("delete: " + e);
      }
    }, "delete " + name);
    t.setDaemon(true);
    t.start();
  }

  /** Deletes the pod: preStop hook, SIGTERM, both within the grace period; then SIGKILL. */
  public void delete() throws IOException, InterruptedException {
    deleting = true;
    long grace = ((Number) spec.getOrDefault("terminationGracePeriodSeconds", 30)).longValue();
    long deadline = System.nanoTime() + grace * 1_000_000_000L;
    List<Container> running = containers.stream().filter(Container::running).toList();
    Object preStop = path(list(spec, "containers").get(0), "lifecycle", "preStop", "exec", "command");
    if (main != null && main.running() && preStop instanceof List<?> command) {
      events.add("preStop exited " + main.exec(command.stream().map(String::valueOf).toList(), Math.max(1, grace)));
    }
    running.forEach(Container::terminate);
    for (Container c : running) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000L);
      if (c.await(left).isEmpty()) {
        events.add("container " + c.spec.name() + " killed after the grace period");
      }
      c.kill();
    }
    kubelet.interrupt();
    phase = "Deleted";
  }

  @Override
  public void close() throws Exception {
    deleting = true;
    kubelet.interrupt();
    for (Container c : containers) {
      c.kill();
    }
  }

  /** Waits until the pod ends (Succeeded or Failed), bounded. */
  public String awaitEnd(int seconds) throws IOException, InterruptedException {
    Processes.await("pod " + name + " to end", seconds, null, () -> phase.equals("Succeeded") || phase.equals("Failed"));
    return phase;
  }

  // --- what a container gets ------------------------------------------------------------------

  private Container.Spec containerSpec(Map<String, Object> c, Map<String, Path> volumes) {
    String containerName = (String) c.get("name");
    Image image = Image.of((String) c.get("image"));
    Map<String, Object> security = merged(cast(spec.get("securityContext")), cast(c.get("securityContext")));
    int uid = ((Number) security.getOrDefault("runAsUser", image.user())).intValue();
    int gid = ((Number) security.getOrDefault("runAsGroup", uid == image.user() ? image.group() : uid)).intValue();
    if (Boolean.TRUE.equals(security.get("runAsNonRoot")) && uid == 0) {
      throw new AssertionError(name + "/" + containerName + ": runAsNonRoot and the image runs as root (the kubelet refuses it)");
    }
    Object fsGroup = path(spec, "securityContext", "fsGroup");
    Map<String, String> env = environment(c, image, uid);
    List<String> command = new ArrayList<>();
    List<String> args = strings(c.get("args"));
    if (c.get("command") != null) {
      command.addAll(strings(c.get("command")));
      command.addAll(args);
    } else {
      command.addAll(args.isEmpty() ? image.command() : args);
    }
    command.replaceAll(word -> expand(word, env));
    String workingDir = c.get("workingDir") != null ? (String) c.get("workingDir") : image.workingDir();
    return new Container.Spec(containerName, image, command, env, uid, gid, fsGroup == null ? "-" : fsGroup.toString(),
        workingDir, Boolean.TRUE.equals(security.get("readOnlyRootFilesystem")), mounts(c, image, volumes, env));
  }

  private Map<String, String> environment(Map<String, Object> c, Image image, int uid) {
    Map<String, String> env = new LinkedHashMap<>(image.env());
    env.put("HOSTNAME", name);
    env.put("HOME", image.home(uid));
    // The kubernetes Service's variables reach every pod, whatever enableServiceLinks says.
    env.putAll(cluster.kubernetesServiceLinks());
    if (!Boolean.FALSE.equals(spec.get("enableServiceLinks"))) {
      env.putAll(cluster.serviceLinks());
    }
    if (c.get("envFrom") != null) {
      throw new AssertionError("the pod runner does not resolve envFrom (" + name + ")");
    }
    for (Map<String, Object> var : list(c, "env")) {
      String key = (String) var.get("name");
      if (var.containsKey("value")) {
        env.put(key, expand(String.valueOf(var.get("value")), env));
        continue;
      }
      Map<String, Object> from = cast(var.get("valueFrom"));
      if (from.get("secretKeyRef") != null) {
        Map<String, Object> ref = cast(from.get("secretKeyRef"));
        env.put(key, cluster.secretValue((String) ref.get("name"), (String) ref.get("key")));
      } else if (from.get("configMapKeyRef") != null) {
        Map<String, Object> ref = cast(from.get("configMapKeyRef"));
        env.put(key, cluster.configMapData((String) ref.get("name")).get((String) ref.get("key")));
      } else {
        env.put(key, field((String) path(from, "fieldRef", "fieldPath")));
      }
    }
    return env;
  }

  private String field(String fieldPath) {
    if (fieldPath.equals("metadata.name")) {
      return name;
    }
    if (fieldPath.equals("metadata.namespace")) {
      return Cluster.NAMESPACE;
    }
    if (fieldPath.equals("metadata.uid")) {
      return uid;
    }
    Matcher label = Pattern.compile("metadata\\.labels\\['(.+)'\\]").matcher(fieldPath);
    if (label.matches()) {
      return labels.getOrDefault(label.group(1), "");
    }
    throw new AssertionError("the pod runner does not resolve fieldRef " + fieldPath);
  }

  /** $(VAR) from the variables defined before it, $$ as $, as the kubelet expands them. */
  private static String expand(String text, Map<String, String> env) {
    Matcher m = VAR.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = m.group(1) == null ? "$" : env.getOrDefault(m.group(1), m.group());
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    return m.appendTail(out).toString();
  }

  /** The container's mounts; a subPathExpr is expanded from the container's variables, as the kubelet does. */
  private List<String> mounts(Map<String, Object> c, Image image, Map<String, Path> volumes, Map<String, String> env) {
    List<String[]> mounts = new ArrayList<>();
    for (Map<String, Object> m : list(c, "volumeMounts")) {
      Path source = volumes.get((String) m.get("name"));
      if (source == null) {
        throw new AssertionError(name + " mounts an undeclared volume " + m.get("name"));
      }
      String subPath = m.get("subPathExpr") != null ? expand((String) m.get("subPathExpr"), env) : (String) m.get("subPath");
      if (subPath != null) {
        source = source.resolve(subPath);
        if (!Files.exists(source)) {
          try {
            Files.createDirectories(source); // the kubelet makes a missing subPath a directory
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      }
      mounts.add(new String[] {source.toString(), image.inRoot((String) m.get("mountPath")), Boolean.TRUE.equals(m.get("readOnly")) ? "ro" : "rw"});
    }
    mounts.add(new String[] {cluster.hostsFile().toString(), "/etc/hosts", "ro"});
    Adaptations.standIns().forEach((target, source) -> mounts.add(new String[] {source.toString(), target, "ro"}));
    mounts.sort(Comparator.comparingInt(m -> m[1].split("/").length));
    return mounts.stream().map(m -> String.join("\t", m)).toList();
  }

  private Map<String, Path> materializeVolumes() throws IOException {
    Map<String, Path> volumes = new LinkedHashMap<>();
    for (Map<String, Object> v : list(spec, "volumes")) {
      String volume = (String) v.get("name");
      Path target = dir.resolve("volumes").resolve(volume);
      Files.createDirectories(target);
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(v.containsKey("emptyDir") ? "rwxrwxrwx" : "rwxr-xr-x"));
      if (v.get("persistentVolumeClaim") != null) {
        target = claims.get((String) path(v, "persistentVolumeClaim", "claimName"));
      } else if (!v.containsKey("emptyDir")) {
        writeVolume(v, target);
      }
      volumes.put(volume, target);
    }
    claims.forEach(volumes::putIfAbsent);
    return volumes;
  }

  /**
   * After `helm upgrade` ({@link Cluster#apply}): the kubelet rewrites a running pod's ConfigMap and
   * Secret volumes with the new data; a container sees the new files where it mounts the volume,
   * and keeps the old ones where it mounts a file of it (subPath), as in Kubernetes.
   */
  void refreshVolumes() throws IOException {
    for (Map<String, Object> v : list(spec, "volumes")) {
      if (v.get("configMap") != null || v.get("secret") != null || v.get("projected") != null) {
        try {
          writeVolume(v, dir.resolve("volumes").resolve((String) v.get("name")));
        } catch (AssertionError gone) {
          events.add("volume " + v.get("name") + " kept: " + gone.getMessage()); // the kubelet keeps the old files
        }
      }
    }
  }

  private void writeVolume(Map<String, Object> v, Path target) throws IOException {
    if (v.get("configMap") != null) {
      Map<String, Object> cm = cast(v.get("configMap"));
      writeItems(target, cluster.configMapData((String) cm.get("name")), cast(cm.get("items")), cm.get("defaultMode"));
    } else if (v.get("secret") != null) {
      Map<String, Object> s = cast(v.get("secret"));
      writeItems(target, cluster.secretData((String) s.get("secretName"), Boolean.TRUE.equals(s.get("optional"))), cast(s.get("items")),
          s.get("defaultMode"));
    } else if (v.get("projected") != null) {
      for (Map<String, Object> source : list(cast(v.get("projected")), "sources")) {
        if (source.get("secret") != null) {
          Map<String, Object> s = cast(source.get("secret"));
          writeItems(target, cluster.secretData((String) s.get("name"), Boolean.TRUE.equals(s.get("optional"))), cast(s.get("items")), null);
        } else if (source.get("serviceAccountToken") != null) {
          // The pod's ServiceAccount's token, from the API stand-in (adaptation 7: it never expires).
          String account = (String) spec.getOrDefault("serviceAccountName", "default");
          writeItems(target, Map.of("token", cluster.api().token(account)),
              List.of(Map.of("key", "token", "path", path(source, "serviceAccountToken", "path"))), null);
        } else if (source.get("configMap") != null) {
          Map<String, Object> c = cast(source.get("configMap"));
          writeItems(target, cluster.configMapData((String) c.get("name")), cast(c.get("items")), null);
        } else {
          Map<String, String> fields = new LinkedHashMap<>();
          List<Map<String, Object>> items = new ArrayList<>();
          for (Map<String, Object> item : list(cast(source.get("downwardAPI")), "items")) {
            fields.put((String) item.get("path"), field((String) path(item, "fieldRef", "fieldPath")));
            items.add(Map.of("key", item.get("path"), "path", item.get("path")));
          }
          writeItems(target, fields, items, null);
        }
      }
    } else {
      throw new AssertionError("the pod runner does not make volume " + v);
    }
  }

  /**
   * A ConfigMap's or Secret's files as the kubelet writes them: owned by root and, with an fsGroup,
   * by that group; mode defaultMode (0644 when unset).
   */
  private void writeItems(Path target, Map<String, String> data, List<Map<String, Object>> items, Object defaultMode) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    if (items == null) {
      files.putAll(data);
    } else {
      for (Map<String, Object> item : items) {
        String value = data.get((String) item.get("key"));
        if (value == null) {
          throw new AssertionError(name + ": no key " + item.get("key") + " for a volume item");
        }
        files.put((String) item.get("path"), value);
      }
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      String content = file.getKey().equals("master.cfg")
          ? Adaptations.masterPorts(file.getValue(), portFor("pb"), portFor("http"))
          : file.getValue();
      Path out = target.resolve(file.getKey());
      Files.createDirectories(out.getParent());
      // A new file renamed over the old, as the kubelet swaps a volume's files: a file bind-mounted
      // (subPath) keeps the old contents.
      Path written = Files.createTempFile(out.getParent(), ".new-", "");
      Files.writeString(written, content, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(written, permissions(defaultMode == null ? 0644 : ((Number) defaultMode).intValue()));
      Object fsGroup = path(spec, "securityContext", "fsGroup");
      if (fsGroup != null) {
        Files.setAttribute(written, "unix:gid", ((Number) fsGroup).intValue());
      }
      Files.move(written, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(int mode) {
    StringBuilder rwx = new StringBuilder();
    for (int shift = 6; shift >= 0; shift -= 3) {
      int bits = mode >> shift & 7;
      rwx.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
    }
    return PosixFilePermissions.fromString(rwx.toString());
  }

  /** A pod's host port for a master port it may not declare (a web master's loopback pb port). */
  private int portFor(String portName) throws IOException {
    Integer port = hostPorts.get(portName);
    if (port == null) {
      port = Processes.freePort();
      hostPorts.put(portName, port);
    }
    return port;
  }

  // --- small helpers --------------------------------------------------------------------------

  static boolean connects(Integer port) {
    if (port == null) {
      return false;
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static List<Map<String, Object>> list(Map<String, Object> map, String key) {
    Object value = map == null ? null : map.get(key);
    return value == null ? List.of() : cast(value);
  }

  private static List<String> strings(Object value) {
    return value == null ? List.of() : ((List<?>) value).stream().map(String::valueOf).toList();
  }

  private static Map<String, Object> merged(Map<String, Object> pod, Map<String, Object> container) {
    Map<String, Object> m = new LinkedHashMap<>(pod == null ? Map.of() : pod);
    if (container != null) {
      m.putAll(container);
    }
    return m;
  }
}
