package dev.buildbotls.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.buildbotls.testing.Farms;
import dev.buildbotls.testing.ReleaseRecord;
import dev.buildbotls.testing.Rendered;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FarmSize's figures against the chart's real renders: each Secret exact, the masters' ConfigMap
 * within 4 bytes (a base64 group), Helm's release record within 5% (ReleaseRecord encodes it as Helm's storage does).
 * A change of the chart that moves a figure fails here: recalibrate FarmSize's constants.
 */
class FarmSizeTest {
  static List<String> farms() {
    return List.of(
        Farms.scaleFarm(0, 0, 0, 0, false),
        Farms.scaleFarm(500, 0, 0, 50, false),
        Farms.scaleFarm(3000, 0, 0, 50, false),
        Farms.scaleFarm(0, 10, 1000, 50, false),
        Farms.scaleFarm(0, 0, 0, 1000, true),
        Farms.scaleFarm(1000, 2, 500, 300, true),
        "workers:\n  p: {replicas: 40, password: a-given-password}\n  n: {password: short}\nmaster:\n  extraConfig: |\n    c['title'] = 'x' * 3\n",
        Farms.latentFarm(300, false),
        Farms.latentFarm(200, true),
        Farms.latentFarm(400, false, 64));
  }

  @ParameterizedTest
  @MethodSource("farms")
  void theFiguresAreTheRendersFigures(String values) throws Exception {
    ReleaseRecord record = ReleaseRecord.install(values);
    Rendered rendered = Rendered.of(record.manifests());
    Map<String, FarmSize.Size> sizes = new java.util.HashMap<>();
    Farms.sizes(values).forEach(s -> sizes.put(s.object(), s));
    long configMap = Rendered.dataBytes(rendered.get("ConfigMap", "ci-buildbot-master"));
    FarmSize.Size cm = sizes.get("master ConfigMap (master.cfg)");
    FarmSize.Size release = sizes.get("Helm's release record");
    assertTrue(Math.abs(cm.bytes() - configMap) <= (cm.estimated() ? configMap / 50 : 4), "ConfigMap " + configMap + " estimated " + cm.bytes());
    assertTrue(Math.abs(release.bytes() - record.size()) <= record.size() / 20, "release " + record.size() + " estimated " + release.bytes());
    for (Map<String, Object> secret : rendered.ofKind("Secret")) {
      String name = Rendered.name(secret);
      if (name.startsWith("ci-buildbot-worker")) {
        String object = name.equals("ci-buildbot-workers") ? "Secret of the named workers' passwords" : "Secret of pool `" + name.substring("ci-buildbot-worker-".length()) + "`";
        assertEquals(Rendered.dataBytes(secret), sizes.get(object).bytes(), name);
      }
    }
  }

  /** FarmSize counts JSON written without ObjectMapper (its first use is slow): every kind of node as ObjectMapper writes it. */
  @Test
  void nodesAreWrittenAsObjectMapperWritesThem() throws Exception {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode values = nodes.objectNode();
    values.put("int", -7).put("long", 1L << 40).put("big", new BigInteger("123456789012345678901234567890"))
        .put("double", 1e21).put("float", 0.1f).put("decimal", new BigDecimal("1.50")).put("nan", Double.NaN)
        .put("yes", true).putNull("nothing").put("text", "\"<&>\" \u2028\u0085\u007f\u0000\t{{ .Values }}\ud83d\ude00");
    values.putArray("list").add(1).add("two").addObject().putArray("empty");
    values.putObject("nested").putObject("deeper").put("", "");
    values.set("absent", nodes.missingNode());
    for (JsonNode node : List.of(values, nodes.textNode("only"), nodes.numberNode(-0.0), nodes.arrayNode())) {
      StringWriter written = new StringWriter();
      try (JsonGenerator json = new JsonFactory().createGenerator(written)) {
        FarmSize.writeJson(json, node);
      }
      assertEquals(new ObjectMapper().writeValueAsString(node), written.toString());
    }
  }
}
