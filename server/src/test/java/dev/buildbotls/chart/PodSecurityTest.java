package dev.buildbotls.chart;

import static dev.buildbotls.testing.Rendered.cast;
import static dev.buildbotls.testing.Rendered.path;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.buildbotls.testing.Rendered;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pod of every example and test variant meets the "restricted" Pod Security Standard
 * (https://kubernetes.io/docs/concepts/security/pod-security-standards/, Kubernetes 1.28), checked
 * control by control as the standard lists them, plus what the chart promises beyond it: a
 * read-only root file system, resource requests, and no service-account token but the engine masters'
 * own container's when latent workers need the Kubernetes API.
 */
class PodSecurityTest {
  private static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
      "persistentVolumeClaim", "projected", "secret", "name");
  private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
      "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range");

  static Stream<String> variants() throws Exception {
    return ChartHygieneTest.variants();
  }

  @ParameterizedTest
  @MethodSource("variants")
  void everyPodMeetsTheRestrictedStandard(String values) throws Exception {
    Rendered r = Rendered.render("ci", values);
    List<String> violations = new ArrayList<>();
    for (String kind : List.of("StatefulSet", "Deployment", "Job", "DaemonSet")) {
      for (Map<String, Object> workload : r.ofKind(kind)) {
        check(kind + "/" + Rendered.name(workload), cast(path(workload, "spec", "template", "spec")), violations);
      }
    }
    r.buildPods().forEach((worker, pod) -> check("build pod of " + worker, cast(pod.get("spec")), violations));
    assertEquals(List.of(), violations);
  }

  private static void check(String pod, Map<String, Object> spec, List<String> violations) {
    Map<String, Object> podSecurity = spec.get("securityContext") == null ? Map.of() : cast(spec.get("securityContext"));
    // Baseline: host namespaces, host paths, host ports, privileged, capabilities, /proc, seccomp, sysctls, SELinux, AppArmor.
    for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
      require(!Boolean.TRUE.equals(spec.get(host)), pod + ": " + host, violations);
    }
    for (Object v : list(spec.get("volumes"))) {
      require(RESTRICTED_VOLUMES.containsAll(((Map<?, ?>) v).keySet()), pod + ": volume type " + ((Map<?, ?>) v).keySet(), violations);
    }
    for (Object s : list(podSecurity.get("sysctls"))) {
      require(SAFE_SYSCTLS.contains(path(s, "name")), pod + ": sysctl " + path(s, "name"), violations);
    }
    require(podSecurity.get("seLinuxOptions") == null || path(podSecurity, "seLinuxOptions", "user") == null, pod + ": SELinux user", violations);
    Object podRunAsNonRoot = podSecurity.get("runAsNonRoot");
    Object podSeccomp = path(podSecurity, "seccompProfile", "type");
    require(!Long.valueOf(0).equals(number(podSecurity.get("runAsUser"))), pod + ": runAsUser 0", violations);
    List<Object> containers = new ArrayList<>(list(spec.get("initContainers")));
    containers.addAll(list(spec.get("containers")));
    for (Object o : containers) {
      Map<String, Object> c = cast(o);
      String where = pod + "/" + c.get("name");
      Map<String, Object> sc = c.get("securityContext") == null ? Map.of() : cast(c.get("securityContext"));
      require(!Boolean.TRUE.equals(sc.get("privileged")), where + ": privileged", violations);
      require(list(c.get("ports")).stream().noneMatch(p -> path(p, "hostPort") != null), where + ": hostPort", violations);
      require(sc.get("procMount") == null || "Default".equals(sc.get("procMount")), where + ": procMount", violations);
      // Restricted.
      require(Boolean.FALSE.equals(sc.get("allowPrivilegeEscalation")), where + ": allowPrivilegeEscalation must be false", violations);
      Object runAsNonRoot = sc.containsKey("runAsNonRoot") ? sc.get("runAsNonRoot") : podRunAsNonRoot;
      require(Boolean.TRUE.equals(runAsNonRoot), where + ": runAsNonRoot must be true", violations);
      require(!Long.valueOf(0).equals(number(sc.get("runAsUser"))), where + ": runAsUser 0", violations);
      Object seccomp = path(sc, "seccompProfile", "type") != null ? path(sc, "seccompProfile", "type") : podSeccomp;
      require("RuntimeDefault".equals(seccomp) || "Localhost".equals(seccomp), where + ": seccompProfile RuntimeDefault or Localhost", violations);
      require(list(path(sc, "capabilities", "drop")).contains("ALL"), where + ": capabilities must drop ALL", violations);
      require(list(path(sc, "capabilities", "add")).stream().allMatch("NET_BIND_SERVICE"::equals), where + ": capabilities added", violations);
      // Beyond the standard: what the chart promises.
      require(Boolean.TRUE.equals(sc.get("readOnlyRootFilesystem")), where + ": readOnlyRootFilesystem", violations);
      require(path(c, "resources", "requests") != null, where + ": resource requests", violations);
    }
    require(Boolean.FALSE.equals(spec.get("automountServiceAccountToken")), pod + ": automountServiceAccountToken must be false", violations);
    // A token only where latent workers need the API: the engine masters' master container.
    List<Object> tokenVolumes = list(spec.get("volumes")).stream()
        .filter(v -> list(path(v, "projected", "sources")).stream().anyMatch(source -> path(source, "serviceAccountToken") != null))
        .map(v -> path(v, "name")).toList();
    for (Object o : containers) {
      for (Object mount : list(path(o, "volumeMounts"))) {
        require(!tokenVolumes.contains(path(mount, "name")) || pod.endsWith("-master") && "master".equals(path(o, "name")),
            pod + "/" + path(o, "name") + ": mounts a service-account token", violations);
      }
    }
  }

  private static void require(boolean ok, String violation, List<String> violations) {
    if (!ok) {
      violations.add(violation);
    }
  }

  private static List<Object> list(Object o) {
    return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
  }

  private static Long number(Object o) {
    return o instanceof Number n ? n.longValue() : null;
  }
}
