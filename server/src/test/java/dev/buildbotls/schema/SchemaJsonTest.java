package dev.buildbotls.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The schema read without ObjectMapper is the tree ObjectMapper reads, and its strings write as Jackson writes them. */
class SchemaJsonTest {
  private static final ObjectMapper JACKSON = new ObjectMapper();

  @Test
  void theShippedSchemaReadsAsJacksonReadsIt() throws IOException {
    try (InputStream ours = SchemaJsonTest.class.getResourceAsStream("/schema/values.schema.json");
        InputStream theirs = SchemaJsonTest.class.getResourceAsStream("/schema/values.schema.json")) {
      assertEquals(JACKSON.readTree(theirs), SchemaJson.read(new InputStreamReader(ours, StandardCharsets.UTF_8)));
    }
  }

  /** Node types included: an IntNode is not equal to a LongNode of the same value. */
  @ParameterizedTest
  @ValueSource(strings = {
      "[0, -0, 1, -2147483648, 2147483647, 2147483648, -2147483649]",
      "[-9223372036854775808, 9223372036854775807, 9223372036854775808, 123456789012345678901234567890]",
      "[1.5, -0.0, 1e3, 1E-3, 2.5e+10, 0.1, 1e400]",
      "{\"a\": {\"b\": [true, false, null, \"\"]}, \"\\u00e9\\n\": \"\\ud83d\\ude00 \\u2028\\u0085\\u007f\\u0000\"}",
      "\"top\""})
  void valuesReadAsJacksonReadsThem(String json) throws IOException {
    assertEquals(JACKSON.readTree(json), SchemaJson.read(new StringReader(json)));
  }

  @Test
  void notOneJsonValueIsRefused() {
    assertThrows(IOException.class, () -> SchemaJson.read(new StringReader("{} {}")));
    assertThrows(IOException.class, () -> SchemaJson.read(new StringReader("{\"a\": }")));
    assertThrows(IOException.class, () -> SchemaJson.read(new StringReader("")));
  }

  /** networknt writes each enum value with toString: every character as Jackson's own writer escapes it. */
  @Test
  void schemaStringsWriteAsJacksonWritesThem() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x3000; c++) {
      all.append(c);
    }
    for (String s : new String[] {all.toString(), "\ud83d\ude00", "\"quoted\" \\ {{ .Values.x }}", "\u2028\u2029\uffff", ""}) {
      assertEquals(TextNode.valueOf(s).toString(), new SchemaJson.Text(s).toString(), s);
    }
  }

  /** networknt's enum validator looks a value up in a set of the schema's strings. */
  @Test
  void aSchemaStringEqualsEveryTextNodeOfItsText() {
    SchemaJson.Text ours = new SchemaJson.Text("postgresql");
    TextNode theirs = TextNode.valueOf("postgresql");
    assertEquals(theirs, ours);
    assertEquals(ours, theirs);
    assertEquals(theirs.hashCode(), ours.hashCode());
    assertTrue(Set.of(ours).contains(theirs));
  }
}
