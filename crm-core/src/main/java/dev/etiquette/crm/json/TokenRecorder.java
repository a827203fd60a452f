package dev.etiquette.crm.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.util.Arrays;

/**
 * The parser {@link FastReader} reads through inside a host application's {@code ObjectMapper}, where the
 * input cannot be read a second time. It keeps every token the fast reader has moved past, with the
 * location and the text the strict reader would have taken from it, in the order and the parser state in
 * which the strict reader takes them. If the fast reader gives up, {@link #replay()} gives {@link JsonTree}
 * those tokens again, then the parser's current token and the rest of the stream, so that the strict reader
 * sees exactly what it would have seen reading the parser itself.
 *
 * <p>It also remembers an exception the parser threw ({@link #parserFailure()}): the strict reader, reading
 * the same tokens, would have met the same exception at the same place, so it is rethrown as it is.
 */
final class TokenRecorder extends JsonParserDelegate {

  private JsonToken[] tokens = new JsonToken[128];
  private JsonLocation[] locations = new JsonLocation[128];
  /** The name of a property, the text of a string or number, the object of an embedded value. */
  private Object[] texts = new Object[128];
  private int size;
  private JsonLocation currentLocation;
  private Throwable parserFailure;

  /** Starts at the parser's current token, which must be the first token of a value. */
  TokenRecorder(JsonParser parser) {
    super(parser);
    this.currentLocation = parser.currentTokenLocation();
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken current = delegate.currentToken();
    if (current != null) {
      keep(current);
    }
    try {
      JsonToken next = delegate.nextToken();
      currentLocation = next == null ? null : delegate.currentTokenLocation();
      return next;
    } catch (IOException | RuntimeException e) {
      parserFailure = e;
      throw e;
    }
  }

  private void keep(JsonToken token) throws IOException {
    Object text;
    try {
      text = switch (token) {
        case FIELD_NAME -> delegate.currentName();
        case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> delegate.getText();
        case VALUE_EMBEDDED_OBJECT -> delegate.getEmbeddedObject();
        default -> null;
      };
    } catch (IOException | RuntimeException e) {
      parserFailure = e;
      throw e;
    }
    if (size == tokens.length) {
      tokens = Arrays.copyOf(tokens, size * 2);
      locations = Arrays.copyOf(locations, size * 2);
      texts = Arrays.copyOf(texts, size * 2);
    }
    tokens[size] = token;
    locations[size] = currentLocation;
    texts[size] = text;
    size++;
  }

  @Override
  public String currentName() throws IOException {
    try {
      return delegate.currentName();
    } catch (IOException | RuntimeException e) {
      parserFailure = e;
      throw e;
    }
  }

  @Override
  public String getText() throws IOException {
    try {
      return delegate.getText();
    } catch (IOException | RuntimeException e) {
      parserFailure = e;
      throw e;
    }
  }

  @Override
  public char[] getTextCharacters() throws IOException {
    try {
      return delegate.getTextCharacters();
    } catch (IOException | RuntimeException e) {
      parserFailure = e;
      throw e;
    }
  }

  @Override
  public int getTextOffset() throws IOException {
    try {
      return delegate.getTextOffset();
    } catch (IOException | RuntimeException e) {
      parserFailure = e;
      throw e;
    }
  }

  @Override
  public int getTextLength() throws IOException {
    try {
      return delegate.getTextLength();
    } catch (IOException | RuntimeException e) {
      parserFailure = e;
      throw e;
    }
  }

  /** What the parser threw while the fast reader read, if it threw; null otherwise. */
  Throwable parserFailure() {
    return parserFailure;
  }

  /**
   * The tokens again from the first, for {@link JsonTree#read}: it answers the calls {@code JsonTree} makes
   * ({@code currentToken}, {@code nextToken}, {@code currentTokenLocation}, {@code getText},
   * {@code currentName}, {@code getEmbeddedObject}) from what was kept, and once past the kept tokens
   * passes everything to the parser.
   */
  JsonParser replay() {
    return new Replay(delegate);
  }

  private final class Replay extends JsonParserDelegate {
    /** The kept token that is current; at {@code size}, the parser's own current token. */
    private int at;

    Replay(JsonParser parser) {
      super(parser);
    }

    private boolean replaying() {
      return at < size;
    }

    @Override
    public JsonToken nextToken() throws IOException {
      if (replaying()) {
        at++;
        return currentToken();
      }
      return delegate.nextToken();
    }

    @Override
    public JsonToken currentToken() {
      return replaying() ? tokens[at] : delegate.currentToken();
    }

    @Override
    @Deprecated
    public JsonToken getCurrentToken() {
      return currentToken();
    }

    @Override
    public JsonLocation currentTokenLocation() {
      return replaying() ? locations[at] : delegate.currentTokenLocation();
    }

    @Override
    @Deprecated
    public JsonLocation getTokenLocation() {
      return currentTokenLocation();
    }

    @Override
    public String getText() throws IOException {
      if (!replaying()) {
        return delegate.getText();
      }
      return texts[at] instanceof String text ? text : tokens[at].asString();
    }

    @Override
    public String currentName() throws IOException {
      if (!replaying()) {
        return delegate.currentName();
      }
      if (tokens[at] != JsonToken.FIELD_NAME) {
        throw new IllegalStateException("only the names of properties are kept, not the name at " + tokens[at]);
      }
      return (String) texts[at];
    }

    @Override
    @Deprecated
    public String getCurrentName() throws IOException {
      return currentName();
    }

    @Override
    public Object getEmbeddedObject() throws IOException {
      return replaying() ? texts[at] : delegate.getEmbeddedObject();
    }
  }
}
