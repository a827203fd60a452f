package dev.etiquette.crm.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Reads crm-api values straight from a parser's tokens, for documents that are valid: no tree, no
 * locations, no path. It accepts exactly what {@link DomainReader} accepts and builds equal values (the same
 * collection classes handed to the same record constructors), but it gives up, by throwing {@link Fallback},
 * at the first thing that is not plainly valid, and then the caller runs the strict reader on the same input
 * to report every problem with its path and position:
 *
 * <ul>
 *   <li>any value of the wrong JSON type, {@code null} where the strict reader does not read it as an empty
 *       {@code Optional}, an unknown enum constant or key, a number out of range or not an integer;</li>
 *   <li>an unknown, repeated or missing property, a repeated set item or map key;</li>
 *   <li>a sealed interface's object whose first property is not {@code "type"} naming a known subtype
 *       ({@link DomainWriter} always writes it first; elsewhere the strict reader finds it);</li>
 *   <li>anything a record constructor or a {@code java.time}/{@code Locale} parser rejects;</li>
 *   <li>a value of a type that is not crm-api's (an item of a host application's {@code Page<T>}), which
 *       the strict reader hands to Jackson, and a record of more than 64 components;</li>
 *   <li>whatever the parser throws.</li>
 * </ul>
 *
 * <p>The readers of each {@link JavaType} are built once and cached. Thread-safe.
 */
final class FastReader {

  /** Thrown when the fast path gives up; stackless, since it is expected and cheap. */
  static final class Fallback extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Fallback INSTANCE = new Fallback();

    private Fallback() {
      super("the fast reader gave up; read with the strict reader", null, false, false);
    }
  }

  private static final ConcurrentMap<JavaType, Binder> BINDERS = new ConcurrentHashMap<>();

  private FastReader() {}

  /**
   * Reads a whole document the way {@code mapper.readValue(json, type)} reads it with the strict module,
   * when {@code type} is one the module handles; nothing but white space may follow the value. The parser is
   * the mapper's, but without {@link JsonParser.Feature#STRICT_DUPLICATE_DETECTION}: every object of the
   * document is a record or a map that the fast path reads whole, and it gives up on a repeated name.
   *
   * @return the value, or null when the fast path gave up and the strict reader must read the document
   */
  static Object readDocument(ObjectMapper mapper, String json, JavaType type) {
    try (JsonParser parser = mapper.createParser(json)) {
      // the fast path finds repeated properties itself, and gives up on them
      parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      JsonToken first = parser.nextToken();
      if (first == null || first == JsonToken.VALUE_NULL) {
        return null;
      }
      Object value = binder(type, mapper.getTypeFactory()).read(parser);
      return parser.nextToken() == null ? value : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Reads the value at the parser's current token, leaving the parser at the value's last token.
   *
   * @throws Fallback when the fast path gives up
   * @throws IOException what the parser throws
   */
  static Object read(JsonParser parser, JavaType type, TypeFactory types) throws IOException {
    return binder(type, types).read(parser);
  }

  private static Fallback fallback() {
    return Fallback.INSTANCE;
  }

  // ---------------------------------------------------------------------------------------------- binders

  /** The reader of one type. */
  private abstract static class Binder {
    /** Reads the value at the current token and leaves the parser at its last token. */
    abstract Object read(JsonParser parser) throws IOException;
  }

  private static Binder binder(JavaType type, TypeFactory types) {
    Binder binder = BINDERS.get(type);
    if (binder == null) {
      binder = create(type, types);
      Binder earlier = BINDERS.putIfAbsent(type, binder);
      if (earlier != null) {
        binder = earlier;
      }
    }
    return binder;
  }

  /** Mirrors the dispatch of {@code DomainReader.read}, in the same order. */
  private static Binder create(JavaType type, TypeFactory types) {
    try {
      Class<?> raw = type.getRawClass();
      if (raw == Optional.class) {
        return new OptionalBinder(
            type.isReferenceType() ? type.getReferencedType() : type.containedTypeOrUnknown(0), types);
      }
      if (raw == String.class) {
        return StringBinder.INSTANCE;
      }
      if (raw == boolean.class || raw == Boolean.class) {
        return BooleanBinder.INSTANCE;
      }
      if (raw == long.class || raw == Long.class) {
        return new IntegerBinder(Long.MIN_VALUE, Long.MAX_VALUE, false);
      }
      if (raw == int.class || raw == Integer.class) {
        return new IntegerBinder(Integer.MIN_VALUE, Integer.MAX_VALUE, true);
      }
      if (raw == double.class || raw == Double.class) {
        return DoubleBinder.INSTANCE;
      }
      if (raw == BigDecimal.class) {
        return DecimalBinder.INSTANCE;
      }
      if (raw == Instant.class || raw == LocalDate.class || raw == LocalTime.class
          || ZoneId.class.isAssignableFrom(raw) || raw == Locale.class || raw == Duration.class) {
        return new TextBinder(raw);
      }
      if (raw.isEnum()) {
        return new EnumBinder(raw);
      }
      if (Map.class.isAssignableFrom(raw)) {
        return new MapBinder(type.getKeyType() != null ? type.getKeyType() : type.containedTypeOrUnknown(0),
            type.getContentType() != null ? type.getContentType() : type.containedTypeOrUnknown(1), types);
      }
      if (Collection.class.isAssignableFrom(raw)) {
        return new CollectionBinder(
            type.getContentType() != null ? type.getContentType() : type.containedTypeOrUnknown(0),
            Set.class.isAssignableFrom(raw), types);
      }
      if (DomainTypes.isStringValue(raw)) {
        return new StringValueBinder(DomainTypes.shape(raw));
      }
      if (DomainTypes.isSealedInterface(raw)) {
        return new SealedBinder(DomainTypes.sealed(raw), types);
      }
      if (raw.isRecord() && DomainTypes.isApi(raw)) {
        return RecordBinder.of(type, types);
      }
    } catch (RuntimeException e) {
      // a type the strict reader reports on; nothing to speed up
    }
    return Unsupported.INSTANCE;
  }

  /** A type the fast path leaves to the strict reader: always gives up. */
  private static final class Unsupported extends Binder {
    static final Unsupported INSTANCE = new Unsupported();

    @Override
    Object read(JsonParser parser) {
      throw fallback();
    }
  }

  /** A child binder resolved on first use, so that building a binder never recurses. */
  private static final class Lazy {
    private final JavaType type;
    private final TypeFactory types;
    private Binder binder; // racy but idempotent: every thread computes the same binder

    Lazy(JavaType type, TypeFactory types) {
      this.type = type;
      this.types = types;
    }

    Binder get() {
      Binder b = binder;
      if (b == null) {
        b = binder(type, types);
        binder = b;
      }
      return b;
    }
  }

  private static final class OptionalBinder extends Binder {
    private final Lazy content;

    OptionalBinder(JavaType content, TypeFactory types) {
      this.content = new Lazy(content, types);
    }

    @Override
    Object read(JsonParser parser) throws IOException {
      if (parser.currentToken() == JsonToken.VALUE_NULL) {
        return Optional.empty();
      }
      return Optional.of(content.get().read(parser));
    }
  }

  private static final class StringBinder extends Binder {
    static final StringBinder INSTANCE = new StringBinder();

    @Override
    Object read(JsonParser parser) throws IOException {
      return string(parser);
    }
  }

  private static String string(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw fallback();
    }
    return parser.getText();
  }

  private static final class BooleanBinder extends Binder {
    static final BooleanBinder INSTANCE = new BooleanBinder();

    @Override
    Object read(JsonParser parser) {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_TRUE) {
        return Boolean.TRUE;
      }
      if (token == JsonToken.VALUE_FALSE) {
        return Boolean.FALSE;
      }
      throw fallback();
    }
  }

  /**
   * An integer within bounds. The token's text is read as the strict reader reads it
   * ({@code new BigInteger(text)}), but up to 18 digits without {@code BigInteger}.
   */
  private static final class IntegerBinder extends Binder {
    private final long min;
    private final long max;
    private final boolean isInt;

    IntegerBinder(long min, long max, boolean isInt) {
      this.min = min;
      this.max = max;
      this.isInt = isInt;
    }

    @Override
    Object read(JsonParser parser) throws IOException {
      if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
        throw fallback();
      }
      long value = parse(parser);
      if (value < min || value > max) {
        throw fallback();
      }
      return isInt ? (Object) (int) value : (Object) value;
    }

    private static long parse(JsonParser parser) throws IOException {
      char[] chars = parser.getTextCharacters();
      if (chars == null) {
        return parseBig(parser.getText());
      }
      int offset = parser.getTextOffset();
      int end = offset + parser.getTextLength();
      int at = offset;
      boolean negative = end > at && chars[at] == '-';
      if (negative) {
        at++;
      }
      if (end - at < 1 || end - at > 18) {
        return parseBig(parser.getText());
      }
      long value = 0;
      for (; at < end; at++) {
        int digit = chars[at] - '0';
        if (digit < 0 || digit > 9) {
          return parseBig(parser.getText());
        }
        value = value * 10 + digit;
      }
      return negative ? -value : value;
    }

    /** What the strict reader does, for the rare integer of 19 digits or more, or with a sign or odd text. */
    private static long parseBig(String text) {
      BigInteger value;
      try {
        value = new BigInteger(text);
      } catch (NumberFormatException e) {
        throw fallback();
      }
      if (value.bitLength() > 63) {
        throw fallback();
      }
      return value.longValue();
    }
  }

  private static final class DecimalBinder extends Binder {
    static final DecimalBinder INSTANCE = new DecimalBinder();

    @Override
    Object read(JsonParser parser) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == null || !token.isNumeric()) {
        throw fallback();
      }
      try {
        return new BigDecimal(parser.getText());
      } catch (NumberFormatException e) {
        throw fallback();
      }
    }
  }

  /** A finite double, from a JSON number, as the strict reader reads it ({@code Double.parseDouble(text)}). */
  private static final class DoubleBinder extends Binder {
    static final DoubleBinder INSTANCE = new DoubleBinder();

    @Override
    Object read(JsonParser parser) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == null || !token.isNumeric()) {
        throw fallback();
      }
      double value;
      try {
        value = Double.parseDouble(parser.getText());
      } catch (NumberFormatException e) {
        throw fallback();
      }
      if (!Double.isFinite(value)) {
        throw fallback();
      }
      return value;
    }
  }

  /** Instants, dates, local times, durations, time zones and locales: strings parsed as the strict reader parses them. */
  private static final class TextBinder extends Binder {
    private final int kind;

    TextBinder(Class<?> raw) {
      this.kind = raw == Instant.class ? 0 : raw == LocalDate.class ? 1 : raw == LocalTime.class ? 2
          : raw == Locale.class ? 4 : raw == Duration.class ? 5 : 3;
    }

    @Override
    Object read(JsonParser parser) throws IOException {
      String text = string(parser);
      try {
        return switch (kind) {
          case 0 -> IsoTimes.instant(text);
          case 1 -> IsoTimes.localDate(text);
          case 2 -> IsoTimes.localTime(text);
          case 3 -> ZoneId.of(text);
          case 5 -> IsoTimes.duration(text);
          default -> new Locale.Builder().setLanguageTag(text).build();
        };
      } catch (RuntimeException e) {
        throw fallback();
      }
    }
  }

  private static final class EnumBinder extends Binder {
    private final Map<String, Object> constants = new HashMap<>();

    EnumBinder(Class<?> raw) {
      for (Object constant : raw.getEnumConstants()) {
        constants.putIfAbsent(((Enum<?>) constant).name(), constant);
      }
    }

    @Override
    Object read(JsonParser parser) throws IOException {
      return constant(string(parser));
    }

    Object constant(String name) {
      Object constant = constants.get(name);
      if (constant == null) {
        throw fallback();
      }
      return constant;
    }
  }

  private static final class MapBinder extends Binder {
    private final JavaType keyType;
    private final EnumBinder enumKeys;
    private final StringValueBinder stringValueKeys;
    private final Lazy content;

    MapBinder(JavaType keyType, JavaType content, TypeFactory types) {
      Class<?> raw = keyType.getRawClass();
      this.keyType = keyType;
      this.enumKeys = raw.isEnum() ? new EnumBinder(raw) : null;
      this.stringValueKeys = !raw.isEnum() && DomainTypes.isStringValue(raw)
          ? new StringValueBinder(DomainTypes.shape(raw)) : null;
      this.content = new Lazy(content, types);
    }

    @Override
    Object read(JsonParser parser) throws IOException {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        throw fallback();
      }
      Map<Object, Object> out = new LinkedHashMap<>();
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        Object key = key(parser.currentName());
        parser.nextToken();
        if (out.put(key, content.get().read(parser)) != null) {
          throw fallback(); // a repeated property, or two names for equal keys
        }
      }
      if (token != JsonToken.END_OBJECT) {
        throw fallback();
      }
      return out;
    }

    private Object key(String name) {
      Class<?> raw = keyType.getRawClass();
      if (raw == String.class || raw == Object.class) {
        return name;
      }
      if (enumKeys != null) {
        return enumKeys.constant(name);
      }
      if (stringValueKeys != null) {
        return stringValueKeys.construct(name);
      }
      if (raw == LocalDate.class) {
        try {
          return IsoTimes.localDate(name);
        } catch (RuntimeException e) {
          throw fallback();
        }
      }
      throw fallback();
    }
  }

  private static final class CollectionBinder extends Binder {
    private final Lazy content;
    private final boolean set;

    CollectionBinder(JavaType content, boolean set, TypeFactory types) {
      this.content = new Lazy(content, types);
      this.set = set;
    }

    @Override
    Object read(JsonParser parser) throws IOException {
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        throw fallback();
      }
      Collection<Object> out = set ? new LinkedHashSet<>() : new ArrayList<>();
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          throw fallback();
        }
        if (!out.add(content.get().read(parser))) {
          throw fallback(); // a repeated set item
        }
      }
      return out;
    }
  }

  /** Calls a record's canonical constructor through a method handle taking an {@code Object[]}. */
  private static final class Creator {
    private final MethodHandle handle;

    private Creator(MethodHandle handle) {
      this.handle = handle;
    }

    static Creator of(DomainTypes.Shape shape) {
      try {
        MethodHandle handle = MethodHandles.publicLookup().unreflectConstructor(shape.constructor())
            .asSpreader(Object[].class, shape.components().size())
            .asType(MethodType.methodType(Object.class, Object[].class));
        return new Creator(handle);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot call " + shape.constructor(), e);
      }
    }

    /** The new record; gives up on anything the constructor throws (the strict reader will report it). */
    Object construct(Object[] arguments) {
      try {
        return (Object) handle.invokeExact(arguments);
      } catch (Error e) {
        throw e;
      } catch (Throwable e) {
        throw fallback();
      }
    }
  }

  /** A record of one string written as a plain string (an id). */
  private static final class StringValueBinder extends Binder {
    private final Creator creator;

    StringValueBinder(DomainTypes.Shape shape) {
      this.creator = Creator.of(shape);
    }

    @Override
    Object read(JsonParser parser) throws IOException {
      return construct(string(parser));
    }

    Object construct(String text) {
      return creator.construct(new Object[] {text});
    }
  }

  private static final class SealedBinder extends Binder {
    private final Map<String, JavaType> subtypes = new HashMap<>();
    private final Map<String, RecordBinder> binders = new ConcurrentHashMap<>();
    private final TypeFactory types;

    SealedBinder(DomainTypes.Sealed sealed, TypeFactory types) {
      sealed.subtypes().forEach((name, subtype) -> subtypes.put(name, types.constructType(subtype)));
      this.types = types;
    }

    @Override
    Object read(JsonParser parser) throws IOException {
      if (parser.currentToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME
          || !DomainTypes.TYPE_PROPERTY.equals(parser.currentName())
          || parser.nextToken() != JsonToken.VALUE_STRING) {
        throw fallback();
      }
      String name = parser.getText();
      RecordBinder binder = binders.get(name);
      if (binder == null) {
        JavaType subtype = subtypes.get(name);
        if (subtype == null || !(binder(subtype, types) instanceof RecordBinder record)) {
          throw fallback();
        }
        binder = record;
        binders.put(name, binder);
      }
      return binder.readMembers(parser, true);
    }
  }

  /** A record as an object of its components, in any order. */
  private static final class RecordBinder extends Binder {
    private final String[] names;
    private final Map<String, Integer> index;
    private final boolean[] optional;
    private final Lazy[] components;
    private final long all;
    private final String typeName;
    private final Creator creator;

    private RecordBinder(DomainTypes.Shape shape, JavaType[] componentTypes, TypeFactory types) {
      int count = componentTypes.length;
      this.names = new String[count];
      this.index = new HashMap<>();
      this.optional = new boolean[count];
      this.components = new Lazy[count];
      for (int i = 0; i < count; i++) {
        RecordComponent component = shape.components().get(i);
        names[i] = component.getName();
        index.put(names[i], i);
        optional[i] = componentTypes[i].getRawClass() == Optional.class;
        components[i] = new Lazy(componentTypes[i], types);
      }
      this.all = count == 64 ? -1L : (1L << count) - 1;
      this.typeName = shape.typeName().orElse(null);
      this.creator = Creator.of(shape);
    }

    static Binder of(JavaType type, TypeFactory types) {
      DomainTypes.Shape shape = DomainTypes.shape(type.getRawClass());
      if (shape.components().size() > 64) {
        return Unsupported.INSTANCE;
      }
      return new RecordBinder(shape, DomainReader.componentTypes(type, shape, types), types);
    }

    @Override
    Object read(JsonParser parser) throws IOException {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        throw fallback();
      }
      return readMembers(parser, false);
    }

    /**
     * Reads the properties from the next token to the end of the object. {@code typeRead} tells that the
     * sealed interface's reader has read the {@code type} property already; a record read as itself accepts
     * a {@code type} property of its own name once.
     */
    Object readMembers(JsonParser parser, boolean typeRead) throws IOException {
      Object[] arguments = new Object[names.length];
      long seen = 0;
      boolean typeSeen = typeRead;
      int expected = 0;
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        int i;
        if (expected < names.length && names[expected].equals(name)) {
          i = expected; // the writer's order, the usual case
        } else {
          Integer found = index.get(name);
          if (found == null) {
            if (typeName != null && !typeSeen && DomainTypes.TYPE_PROPERTY.equals(name)) {
              typeSeen = true;
              if (parser.nextToken() != JsonToken.VALUE_STRING || !typeName.equals(parser.getText())) {
                throw fallback();
              }
              continue;
            }
            throw fallback(); // unknown, or a repeated type
          }
          i = found;
        }
        long bit = 1L << i;
        if ((seen & bit) != 0) {
          throw fallback(); // repeated
        }
        seen |= bit;
        expected = i + 1;
        parser.nextToken();
        arguments[i] = components[i].get().read(parser);
      }
      if (token != JsonToken.END_OBJECT) {
        throw fallback();
      }
      if (seen != all) {
        for (int i = 0; i < names.length; i++) {
          if ((seen & (1L << i)) == 0) {
            if (!optional[i]) {
              throw fallback(); // missing
            }
            arguments[i] = Optional.empty();
          }
        }
      }
      return creator.construct(arguments);
    }
  }
}
