package dev.buildbotls.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.buildbotls.testing.Farms;
import dev.buildbotls.testing.ReleaseRecord;
import dev.buildbotls.testing.Rendered;
import dev.buildbotls.values.FarmSize;
import java.util.ArrayList;
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
      if (object.get("data") instanceof Map<?, ?> && Rendered.dataBytes(object) > FarmSize.OBJECT_LIMIT) {
        over.add(name + ": data of " + Rendered.dataBytes(object) + " bytes");
      }
      Object annotations = Rendered.path(object, "metadata", "annotations");
      if (annotations != null && JSON.writeValueAsBytes(annotations).length > ANNOTATIONS) {
        over.add(name + ": annotations");
      }
    }
    assertEquals(List.of(), over);
    assertTrue(record.size() < FarmSize.OBJECT_LIMIT, "Helm's release record: " + record.size());
    assertEquals(List.of(), Farms.sizes(values).stream().filter(FarmSize.Size::overLimit).toList(), "no scale-limit");
  }

  @Test
  void aFarmPastHelmsRecordIsOneScaleLimitReports() throws Exception {
    String values = Farms.scaleFarm(6000, 0, 0, 50, false);
    ReleaseRecord record = ReleaseRecord.install(values);
    assertEquals(6000, record.manifests().split("\nkind: StatefulSet\nmetadata:\n  name: ci-buildbot-worker-w", -1).length - 1);
    assertTrue(record.size() > FarmSize.OBJECT_LIMIT, "Helm's release record: " + record.size());
    List<String> over = Farms.sizes(values).stream().filter(FarmSize.Size::overLimit).map(FarmSize.Size::object).toList();
    assertEquals(List.of("Helm's release record"), over);
  }
}
