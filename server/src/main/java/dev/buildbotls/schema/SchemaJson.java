package dev.buildbotls.schema;

import com.fasterxml.jackson.core.io.CharTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;

/**
 * Reads the schema's JSON into the tree Jackson's {@code ObjectMapper.readTree} makes (networknt
 * validates with Jackson's nodes; SchemaJsonTest holds the two equal), through Gson's streaming
 * reader. Jackson's own reading is slow to start: ObjectMapper's first use sets up the JDK's
 * calendar and locale data, and jackson-core's parser BigDecimal's tables (40 ms of CPU on Java
 * 25, on the way to the first diagnostics: README "Performance").
 */
final class SchemaJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SchemaJson() {}

  static JsonNode read(Reader json) throws IOException {
    JsonReader reader = new JsonReader(json);
    reader.setStrictness(Strictness.STRICT);
    JsonNode root = value(reader);
    if (reader.peek() != JsonToken.END_DOCUMENT) {
      throw new IOException("more than one JSON value in the schema");
    }
    return root;
  }

  private static JsonNode value(JsonReader reader) throws IOException {
    return switch (reader.peek()) {
      case BEGIN_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          object.set(name, value(reader));
        }
        reader.endObject();
        yield object;
      }
      case BEGIN_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        reader.beginArray();
        while (reader.hasNext()) {
          array.add(value(reader));
        }
        reader.endArray();
        yield array;
      }
      case STRING -> new Text(reader.nextString());
      case NUMBER -> number(reader.nextString());
      case BOOLEAN -> NODES.booleanNode(reader.nextBoolean());
      case NULL -> {
        reader.nextNull();
        yield NODES.nullNode();
      }
      default -> throw new IOException("unexpected " + reader.peek() + " at " + reader.getPath());
    };
  }

  /** As Jackson reads a number: an int, long or big integer when it has no fraction or exponent, else a double. */
  private static JsonNode number(String literal) {
    if (literal.indexOf('.') >= 0 || literal.indexOf('e') >= 0 || literal.indexOf('E') >= 0) {
      return NODES.numberNode(Double.parseDouble(literal));
    }
    BigInteger value = new BigInteger(literal);
    if (value.bitLength() < Integer.SIZE) {
      return NODES.numberNode(value.intValue());
    }
    return value.bitLength() < Long.SIZE ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
  }

  /**
   * A string of the schema, written as JSON without Jackson's ObjectMapper (networknt writes each
   * enum value with {@code toString} as it compiles the schema); equal to any TextNode of its text.
   */
  static final class Text extends TextNode {
    private static final long serialVersionUID = 1L;

    Text(String text) {
      super(text);
    }

    @Override
    public String toString() {
      StringBuilder json = new StringBuilder(textValue().length() + 2).append('"');
      CharTypes.appendQuoted(json, textValue());
      return json.append('"').toString();
    }
  }
}
