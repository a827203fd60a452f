package dev.etiquette.crm.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.json.JsonTree.ArrayNode;
import dev.etiquette.crm.json.JsonTree.Member;
import dev.etiquette.crm.json.JsonTree.Node;
import dev.etiquette.crm.json.JsonTree.ObjectNode;
import dev.etiquette.crm.json.JsonTree.ScalarNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * Binds a {@link JsonTree} to crm-api values, strictly: no coercion between JSON types, no unknown or
 * duplicate property, every component that is not an {@link Optional} present and not null. It goes on
 * after a problem to find the others, and reports them all at once (at most {@value #MAX_PROBLEMS}).
 *
 * <p>One instance reads one value; it is not thread-safe.
 */
final class DomainReader {

  static final int MAX_PROBLEMS = 100;

  /**
   * The resolved types of each record type's components (with its type parameters bound, as in
   * {@code Page<Party>}): resolving them is most of the cost of a read, and they never change.
   */
  private static final ConcurrentMap<JavaType, JavaType[]> COMPONENT_TYPES = new ConcurrentHashMap<>();

  /** Thrown to abandon a value that has problems; the problems are already recorded. */
  private static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Invalid INSTANCE = new Invalid();

    private Invalid() {
      super(null, null, false, false);
    }
  }

  private final DeserializationContext ctxt;
  private final JsonParser parser;
  private final TypeFactory types;
  private final List<Problem> problems = new ArrayList<>();
  private final Deque<Object> path = new ArrayDeque<>();

  DomainReader(DeserializationContext ctxt, JsonParser parser) {
    this.ctxt = ctxt;
    this.parser = parser;
    this.types = ctxt.getTypeFactory();
  }

  /**
   * Reads one value of {@code type}.
   *
   * @throws DomainJsonException listing every problem found
   */
  Object readRoot(Node node, JavaType type) throws DomainJsonException {
    Object value = null;
    try {
      value = read(node, type);
    } catch (Invalid e) {
      // recorded
    }
    if (!problems.isEmpty()) {
      List<Problem> sorted = new ArrayList<>(problems);
      sorted.sort(Comparator.comparingLong(p -> offset(p.location())));
      throw new DomainJsonException(parser, sorted);
    }
    return value;
  }

  private static long offset(JsonLocation location) {
    if (location.getCharOffset() >= 0) {
      return location.getCharOffset();
    }
    if (location.getByteOffset() >= 0) {
      return location.getByteOffset();
    }
    return location.getLineNr() < 1 ? Long.MAX_VALUE : ((long) location.getLineNr() << 32) + location.getColumnNr();
  }

  // ---------------------------------------------------------------------------------------------- values

  private Object read(Node node, JavaType type) {
    Class<?> raw = type.getRawClass();
    if (raw == Optional.class) {
      JavaType content = type.isReferenceType() ? type.getReferencedType() : type.containedTypeOrUnknown(0);
      return isNull(node) ? Optional.empty() : Optional.of(read(node, content));
    }
    if (isNull(node)) {
      return fail(node, "null", "must not be null: expected " + expected(type));
    }
    if (raw == String.class) {
      return string(node, type);
    }
    if (raw == boolean.class || raw == Boolean.class) {
      if (node instanceof ScalarNode scalar
          && (scalar.token() == JsonToken.VALUE_TRUE || scalar.token() == JsonToken.VALUE_FALSE)) {
        return scalar.token() == JsonToken.VALUE_TRUE;
      }
      return mismatch(node, type);
    }
    if (raw == long.class || raw == Long.class) {
      return integer(node, type, Long.MIN_VALUE, Long.MAX_VALUE).longValue();
    }
    if (raw == int.class || raw == Integer.class) {
      return integer(node, type, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
    }
    if (raw == double.class || raw == Double.class) {
      if (node instanceof ScalarNode scalar && scalar.token().isNumeric()) {
        double value;
        try {
          value = Double.parseDouble(scalar.text());
        } catch (NumberFormatException e) {
          return fail(node, shown(scalar.text()), "is not a number: expected " + expected(type));
        }
        if (!Double.isFinite(value)) {
          return fail(node, shown(scalar.text()), "is out of range: expected " + expected(type));
        }
        return value;
      }
      return mismatch(node, type);
    }
    if (raw == BigDecimal.class) {
      if (node instanceof ScalarNode scalar && scalar.token().isNumeric()) {
        try {
          return new BigDecimal(scalar.text());
        } catch (NumberFormatException e) {
          return fail(node, shown(scalar.text()), "is not a decimal number: expected " + expected(type));
        }
      }
      return mismatch(node, type);
    }
    if (raw == Instant.class) {
      String text = string(node, type);
      try {
        return Instant.parse(text);
      } catch (DateTimeException e) {
        return fail(node, shown(text), "is not an ISO-8601 instant: expected " + expected(type));
      }
    }
    if (raw == LocalDate.class) {
      String text = string(node, type);
      try {
        return LocalDate.parse(text);
      } catch (DateTimeException e) {
        return fail(node, shown(text), "is not an ISO-8601 date: expected " + expected(type));
      }
    }
    if (raw == LocalTime.class) {
      String text = string(node, type);
      try {
        return LocalTime.parse(text);
      } catch (DateTimeException e) {
        return fail(node, shown(text), "is not an ISO-8601 local time: expected " + expected(type));
      }
    }
    if (raw == Duration.class) {
      String text = string(node, type);
      try {
        return IsoTimes.duration(text);
      } catch (DateTimeException e) {
        return fail(node, shown(text), "is not an ISO-8601 duration: expected " + expected(type));
      }
    }
    if (ZoneId.class.isAssignableFrom(raw)) {
      String text = string(node, type);
      try {
        return ZoneId.of(text);
      } catch (DateTimeException e) {
        return fail(node, shown(text), "is not a known time zone: expected " + expected(type));
      }
    }
    if (raw == Locale.class) {
      String text = string(node, type);
      try {
        return new Locale.Builder().setLanguageTag(text).build();
      } catch (IllformedLocaleException e) {
        return fail(node, shown(text), "is not a well-formed language tag: expected " + expected(type));
      }
    }
    if (raw.isEnum()) {
      return enumConstant(node, type);
    }
    if (Map.class.isAssignableFrom(raw)) {
      return map(node, type);
    }
    if (Collection.class.isAssignableFrom(raw)) {
      return collection(node, type);
    }
    if (DomainTypes.isStringValue(raw)) {
      String text = string(node, type);
      return construct(node, DomainTypes.shape(raw), text);
    }
    if (DomainTypes.isSealedInterface(raw)) {
      return sealed(node, type);
    }
    if (raw.isRecord() && DomainTypes.isApi(raw)) {
      return record(node, type, raw, false);
    }
    return delegate(node, type);
  }

  private String string(Node node, JavaType type) {
    if (node instanceof ScalarNode scalar && scalar.token() == JsonToken.VALUE_STRING) {
      return scalar.text();
    }
    return mismatch(node, type);
  }

  private BigInteger integer(Node node, JavaType type, long min, long max) {
    if (!(node instanceof ScalarNode scalar) || scalar.token() != JsonToken.VALUE_NUMBER_INT) {
      return mismatch(node, type);
    }
    BigInteger value;
    try {
      value = new BigInteger(scalar.text());
    } catch (NumberFormatException e) {
      return fail(node, shown(scalar.text()), "is not an integer: expected " + expected(type));
    }
    if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
      return fail(node, shown(scalar.text()), "is out of range: expected " + expected(type));
    }
    return value;
  }

  private Object enumConstant(Node node, JavaType type) {
    String text = string(node, type);
    for (Object constant : type.getRawClass().getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(text)) {
        return constant;
      }
    }
    return fail(node, shown(text), "is not a known constant: expected " + expected(type));
  }

  private Object collection(Node node, JavaType type) {
    if (!(node instanceof ArrayNode array)) {
      return mismatch(node, type);
    }
    JavaType content = type.getContentType() != null ? type.getContentType() : type.containedTypeOrUnknown(0);
    boolean set = Set.class.isAssignableFrom(type.getRawClass());
    Collection<Object> out = set ? new LinkedHashSet<>() : new ArrayList<>();
    boolean failed = false;
    for (int i = 0; i < array.items().size(); i++) {
      Node item = array.items().get(i);
      path.addLast(i);
      try {
        Object value = read(item, content);
        if (!out.add(value)) {
          fail(item, shown(item), "is repeated: a set holds each value once");
        }
      } catch (Invalid e) {
        failed = true;
      } finally {
        path.removeLast();
      }
    }
    if (failed) {
      throw Invalid.INSTANCE;
    }
    return out;
  }

  private Object map(Node node, JavaType type) {
    if (!(node instanceof ObjectNode object)) {
      return mismatch(node, type);
    }
    JavaType keyType = type.getKeyType() != null ? type.getKeyType() : type.containedTypeOrUnknown(0);
    JavaType content = type.getContentType() != null ? type.getContentType() : type.containedTypeOrUnknown(1);
    Map<Object, Object> out = new LinkedHashMap<>();
    boolean failed = reportDuplicates(object);
    for (Member member : object.members().values()) {
      path.addLast(member.name());
      try {
        Object key = key(member, keyType);
        Object value = read(member.value(), content);
        if (out.put(key, value) != null) {
          fail(member.location(), shown(member.name()), "is the same key as another property");
        }
      } catch (Invalid e) {
        failed = true;
      } finally {
        path.removeLast();
      }
    }
    if (failed) {
      throw Invalid.INSTANCE;
    }
    return out;
  }

  private Object key(Member member, JavaType keyType) {
    Class<?> raw = keyType.getRawClass();
    String name = member.name();
    if (raw == String.class || raw == Object.class) {
      return name;
    }
    if (raw.isEnum()) {
      for (Object constant : raw.getEnumConstants()) {
        if (((Enum<?>) constant).name().equals(name)) {
          return constant;
        }
      }
      return fail(member.location(), shown(name), "is not a known key: expected " + expected(keyType));
    }
    if (DomainTypes.isStringValue(raw)) {
      return construct(member.location(), DomainTypes.shape(raw), name);
    }
    if (raw == LocalDate.class) {
      try {
        return LocalDate.parse(name);
      } catch (DateTimeException e) {
        return fail(member.location(), shown(name), "is not an ISO-8601 date: expected a key of "
            + expected(keyType));
      }
    }
    return fail(member.location(), shown(name),
        "cannot be read as a key of type " + keyType.getRawClass().getSimpleName());
  }

  private Object sealed(Node node, JavaType type) {
    DomainTypes.Sealed sealed = DomainTypes.sealed(type.getRawClass());
    if (!(node instanceof ObjectNode object)) {
      return mismatch(node, type);
    }
    Member typeMember = object.members().get(DomainTypes.TYPE_PROPERTY);
    if (typeMember == null) {
      path.addLast(DomainTypes.TYPE_PROPERTY);
      try {
        return fail(node, "(missing)", "is required: expected one of " + sealed.names());
      } finally {
        path.removeLast();
      }
    }
    Class<?> subtype = subtype(sealed, typeMember);
    return record(node, types.constructType(subtype), subtype, true);
  }

  private Class<?> subtype(DomainTypes.Sealed sealed, Member typeMember) {
    path.addLast(DomainTypes.TYPE_PROPERTY);
    try {
      Node value = typeMember.value();
      if (!(value instanceof ScalarNode scalar) || scalar.token() != JsonToken.VALUE_STRING) {
        return fail(value, shown(value), "expected a string, one of " + sealed.names());
      }
      Class<?> subtype = sealed.subtypes().get(scalar.text());
      if (subtype == null) {
        return fail(value, shown(scalar.text()), "is not a known type: expected one of " + sealed.names());
      }
      return subtype;
    } finally {
      path.removeLast();
    }
  }

  /**
   * Reads a record from an object. {@code typeChecked} tells that the {@code type} property was already
   * read by {@link #sealed}; a sealed subtype read as itself accepts a {@code type} property of its own
   * name.
   */
  private Object record(Node node, JavaType type, Class<?> raw, boolean typeChecked) {
    if (!(node instanceof ObjectNode object)) {
      return mismatch(node, type);
    }
    DomainTypes.Shape shape = DomainTypes.shape(raw);
    boolean failed = reportDuplicates(object);
    for (Member member : object.members().values()) {
      if (shape.index().containsKey(member.name())) {
        continue;
      }
      if (member.name().equals(DomainTypes.TYPE_PROPERTY) && shape.typeName().isPresent()) {
        if (!typeChecked) {
          failed |= !checkOwnType(member, shape.typeName().get());
        }
        continue;
      }
      path.addLast(member.name());
      try {
        fail(member.location(), ValidationException.printable(member.name()),
            "is not a property of " + shape.simpleName() + ": expected one of " + shape.propertyNames());
      } catch (Invalid e) {
        failed = true;
      } finally {
        path.removeLast();
      }
    }
    Object[] arguments = new Object[shape.components().size()];
    JavaType[] componentTypes = componentTypes(type, shape, types);
    for (int i = 0; i < arguments.length; i++) {
      RecordComponent component = shape.components().get(i);
      JavaType componentType = componentTypes[i];
      Member member = object.members().get(component.getName());
      path.addLast(component.getName());
      try {
        if (member == null) {
          if (componentType.getRawClass() == Optional.class) {
            arguments[i] = Optional.empty();
          } else {
            fail(node, "(missing)", "is required: expected " + expected(componentType));
          }
        } else {
          arguments[i] = read(member.value(), componentType);
        }
      } catch (Invalid e) {
        failed = true;
      } finally {
        path.removeLast();
      }
    }
    if (failed) {
      throw Invalid.INSTANCE;
    }
    return construct(node, shape, arguments);
  }

  /**
   * The resolved types of a record type's components, cached. {@link FastReader} uses the same ones, so
   * that both readers read each component as the same type.
   */
  static JavaType[] componentTypes(JavaType type, DomainTypes.Shape shape, TypeFactory types) {
    return COMPONENT_TYPES.computeIfAbsent(type, t -> shape.components().stream()
        .map(c -> types.resolveMemberType(c.getGenericType(), t.getBindings())).toArray(JavaType[]::new));
  }

  private boolean checkOwnType(Member member, String typeName) {
    path.addLast(DomainTypes.TYPE_PROPERTY);
    try {
      Node value = member.value();
      if (value instanceof ScalarNode scalar && scalar.token() == JsonToken.VALUE_STRING
          && scalar.text().equals(typeName)) {
        return true;
      }
      fail(value, shown(value), "expected \"" + typeName + "\"");
      return false;
    } catch (Invalid e) {
      return false;
    } finally {
      path.removeLast();
    }
  }

  private boolean reportDuplicates(ObjectNode object) {
    for (Member duplicate : object.duplicates()) {
      path.addLast(duplicate.name());
      try {
        fail(duplicate.location(), ValidationException.printable(duplicate.name()),
            "is repeated: each property may appear once");
      } catch (Invalid e) {
        // recorded
      } finally {
        path.removeLast();
      }
    }
    return !object.duplicates().isEmpty();
  }

  private Object construct(Node node, DomainTypes.Shape shape, Object... arguments) {
    return construct(node.location(), node, shape, arguments);
  }

  private Object construct(JsonLocation location, DomainTypes.Shape shape, Object... arguments) {
    return construct(location, null, shape, arguments);
  }

  /**
   * Calls a record's constructor; what it rejects becomes a problem at the current path. A violation whose path
   * names a value inside {@code node} ({@code obligations[2].targets[0].within}) is reported at that value: its
   * JSON path and its line and column. Any other keeps its own path after the JSON path
   * ({@code $.tenantId: tenantId}) and the location of the record.
   */
  private Object construct(JsonLocation location, Node node, DomainTypes.Shape shape, Object... arguments) {
    try {
      return shape.construct(arguments);
    } catch (ValidationException e) {
      for (Violation violation : e.violations()) {
        List<Object> below = node == null ? null : Paths.parseProperty(violation.path());
        Node at = below == null ? null : find(node, below);
        if (at != null) {
          List<Object> full = new ArrayList<>(path);
          full.addAll(below);
          add(new Problem(full, Optional.empty(), at.location(), violation.value(), violation.message()));
        } else {
          add(new Problem(new ArrayList<>(path), Optional.of(violation.path()), location, violation.value(),
              violation.message()));
        }
      }
      throw Invalid.INSTANCE;
    } catch (NullPointerException e) {
      return fail(location, "null", shape.simpleName() + " rejected a null"
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    } catch (RuntimeException e) {
      String shownValue = arguments.length == 1 && arguments[0] instanceof String text ? shown(text)
          : "(" + shape.simpleName() + ")";
      return fail(location, shownValue, shape.simpleName() + " rejected the value: " + e.getMessage());
    }
  }

  /** Hands a part of the document that is not a crm-api type to Jackson (an item of {@code Page<T>}). */
  private Object delegate(Node node, JavaType type) {
    try {
      TokenBuffer buffer = ctxt.bufferForInputBuffering(parser);
      JsonTree.write(node, buffer);
      try (JsonParser buffered = buffer.asParser(parser)) {
        buffered.nextToken();
        return ctxt.readValue(buffered, type);
      }
    } catch (DomainJsonException e) {
      // a crm-api value inside a host type inside a crm-api value: the buffer had no locations, the tree has
      List<Object> outer = e.outerPath();
      for (Problem problem : e.problems()) {
        List<Object> relative = new ArrayList<>(outer);
        relative.addAll(problem.path());
        List<Object> full = new ArrayList<>(path);
        full.addAll(relative);
        add(new Problem(full, problem.domainPath(), locate(node, relative).location(), problem.value(),
            problem.message()));
      }
      throw Invalid.INSTANCE;
    } catch (JsonMappingException e) {
      List<Object> relative = Paths.segments(e.getPath());
      List<Object> full = new ArrayList<>(path);
      full.addAll(relative);
      Node at = locate(node, relative);
      String name = relative.isEmpty() || !(relative.get(relative.size() - 1) instanceof String last) ? lastName()
          : last;
      String shownValue = at instanceof ScalarNode scalar ? Masks.printable(name, scalar.text()) : describe(at);
      add(new Problem(full, Optional.empty(), at.location(), shownValue, e.getOriginalMessage()));
      throw Invalid.INSTANCE;
    } catch (IOException e) {
      return fail(node, shown(node), "cannot be read: " + e.getMessage());
    }
  }

  /** The node at {@code segments} below {@code node}, or null if there is none there. */
  private static Node find(Node node, List<Object> segments) {
    Node at = node;
    for (Object segment : segments) {
      if (at instanceof ObjectNode object && segment instanceof String name && object.members().containsKey(name)) {
        at = object.members().get(name).value();
      } else if (at instanceof ArrayNode array && segment instanceof Integer index && index >= 0
          && index < array.items().size()) {
        at = array.items().get(index);
      } else {
        return null;
      }
    }
    return at;
  }

  /** The node at {@code segments} below {@code node}, or the deepest one that exists. */
  private static Node locate(Node node, List<Object> segments) {
    Node at = node;
    for (Object segment : segments) {
      Node next = null;
      if (at instanceof ObjectNode object && segment instanceof String name && object.members().containsKey(name)) {
        next = object.members().get(name).value();
      } else if (at instanceof ArrayNode array && segment instanceof Integer index && index >= 0
          && index < array.items().size()) {
        next = array.items().get(index);
      }
      if (next == null) {
        return at;
      }
      at = next;
    }
    return at;
  }

  // ---------------------------------------------------------------------------------------------- problems

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && scalar.isNull();
  }

  private <T> T mismatch(Node node, JavaType type) {
    return fail(node, shown(node), "expected " + expected(type) + ", got " + node.describe());
  }

  /** A scalar's text, printable and masked if the property holds personal data; a sketch of a container. */
  private String shown(Node node) {
    return node instanceof ScalarNode scalar ? shown(scalar.text()) : describe(node);
  }

  private String shown(String text) {
    return Masks.printable(lastName(), text);
  }

  private <T> T fail(Node node, String shownValue, String message) {
    return fail(node.location(), shownValue, message);
  }

  /**
   * Records a problem at the current path and abandons the value.
   *
   * @param shownValue the offending value as it may appear in a message: see {@link #shown(Node)}
   */
  private <T> T fail(JsonLocation location, String shownValue, String message) {
    add(new Problem(new ArrayList<>(path), Optional.empty(), location, shownValue, message));
    throw Invalid.INSTANCE;
  }

  private void add(Problem problem) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(problem);
    }
  }

  private String lastName() {
    for (var it = path.descendingIterator(); it.hasNext(); ) {
      Object segment = it.next();
      if (segment instanceof String name) {
        return name;
      }
    }
    return "";
  }

  /** The offending value as text: a scalar's text, or a short sketch of an object or array. */
  private static String describe(Node node) {
    if (node instanceof ScalarNode scalar) {
      return scalar.text();
    }
    if (node instanceof ObjectNode object) {
      return object.members().isEmpty() ? "{}" : "{" + String.join(", ", object.members().keySet()) + "}";
    }
    return "[" + ((ArrayNode) node).items().size() + " items]";
  }

  /** What a value of {@code type} looks like in JSON, for the message. */
  static String expected(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (raw == String.class) {
      return "a string";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return "true or false";
    }
    if (raw == long.class || raw == Long.class) {
      return "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
    }
    if (raw == int.class || raw == Integer.class) {
      return "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
    }
    if (raw == double.class || raw == Double.class) {
      return "a number of at most about 1.8E308 in magnitude (a finite double)";
    }
    if (raw == BigDecimal.class) {
      return "a number";
    }
    if (raw == Instant.class) {
      return "an ISO-8601 instant string such as \"2024-01-31T09:30:00Z\"";
    }
    if (raw == LocalDate.class) {
      return "an ISO-8601 date string such as \"2024-01-31\"";
    }
    if (raw == LocalTime.class) {
      return "a local time string such as \"21:00\" or \"08:30:15\"";
    }
    if (raw == Duration.class) {
      return "an ISO-8601 duration string such as \"PT4H\", \"PT1H30M\" or \"P3D\"";
    }
    if (ZoneId.class.isAssignableFrom(raw)) {
      return "a time-zone id string such as \"Europe/Berlin\" or \"UTC\"";
    }
    if (raw == Locale.class) {
      return "a BCP 47 language tag string such as \"en-GB\"";
    }
    if (raw.isEnum()) {
      return "one of " + Arrays.stream(raw.getEnumConstants()).map(c -> ((Enum<?>) c).name())
          .collect(Collectors.joining(", "));
    }
    if (raw == Optional.class) {
      JavaType content = type.isReferenceType() ? type.getReferencedType() : type.containedTypeOrUnknown(0);
      return expected(content) + " or null";
    }
    if (Map.class.isAssignableFrom(raw)) {
      return "an object";
    }
    if (Set.class.isAssignableFrom(raw)) {
      return "an array without repeated items";
    }
    if (Collection.class.isAssignableFrom(raw)) {
      return "an array";
    }
    if (DomainTypes.isStringValue(raw)) {
      return "a string (" + DomainTypes.describeStringValue(raw) + ")";
    }
    if (DomainTypes.isSealedInterface(raw)) {
      return "an object (" + raw.getSimpleName() + ") with \"type\" one of " + DomainTypes.sealed(raw).names();
    }
    if (raw.isRecord() && DomainTypes.isApi(raw)) {
      return "an object (" + raw.getSimpleName() + ")";
    }
    return "a value of type " + raw.getSimpleName();
  }
}
