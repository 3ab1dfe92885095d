package dev.buildbotls.testing.pods;

import static dev.buildbotls.testing.Rendered.cast;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pod-spec fields the pod runner implements, so that it cannot be silently wrong: a pod that
 * sets a field it neither implements (here) nor lists as not applied ({@link Adaptations#NOT_APPLIED})
 * fails its test with the field's path instead of running as if the field were not there.
 */
final class PodSpecFields {
  private PodSpecFields() {}

  /** Per place in a pod spec, the fields {@link Pod} and {@link Container} do what the kubelet does with. */
  static final Map<String, Set<String>> IMPLEMENTED = Map.ofEntries(
      Map.entry("spec", Set.of("containers", "initContainers", "volumes", "restartPolicy", "terminationGracePeriodSeconds",
          "securityContext", "automountServiceAccountToken", "enableServiceLinks", "serviceAccountName", "nodeSelector")),
      Map.entry("spec.securityContext", Set.of("runAsUser", "runAsGroup", "runAsNonRoot", "fsGroup")),
      Map.entry("container", Set.of("name", "image", "command", "args", "workingDir", "env", "ports", "securityContext",
          "volumeMounts", "lifecycle", "startupProbe", "readinessProbe", "livenessProbe")),
      Map.entry("container.securityContext", Set.of("runAsUser", "runAsGroup", "runAsNonRoot", "readOnlyRootFilesystem")),
      Map.entry("container.lifecycle", Set.of("preStop")),
      Map.entry("container.lifecycle.preStop", Set.of("exec")),
      Map.entry("exec", Set.of("command")),
      Map.entry("probe", Set.of("tcpSocket", "exec", "initialDelaySeconds", "periodSeconds", "timeoutSeconds", "failureThreshold")),
      Map.entry("probe.tcpSocket", Set.of("port")),
      Map.entry("port", Set.of("name", "containerPort")),
      Map.entry("env", Set.of("name", "value", "valueFrom")),
      Map.entry("env.valueFrom", Set.of("secretKeyRef", "configMapKeyRef", "fieldRef")),
      Map.entry("keyRef", Set.of("name", "key")),
      Map.entry("fieldRef", Set.of("fieldPath")),
      Map.entry("volumeMount", Set.of("name", "mountPath", "subPath", "subPathExpr", "readOnly")),
      Map.entry("volume", Set.of("name", "emptyDir", "configMap", "secret", "projected", "persistentVolumeClaim")),
      Map.entry("volume.emptyDir", Set.of()),
      Map.entry("volume.configMap", Set.of("name", "items", "defaultMode")),
      Map.entry("volume.secret", Set.of("secretName", "items", "optional", "defaultMode")),
      Map.entry("volume.projected", Set.of("sources")),
      Map.entry("projection", Set.of("secret", "serviceAccountToken", "configMap", "downwardAPI")),
      Map.entry("projection.secret", Set.of("name", "items", "optional")),
      Map.entry("projection.serviceAccountToken", Set.of("path")),
      Map.entry("projection.configMap", Set.of("name", "items")),
      Map.entry("projection.downwardAPI", Set.of("items")),
      Map.entry("downwardAPI.item", Set.of("path", "fieldRef")),
      Map.entry("item", Set.of("key", "path")),
      Map.entry("volume.persistentVolumeClaim", Set.of("claimName")));

  /** Fails on the first field of the pod spec that is neither implemented nor listed. */
  static void check(String pod, Map<String, Object> spec) {
    fields(pod, "spec", spec);
    fields(pod, "spec.securityContext", cast(spec.get("securityContext")));
    if (!Boolean.FALSE.equals(spec.get("automountServiceAccountToken"))) {
      throw new AssertionError(pod + ": the pod runner mounts no service-account token; the pod must not want one");
    }
    for (String kind : List.of("initContainers", "containers")) {
      for (Map<String, Object> c : Pod.list(spec, kind)) {
        container(pod, c);
      }
    }
    for (Map<String, Object> v : Pod.list(spec, "volumes")) {
      fields(pod, "volume", v);
      fields(pod, "volume.emptyDir", cast(v.get("emptyDir")));
      fields(pod, "volume.configMap", cast(v.get("configMap")));
      fields(pod, "volume.secret", cast(v.get("secret")));
      fields(pod, "volume.persistentVolumeClaim", cast(v.get("persistentVolumeClaim")));
      for (String source : List.of("configMap", "secret")) {
        Pod.list(cast(v.get(source)), "items").forEach(item -> fields(pod, "item", item));
      }
      Map<String, Object> projected = cast(v.get("projected"));
      fields(pod, "volume.projected", projected);
      for (Map<String, Object> p : Pod.list(projected, "sources")) {
        fields(pod, "projection", p);
        fields(pod, "projection.secret", cast(p.get("secret")));
        Pod.list(cast(p.get("secret")), "items").forEach(item -> fields(pod, "item", item));
        fields(pod, "projection.serviceAccountToken", cast(p.get("serviceAccountToken")));
        fields(pod, "projection.configMap", cast(p.get("configMap")));
        Pod.list(cast(p.get("configMap")), "items").forEach(item -> fields(pod, "item", item));
        fields(pod, "projection.downwardAPI", cast(p.get("downwardAPI")));
        for (Map<String, Object> item : Pod.list(cast(p.get("downwardAPI")), "items")) {
          fields(pod, "downwardAPI.item", item);
          fields(pod, "fieldRef", cast(item.get("fieldRef")));
        }
      }
    }
  }

  private static void container(String pod, Map<String, Object> c) {
    fields(pod, "container", c);
    fields(pod, "container.securityContext", cast(c.get("securityContext")));
    Map<String, Object> lifecycle = cast(c.get("lifecycle"));
    fields(pod, "container.lifecycle", lifecycle);
    Map<String, Object> preStop = lifecycle == null ? null : cast(lifecycle.get("preStop"));
    fields(pod, "container.lifecycle.preStop", preStop);
    if (preStop != null) {
      fields(pod, "exec", cast(preStop.get("exec")));
    }
    for (String kind : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
      Map<String, Object> probe = cast(c.get(kind));
      fields(pod, "probe", probe);
      if (probe != null) {
        fields(pod, "probe.tcpSocket", cast(probe.get("tcpSocket")));
        fields(pod, "exec", cast(probe.get("exec")));
      }
    }
    Pod.list(c, "ports").forEach(p -> fields(pod, "port", p));
    Pod.list(c, "volumeMounts").forEach(m -> fields(pod, "volumeMount", m));
    for (Map<String, Object> e : Pod.list(c, "env")) {
      fields(pod, "env", e);
      Map<String, Object> from = cast(e.get("valueFrom"));
      fields(pod, "env.valueFrom", from);
      if (from != null) {
        fields(pod, "keyRef", cast(from.get("secretKeyRef")));
        fields(pod, "keyRef", cast(from.get("configMapKeyRef")));
        fields(pod, "fieldRef", cast(from.get("fieldRef")));
      }
    }
  }

  private static void fields(String pod, String place, Map<String, Object> object) {
    if (object == null) {
      return;
    }
    Set<String> implemented = IMPLEMENTED.get(place);
    Set<String> listed = Adaptations.NOT_APPLIED.getOrDefault(place, Map.of()).keySet();
    for (String field : object.keySet()) {
      if (!implemented.contains(field) && !listed.contains(field)) {
        throw new AssertionError(pod + ": the pod runner neither implements nor lists " + place + "." + field
            + " (implement it in Pod, or list it in Adaptations.NOT_APPLIED)");
      }
    }
  }
}
