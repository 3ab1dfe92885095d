package dev.buildbotls.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.buildbotls.testing.Farms;
import dev.buildbotls.testing.ReleaseRecord;
import dev.buildbotls.testing.Rendered;
import dev.buildbotls.values.ChartDefaults;
import dev.buildbotls.values.FarmSize;
import dev.buildbotls.values.HelmMerge;
import dev.buildbotls.values.JsonView;
import dev.buildbotls.yaml.YamlParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Farms of thousands of workers render within the render worker's bounds (it died at 4,000 named
 * workers, out of address space), and every object fits what Kubernetes and Helm store.
 */
class LargeFarmRenderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** etcd's default request size (--max-request-bytes), which bounds one object. */
  private static final long ETCD_REQUEST = 1536 * 1024;
  /** apimachinery's TotalAnnotationSizeLimitB. */
  private static final long ANNOTATIONS = 256 * 1024;

  @Test
  void tenThousandWorkersFitEveryLimit() throws Exception {
    String values = Farms.scaleFarm(1000, 9, 1000, 50, true); // 1,000 named workers and 9,000 pool members
    ReleaseRecord record = ReleaseRecord.install(values);
    Rendered rendered = Rendered.of(record.manifests());
    assertEquals(1000 + 9, rendered.ofKind("StatefulSet").stream().filter(s -> Rendered.name(s).startsWith("ci-buildbot-worker-")).count());
    List<String> over = new ArrayList<>();
    for (Map<String, Object> object : rendered.objects) {
      String name = object.get("kind") + " " + Rendered.name(object);
      long bytes = JSON.writeValueAsBytes(object).length;
      if (bytes > ETCD_REQUEST) {
        over.add(name + ": " + bytes + " bytes");
      }
      if (object.get("data") instanceof Map<?, ?> && dataBytes(object) > FarmSize.OBJECT_LIMIT) {
        over.add(name + ": data of " + dataBytes(object) + " bytes");
      }
      Object annotations = Rendered.path(object, "metadata", "annotations");
      if (annotations != null && JSON.writeValueAsBytes(annotations).length > ANNOTATIONS) {
        over.add(name + ": annotations");
      }
    }
    assertEquals(List.of(), over);
    assertTrue(record.size() < FarmSize.OBJECT_LIMIT, "Helm's release record: " + record.size());
    assertEquals(List.of(), FarmSize.of(merged(values)).stream().filter(FarmSize.Size::overLimit).toList(), "no scale-limit");
  }

  @Test
  void aFarmPastHelmsRecordIsOneScaleLimitReports() throws Exception {
    String values = Farms.scaleFarm(6000, 0, 0, 50, false);
    ReleaseRecord record = ReleaseRecord.install(values);
    assertEquals(6000, record.manifests().split("\nkind: StatefulSet\nmetadata:\n  name: ci-buildbot-worker-w", -1).length - 1);
    assertTrue(record.size() > FarmSize.OBJECT_LIMIT, "Helm's release record: " + record.size());
    List<String> over = FarmSize.of(merged(values)).stream().filter(FarmSize.Size::overLimit).map(FarmSize.Size::object).toList();
    assertEquals(List.of("Helm's release record"), over);
  }

  private static JsonNode merged(String values) {
    return HelmMerge.merge(ChartDefaults.bundled(), JsonView.toJson(YamlParser.parse(values).firstDocument().root()));
  }

  /** A ConfigMap's or Secret's data as the API server counts it (a Secret's values decoded). */
  private static long dataBytes(Map<String, Object> object) {
    boolean secret = "Secret".equals(object.get("kind"));
    Map<String, String> data = Rendered.cast(object.get("data"));
    return data.values().stream().mapToLong(v -> secret ? Base64.getDecoder().decode(v).length : v.getBytes(StandardCharsets.UTF_8).length).sum();
  }
}
