package dev.etiquette.crm.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value read from a parser, each node with the location of its first token. Reading a whole value
 * first lets the reader find a {@code type} property wherever it is, report every problem of a document at
 * once, and still say on which line and column each problem is.
 */
final class JsonTree {

  private JsonTree() {}

  /** A JSON value and where it starts. */
  sealed interface Node {
    JsonLocation location();

    /** What kind of JSON value this is, for an error message ({@code a string}, {@code an object}). */
    String describe();
  }

  /** A property of an object: its name, where the name is, and its value. */
  record Member(String name, JsonLocation location, Node value) {}

  /**
   * An object. {@code duplicates} holds properties whose name appeared before in the same object; the
   * reader reports them.
   */
  record ObjectNode(JsonLocation location, Map<String, Member> members, List<Member> duplicates) implements Node {
    @Override
    public String describe() {
      return "an object";
    }
  }

  record ArrayNode(JsonLocation location, List<Node> items) implements Node {
    @Override
    public String describe() {
      return "an array";
    }
  }

  /**
   * A string, number, boolean, null or embedded value. {@code text} is the token's text: for a number
   * exactly as written, so no precision is lost.
   */
  record ScalarNode(JsonLocation location, JsonToken token, String text, Object embedded) implements Node {
    boolean isNull() {
      return token == JsonToken.VALUE_NULL;
    }

    @Override
    public String describe() {
      return switch (token) {
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NULL -> "null";
        default -> "an embedded value";
      };
    }
  }

  /**
   * Reads the value at the parser's current token (or the next one if there is none yet). When the parser
   * is inside an object, at a property name, the rest of that object is read.
   */
  static Node read(JsonParser parser, DeserializationContext ctxt) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      token = parser.nextToken();
      if (token == null) {
        return ctxt.reportInputMismatch(Object.class, "no content: expected a JSON value");
      }
    }
    if (token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT) {
      // inside an object already (Jackson's own type handling may have read its first property)
      return readMembers(parser, ctxt, parser.currentTokenLocation());
    }
    return readValue(parser, ctxt);
  }

  private static Node readValue(JsonParser parser, DeserializationContext ctxt) throws IOException {
    JsonLocation location = parser.currentTokenLocation();
    JsonToken token = parser.currentToken();
    if (token == null) {
      return ctxt.reportInputMismatch(Object.class, "unexpected end of input: expected a JSON value");
    }
    switch (token) {
      case START_OBJECT:
        parser.nextToken();
        return readMembers(parser, ctxt, location);
      case START_ARRAY:
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(readValue(parser, ctxt));
        }
        return new ArrayNode(location, items);
      case VALUE_STRING:
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new ScalarNode(location, token, parser.getText(), null);
      case VALUE_TRUE:
      case VALUE_FALSE:
      case VALUE_NULL:
        return new ScalarNode(location, token, token.asString(), null);
      case VALUE_EMBEDDED_OBJECT:
        return new ScalarNode(location, token, String.valueOf(parser.getEmbeddedObject()),
            parser.getEmbeddedObject());
      default:
        return ctxt.reportInputMismatch(Object.class, "unexpected token %s: expected a JSON value", token);
    }
  }

  /** Reads properties from the current token (a property name or the end of the object). */
  private static ObjectNode readMembers(JsonParser parser, DeserializationContext ctxt, JsonLocation location)
      throws IOException {
    Map<String, Member> members = new LinkedHashMap<>();
    List<Member> duplicates = new ArrayList<>();
    for (JsonToken token = parser.currentToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
      if (token != JsonToken.FIELD_NAME) {
        return ctxt.reportInputMismatch(Object.class, "unexpected %s: expected a property name", token);
      }
      String name = parser.currentName();
      JsonLocation nameLocation = parser.currentTokenLocation();
      parser.nextToken();
      Member member = new Member(name, nameLocation, readValue(parser, ctxt));
      if (members.putIfAbsent(name, member) != null) {
        duplicates.add(member);
      }
    }
    return new ObjectNode(location, members, duplicates);
  }

  /** Writes a node back as tokens, to hand a part of the document to Jackson's own deserializers. */
  static void write(Node node, JsonGenerator gen) throws IOException {
    if (node instanceof ObjectNode object) {
      gen.writeStartObject();
      for (Member member : object.members().values()) {
        gen.writeFieldName(member.name());
        write(member.value(), gen);
      }
      gen.writeEndObject();
    } else if (node instanceof ArrayNode array) {
      gen.writeStartArray();
      for (Node item : array.items()) {
        write(item, gen);
      }
      gen.writeEndArray();
    } else {
      ScalarNode scalar = (ScalarNode) node;
      switch (scalar.token()) {
        case VALUE_STRING -> gen.writeString(scalar.text());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> gen.writeNumber(scalar.text());
        case VALUE_TRUE -> gen.writeBoolean(true);
        case VALUE_FALSE -> gen.writeBoolean(false);
        case VALUE_NULL -> gen.writeNull();
        default -> gen.writeEmbeddedObject(scalar.embedded());
      }
    }
  }
}
