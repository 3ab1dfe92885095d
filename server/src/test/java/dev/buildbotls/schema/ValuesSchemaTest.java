package dev.buildbotls.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Validating workers and builders entry by entry finds what validating the whole values finds. */
class ValuesSchemaTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "{}",
      "{\"workers\": {\"a\": {\"maxBuilds\": \"two\", \"imag\": 1}, \"B_b\": {}, \"c\": 7}}",
      "{\"builders\": {\"b\": {\"workers\": \"w\", \"branch\": 3}, \"c\": {\"command\": []}}, \"workers\": []}",
      "{\"master\": {\"replicas\": -1}, \"typo\": true, \"builders\": {\"x\": null}}",
      "[1, 2]"})
  void entryByEntryEqualsWhole(String json) throws Exception {
    JsonNode values = new ObjectMapper().readTree(json);
    var whole = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(ValuesSchema.get().raw(),
        SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build());
    Set<String> expected = new TreeSet<>();
    whole.validate(values).forEach(m -> expected.add(m.getInstanceLocation() + " " + m.getType() + " " + m.getProperty()));
    Set<String> actual = new TreeSet<>();
    ValuesSchema.get().validate(values).forEach(v -> actual.add(pointer(v) + " " + v.message().getType() + " " + v.message().getProperty()));
    assertEquals(expected, actual);
  }

  private static String pointer(ValuesSchema.Violation v) {
    StringBuilder b = new StringBuilder();
    v.path().forEach(step -> b.append('/').append(step));
    return b.toString();
  }
}
