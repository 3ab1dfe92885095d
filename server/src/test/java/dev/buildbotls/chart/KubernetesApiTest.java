package dev.buildbotls.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.buildbotls.testing.Rendered;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rendered object of every example and test variant is a valid object of the Kubernetes API
 * (1.28+, fabric8's kubernetes-model): its kind and apiVersion exist, each field has the API's type,
 * and no field is unknown to the API (the model keeps unknown fields aside; none may be there).
 */
class KubernetesApiTest {
  private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
      Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
      Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
      Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
      Map.entry("apps/v1/StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class),
      Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
      Map.entry("batch/v1/Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class),
      Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
      Map.entry("networking.k8s.io/v1/Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class),
      Map.entry("networking.k8s.io/v1/NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
      Map.entry("v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class),
      Map.entry("rbac.authorization.k8s.io/v1/Role", io.fabric8.kubernetes.api.model.rbac.Role.class),
      Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", io.fabric8.kubernetes.api.model.rbac.RoleBinding.class),
      Map.entry("v1/Pod", io.fabric8.kubernetes.api.model.Pod.class));
  private static final ObjectMapper JSON = new ObjectMapper();

  static java.util.stream.Stream<String> variants() throws Exception {
    return ChartHygieneTest.variants();
  }

  @ParameterizedTest
  @MethodSource("variants")
  void everyObjectIsAValidObjectOfTheKubernetesApi(String values) throws Exception {
    Rendered rendered = Rendered.render("ci", values);
    List<Map<String, Object>> objects = new ArrayList<>(rendered.objects);
    // The latent workers' build pods, as a master creates them (chartkube.py adds the name and the login).
    rendered.buildPods().forEach((worker, pod) -> {
      Map<String, Object> created = new java.util.LinkedHashMap<>(pod);
      created.put("apiVersion", "v1");
      created.put("kind", "Pod");
      Map<String, Object> metadata = new java.util.LinkedHashMap<>(Rendered.cast(pod.get("metadata")));
      metadata.put("name", "buildbot-" + worker + "-0a1b2c");
      created.put("metadata", metadata);
      objects.add(created);
    });
    for (Map<String, Object> object : objects) {
      String type = object.get("apiVersion") + "/" + object.get("kind");
      Class<? extends HasMetadata> model = KINDS.get(type);
      assertTrue(model != null, "no such kind in the API: " + type);
      HasMetadata parsed = JSON.convertValue(object, model);
      List<String> unknown = new ArrayList<>();
      unknownFields(parsed, type + " " + Rendered.name(object), unknown);
      assertEquals(List.of(), unknown);
      String name = parsed.getMetadata().getName();
      assertTrue(name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") && name.length() <= (object.get("kind").equals("Service") ? 63 : 253),
          "not a valid " + type + " name: " + name);
      parsed.getMetadata().getLabels().values().forEach(v -> assertTrue(v.length() <= 63, "label value too long: " + v));
    }
  }

  /** Walks the model's getters; a model node's additionalProperties hold the fields the API does not know. */
  private static void unknownFields(Object node, String where, List<String> unknown) throws Exception {
    if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        unknownFields(list.get(i), where + "[" + i + "]", unknown);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        unknownFields(e.getValue(), where + "." + e.getKey(), unknown);
      }
      return;
    }
    if (node == null || !node.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value = getter.invoke(node);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          unknown.add(where + ": unknown fields " + extra.keySet());
        }
      } else {
        unknownFields(value, where + "." + getter.getName().substring(3), unknown);
      }
    }
  }
}
