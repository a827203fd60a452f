package dev.etiquette.crm.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads one crm-api value of a given type (generic types such as {@code Page<Party>} included).
 *
 * <p>The strict way: the value is read as a {@link JsonTree} first, then bound by a {@link DomainReader}.
 * With the fast path on (the module {@link CrmJson#module()} returns), the value is first bound straight from
 * the tokens by a {@link FastReader}, through a {@link TokenRecorder}; if the fast reader gives up, the
 * strict reader reads the value from the recorded tokens and the rest of the stream, so that it reports
 * exactly what it reports reading the parser itself.
 */
final class DomainDeserializer extends StdDeserializer<Object> {

  private static final long serialVersionUID = 1L;

  private final JavaType type;
  private final boolean fast;

  DomainDeserializer(JavaType type, boolean fast) {
    super(type);
    this.type = type;
    this.fast = fast;
  }

  @Override
  public Object deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
    if (!fast || !startsValue(parser.currentToken())) {
      // the strict reader alone, or Jackson's type handling has read into the object already
      return readStrictly(parser, parser, ctxt);
    }
    TokenRecorder recorder = new TokenRecorder(parser);
    try {
      return FastReader.read(recorder, type, ctxt.getTypeFactory());
    } catch (IOException | RuntimeException e) {
      Throwable failure = recorder.parserFailure();
      if (failure instanceof IOException io) {
        throw io;
      }
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      // the fast reader gave up: the strict reader reads the same tokens
    }
    return readStrictly(recorder.replay(), parser, ctxt);
  }

  private Object readStrictly(JsonParser tokens, JsonParser parser, DeserializationContext ctxt)
      throws IOException {
    JsonTree.Node root = JsonTree.read(tokens, ctxt);
    return new DomainReader(ctxt, parser).readRoot(root, type);
  }

  private static boolean startsValue(JsonToken token) {
    return token != null && (token.isScalarValue() || token.isStructStart());
  }

  @Override
  public boolean isCachable() {
    return true;
  }
}
