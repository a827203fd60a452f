package dev.etiquette.crm.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * JSON for every value type of crm-api, with Jackson: a {@link #module() module} for a host application's
 * own {@link ObjectMapper}, a {@link #newObjectMapper() ready mapper}, and {@link #toJson}/{@link #fromJson}
 * that speak the library's exception hierarchy instead of Jackson's.
 *
 * <p>The format is described in the {@linkplain dev.etiquette.crm.json package documentation}. In short:
 * records are objects named after their components, ids are strings, sealed interfaces carry a
 * {@code "type"} property, instants are ISO-8601 strings, empty optionals are left out, and equal values
 * always give byte-identical JSON. Reading is strict: an unknown or repeated property, a missing
 * non-optional property, or a value of the wrong JSON type is an error, and every such error of a document
 * is reported at once. Valid documents are bound straight from the parser's tokens; only a document with a
 * problem is read a second time, by the strict reader that reports it.
 *
 * <p>All methods are thread-safe.
 */
public final class CrmJson {

  private static final ObjectMapper MAPPER = newObjectMapper();
  /** The same mapper with the strict reader alone: what the fast path falls back to. */
  private static final ObjectMapper STRICT_MAPPER = newObjectMapper(CrmModule.STRICT);
  private static final Pattern SOURCE_DESCRIPTION = Pattern.compile("\\[Source: [^;\\]]*; ");

  private CrmJson() {}

  /**
   * The Jackson module that reads and writes every value type of crm-api: the records of
   * {@code dev.etiquette.crm.api} and its value packages ({@code party}, {@code interaction}, {@code calendar},
   * {@code rules}), their sealed interfaces ({@code ContactPoint}, {@code AttributeValue}, {@code PartyChange},
   * {@code CalendarChoice}, {@code ObligationRule}, ...) and their enums, including generic
   * ones such as {@code Page<Party>} when the element type is given (a {@link TypeReference} or a
   * {@link JavaType}). Single-string ids are also supported as map keys of a host application's own types
   * ({@code Map<PartyId, Order>}).
   *
   * <p>The module needs no other module: it reads and writes the {@code java.time} values, {@code Optional}s,
   * collections and numbers <em>inside</em> crm-api values itself, and its output does not depend on the
   * mapper's features, so a plain {@code new ObjectMapper().registerModule(CrmJson.module())} writes exactly
   * what {@link #toJson} writes, byte for byte. Register {@code JavaTimeModule} and {@code Jdk8Module} as
   * usual for your own types (for instance the items of a {@code Page<YourType>}); {@link #newObjectMapper()}
   * does.
   *
   * <p>crm-api values are always read strictly, whatever the mapper's {@code DeserializationFeature}s say. A
   * problem is reported as a {@link JsonMappingException} whose path and location are those of the first
   * problem and whose message lists every problem. A valid value is bound straight from the parser's tokens;
   * when a value has a problem, the tokens read so far (kept while binding) and the rest of the value are
   * read again by the strict reader, so the exception is the same as if only the strict reader had read. The same module instance is returned every time;
   * registering it twice is harmless.
   *
   * @return the module, stateless and thread-safe
   */
  public static Module module() {
    return CrmModule.INSTANCE;
  }

  /**
   * A new mapper with {@link #module()}, {@code Jdk8Module} and {@code JavaTimeModule}, configured for
   * deterministic and strict JSON in the host application's own types too: dates as ISO-8601 strings, not
   * timestamps; map entries sorted by key and properties sorted by name, so the same value always gives
   * byte-identical JSON; and on reading, unknown properties, repeated properties, trailing content, null
   * for a primitive, a number for an enum and coercion between scalar types are all errors.
   *
   * <p>Each call returns a new mapper, which the caller may configure further without affecting
   * {@link #toJson}/{@link #fromJson}.
   *
   * @return a new, configured mapper
   */
  public static ObjectMapper newObjectMapper() {
    return newObjectMapper(CrmModule.INSTANCE);
  }

  private static ObjectMapper newObjectMapper(CrmModule module) {
    return JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .addModule(module)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
  }

  /**
   * Writes {@code value} as compact JSON. Equal values give identical strings; for a crm-api value,
   * {@code fromJson(toJson(value), value.getClass())} equals {@code value}.
   *
   * @param value a crm-api value, or any value Jackson can write with {@link #newObjectMapper()}'s
   *     configuration
   * @return the JSON text
   * @throws NullPointerException if {@code value} is null
   * @throws ValidationException if the value cannot be written (only possible for types outside crm-api);
   *     its violation's path is the JSON path of the part that failed
   */
  public static String toJson(Object value) {
    requireNonNull(value, "value");
    try {
      if (writesAlone(value)) {
        String json = DomainWriter.writeAlone(MAPPER.getFactory(), value);
        if (json != null) {
          return json;
        }
      }
      return toJsonWithMapper(value);
    } catch (JsonProcessingException e) {
      throw translate(e, null, value.getClass().getName());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
  }

  /** What {@link #toJson} writes, always through the mapper: the reference for tests of the direct path. */
  static String toJsonWithMapper(Object value) throws JsonProcessingException {
    return MAPPER.writeValueAsString(value);
  }

  /**
   * Whether the domain writer alone writes exactly what the mapper would: crm-api values, and lists of
   * them (the mapper writes a list's items through the module in order). Sets and maps at the root are
   * left to the mapper, which orders them its own way.
   */
  private static boolean writesAlone(Object value) {
    if (DomainTypes.handles(value.getClass())) {
      return true;
    }
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item == null || !DomainTypes.handles(item.getClass())) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * Reads a value of {@code type} from {@code json}.
   *
   * @param json the JSON text: exactly one JSON value, nothing after it but white space
   * @param type the class to read; for a generic class such as {@code Page}, use
   *     {@link #fromJson(String, TypeReference)}
   * @param <T> the type read
   * @return the value, never null
   * @throws NullPointerException if {@code json} or {@code type} is null
   * @throws ValidationException if the text is not valid JSON, or not a valid {@code type}: one violation
   *     per problem found, in document order, each with the JSON path and, after it, the line and column
   *     ({@code $.contactPoints[1].address (line 3, column 12)}), the offending value (printable, shortened,
   *     masked where it may be personal data) and a message that says what was expected. When a record
   *     constructor rejected a value, the violation's path is the JSON path followed by the constructor's own
   *     path ({@code $.tenantId: tenantId (line 1, column 14)}) and its message is the constructor's. A JSON
   *     {@code null} as the whole document is a violation too: these methods never return null.
   */
  public static <T> T fromJson(String json, Class<T> type) {
    requireNonNull(json, "json");
    requireNonNull(type, "type");
    return read(json, MAPPER.constructType(type));
  }

  /**
   * Reads a value of a generic type from {@code json}, such as
   * {@code fromJson(json, new TypeReference<Page<Party>>() {})}. Otherwise exactly like
   * {@link #fromJson(String, Class)}.
   *
   * @param json the JSON text: exactly one JSON value, nothing after it but white space
   * @param type the type to read, with its type arguments
   * @param <T> the type read
   * @return the value, never null
   * @throws NullPointerException if {@code json} or {@code type} is null
   * @throws ValidationException as {@link #fromJson(String, Class)} describes
   */
  public static <T> T fromJson(String json, TypeReference<T> type) {
    requireNonNull(json, "json");
    requireNonNull(type, "type");
    return read(json, MAPPER.constructType(type));
  }

  /**
   * The strict reader alone, without the fast path: what {@link #fromJson(String, Class)} returns or throws,
   * always. For tests that hold the fast path to it.
   */
  static <T> T fromJsonStrict(String json, Class<T> type) {
    requireNonNull(json, "json");
    requireNonNull(type, "type");
    return read(STRICT_MAPPER, json, STRICT_MAPPER.constructType(type));
  }

  /** As {@link #fromJsonStrict(String, Class)}, for a generic type. */
  static <T> T fromJsonStrict(String json, TypeReference<T> type) {
    requireNonNull(json, "json");
    requireNonNull(type, "type");
    return read(STRICT_MAPPER, json, STRICT_MAPPER.constructType(type));
  }

  /**
   * The fast path alone: the value, or empty where {@link #fromJson(String, Class)} would hand the document
   * to the strict reader. For tests.
   */
  static <T> Optional<T> fromJsonFast(String json, Class<T> type) {
    return Optional.ofNullable(readFast(json, MAPPER.constructType(type)));
  }

  /** As {@link #fromJsonFast(String, Class)}, for a generic type. */
  static <T> Optional<T> fromJsonFast(String json, TypeReference<T> type) {
    return Optional.ofNullable(readFast(json, MAPPER.constructType(type)));
  }

  /**
   * Reads a document: a crm-api value with the fast path, falling back to the strict reader when the fast
   * path gives up; any other type (a host application's own, a {@code List<Party>}) with the mapper, whose
   * module takes the fast path for the crm-api values inside.
   */
  private static <T> T read(String json, JavaType type) {
    if (!DomainTypes.handles(type.getRawClass())) {
      return read(MAPPER, json, type);
    }
    T value = readFast(json, type);
    return value != null ? value : read(STRICT_MAPPER, json, type);
  }

  /** The value read by the fast path, or null if the fast path gave up or does not read {@code type}. */
  @SuppressWarnings("unchecked")
  private static <T> T readFast(String json, JavaType type) {
    if (!DomainTypes.handles(type.getRawClass())) {
      return null;
    }
    return (T) FastReader.readDocument(MAPPER, json, type);
  }

  private static <T> T read(ObjectMapper mapper, String json, JavaType type) {
    T value;
    try {
      value = mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw translate(e, json, null);
    }
    if (value == null) {
      throw ValidationException.of(Paths.withLocation("$", firstToken(json)), "null",
          "expected " + DomainReader.expected(type) + ", got null");
    }
    return value;
  }

  /** Where the first non-white-space character of {@code json} is. */
  private static JsonLocation firstToken(String json) {
    int line = 1;
    int column = 1;
    int offset = 0;
    for (; offset < json.length() && Character.isWhitespace(json.charAt(offset)); offset++) {
      if (json.charAt(offset) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new JsonLocation(null, offset, line, column);
  }

  /**
   * Turns any Jackson exception into a {@link ValidationException}.
   *
   * @param json the input, to show the offending text of a syntax error; null when writing
   * @param written the class of the value being written; null when reading
   */
  static ValidationException translate(JsonProcessingException e, String json, String written) {
    List<Violation> violations = new ArrayList<>();
    if (e instanceof DomainJsonException domain) {
      List<Object> outer = domain.outerPath();
      for (Problem problem : domain.problems()) {
        violations.add(new Violation(problem.renderedPath(outer), problem.value(), problem.message()));
      }
      return new ValidationException(violations);
    }
    List<Object> path;
    if (e instanceof JsonMappingException mapping) {
      path = Paths.segments(mapping.getPath());
    } else if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
      path = Paths.segments(parser.getParsingContext().pathAsPointer());
    } else {
      path = List.of();
    }
    JsonLocation location = e.getLocation();
    if (e.getCause() instanceof ValidationException rejected) {
      for (Violation violation : rejected.violations()) {
        violations.add(new Violation(Paths.withLocation(Paths.render(path) + ": " + violation.path(), location),
            violation.value(), violation.message()));
      }
      return new ValidationException(violations);
    }
    String last = path.isEmpty() || !(path.get(path.size() - 1) instanceof String name) ? "" : name;
    String value;
    if (written != null) {
      value = ValidationException.printable(written);
    } else if (e.getProcessor() instanceof JsonParser parser && String.valueOf(e.getOriginalMessage())
        .startsWith("Duplicate field")) {
      // the parser's strict duplicate detection: the offending value is the repeated name
      value = ValidationException.printable(parser.getParsingContext().getCurrentName());
    } else {
      value = Masks.printable(last, snippet(json, location));
    }
    violations.add(new Violation(Paths.withLocation(Paths.render(path), location), value, message(e)));
    return new ValidationException(violations);
  }

  private static String message(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null || message.isBlank()) {
      return "is not valid JSON for the requested type";
    }
    return SOURCE_DESCRIPTION.matcher(message).replaceAll("[");
  }

  /** The input text at {@code location}, up to the end of its line or 40 characters. */
  private static String snippet(String json, JsonLocation location) {
    if (json == null || location == null || location.getCharOffset() < 0) {
      return "";
    }
    int start = (int) Math.min(location.getCharOffset(), json.length());
    int end = start;
    while (end < json.length() && end - start < 40 && json.charAt(end) != '\n' && json.charAt(end) != '\r') {
      end++;
    }
    return json.substring(start, end);
  }
}
