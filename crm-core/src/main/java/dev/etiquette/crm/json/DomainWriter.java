package dev.etiquette.crm.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes crm-api values. The output depends only on the value, never on the mapper's features: records
 * are objects with their components in declaration order (a sealed subtype's {@code type} first), empty
 * {@link Optional}s are left out, sets are written in a fixed order and map keys sorted, so equal values
 * give identical JSON.
 */
final class DomainWriter {

  private static final JsonFactory SORT_KEY_FACTORY = new JsonFactory();

  private final SerializerProvider provider;

  DomainWriter(SerializerProvider provider) {
    this.provider = provider;
  }

  /**
   * What {@link #write} does with a value of a class: the branch of the chain of {@code instanceof} tests that
   * {@link #kindOf} runs in the same order on the class, decided once per class instead of once per value.
   */
  private enum Kind {
    STRING, BOOLEAN, INTEGER, LONG, DOUBLE, BIG_INTEGER, BIG_DECIMAL, ENUM, INSTANT, LOCAL_DATE_OR_TIME, DURATION, ZONE_ID,
    LOCALE, OPTIONAL, SET, COLLECTION, MAP, STRING_VALUE, API_RECORD, OTHER
  }

  private static final ClassValue<Kind> KINDS = new ClassValue<>() {
    @Override
    protected Kind computeValue(Class<?> type) {
      return kindOf(type);
    }
  };

  /** The first of {@link #write}'s tests that a value of this class passes ({@code instanceof} depends on it alone). */
  static Kind kindOf(Class<?> type) {
    if (String.class.isAssignableFrom(type)) {
      return Kind.STRING;
    } else if (Boolean.class.isAssignableFrom(type)) {
      return Kind.BOOLEAN;
    } else if (Integer.class.isAssignableFrom(type)) {
      return Kind.INTEGER;
    } else if (Long.class.isAssignableFrom(type)) {
      return Kind.LONG;
    } else if (Double.class.isAssignableFrom(type)) {
      return Kind.DOUBLE;
    } else if (BigInteger.class.isAssignableFrom(type)) {
      return Kind.BIG_INTEGER;
    } else if (BigDecimal.class.isAssignableFrom(type)) {
      return Kind.BIG_DECIMAL;
    } else if (Enum.class.isAssignableFrom(type)) {
      return Kind.ENUM;
    } else if (Instant.class.isAssignableFrom(type)) {
      return Kind.INSTANT;
    } else if (LocalDate.class.isAssignableFrom(type) || LocalTime.class.isAssignableFrom(type)) {
      return Kind.LOCAL_DATE_OR_TIME;
    } else if (Duration.class.isAssignableFrom(type)) {
      return Kind.DURATION;
    } else if (ZoneId.class.isAssignableFrom(type)) {
      return Kind.ZONE_ID;
    } else if (Locale.class.isAssignableFrom(type)) {
      return Kind.LOCALE;
    } else if (Optional.class.isAssignableFrom(type)) {
      return Kind.OPTIONAL;
    } else if (Set.class.isAssignableFrom(type)) {
      return Kind.SET;
    } else if (Collection.class.isAssignableFrom(type)) {
      return Kind.COLLECTION;
    } else if (Map.class.isAssignableFrom(type)) {
      return Kind.MAP;
    } else if (DomainTypes.isStringValue(type)) {
      return Kind.STRING_VALUE;
    } else if (type.isRecord() && DomainTypes.isApi(type)) {
      return Kind.API_RECORD;
    }
    return Kind.OTHER;
  }

  void write(Object value, JsonGenerator gen) throws IOException {
    if (value == null) {
      gen.writeNull();
      return;
    }
    switch (KINDS.get(value.getClass())) {
      case STRING -> gen.writeString((String) value);
      case BOOLEAN -> gen.writeBoolean((Boolean) value);
      case INTEGER -> gen.writeNumber((Integer) value);
      case LONG -> gen.writeNumber((Long) value);
      // Double.toString: the shortest text that reads back as the same double ("87.5", "1.0E-5")
      case DOUBLE -> gen.writeNumber((Double) value);
      case BIG_INTEGER -> gen.writeNumber((BigInteger) value);
      // toString() is exact and, unlike WRITE_BIGDECIMAL_AS_PLAIN, stays short for 1E+999999
      case BIG_DECIMAL -> gen.writeNumber(value.toString());
      case ENUM -> gen.writeString(((Enum<?>) value).name());
      case INSTANT -> gen.writeString(IsoTimes.format((Instant) value));
      case LOCAL_DATE_OR_TIME -> gen.writeString(value.toString());
      case DURATION -> gen.writeString(IsoTimes.format((Duration) value));
      case ZONE_ID -> gen.writeString(((ZoneId) value).getId());
      case LOCALE -> gen.writeString(((Locale) value).toLanguageTag());
      case OPTIONAL -> write(((Optional<?>) value).orElse(null), gen);
      case SET -> writeArray(sorted((Set<?>) value), gen);
      case COLLECTION -> writeArray((Collection<?>) value, gen);
      case MAP -> writeMap((Map<?, ?>) value, gen);
      case STRING_VALUE -> gen.writeString(DomainTypes.shape(value.getClass()).stringValue(value));
      case API_RECORD -> writeRecord(value, gen);
      case OTHER -> {
        if (provider == null) {
          throw NeedsMapper.INSTANCE;
        }
        provider.defaultSerializeValue(value, gen);
      }
      default -> throw new IllegalStateException("unknown kind of " + value.getClass());
    }
  }

  /**
   * Writes {@code value} without a Jackson mapper: the same text the mapper writes through
   * {@link DomainSerializer}, without its per-call set-up. Returns null when the value holds something only
   * the mapper's own serializers can write (a host type), so the caller uses the mapper instead.
   */
  static String writeAlone(JsonFactory factory, Object value) throws IOException {
    BufferRecycler buffers = factory._getBufferRecycler(); // as ObjectMapper.writeValueAsString does
    try (SegmentedStringWriter out = new SegmentedStringWriter(buffers)) {
      try (JsonGenerator gen = factory.createGenerator(out)) {
        new DomainWriter(null).write(value, gen);
      } catch (NeedsMapper e) {
        return null;
      }
      return out.getAndClear();
    } finally {
      buffers.releaseToPool();
    }
  }

  /** Raised by a mapper-less write on a value only the mapper can write; carries no stack trace. */
  private static final class NeedsMapper extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final NeedsMapper INSTANCE = new NeedsMapper();

    private NeedsMapper() {
      super("needs the mapper", null, false, false);
    }
  }

  /** Writes a string-valued record (an id) as a map key. */
  static String keyOf(Object key) {
    if (key instanceof String text) {
      return text;
    }
    if (key instanceof Enum<?> constant) {
      return constant.name();
    }
    if (DomainTypes.isStringValue(key.getClass())) {
      return DomainTypes.shape(key.getClass()).stringValue(key);
    }
    return String.valueOf(key);
  }

  private void writeRecord(Object record, JsonGenerator gen) throws IOException {
    DomainTypes.Shape shape = DomainTypes.shape(record.getClass());
    gen.writeStartObject(record);
    if (shape.typeName().isPresent()) {
      gen.writeStringField(DomainTypes.TYPE_PROPERTY, shape.typeName().get());
    }
    for (int i = 0; i < shape.components().size(); i++) {
      Object component = shape.get(record, i);
      if (component instanceof Optional<?> optional && optional.isEmpty()) {
        continue;
      }
      String name = shape.components().get(i).getName();
      gen.writeFieldName(name);
      try {
        write(component, gen);
      } catch (JsonMappingException e) {
        e.prependPath(record, name);
        throw e;
      }
    }
    gen.writeEndObject();
  }

  private void writeArray(Collection<?> items, JsonGenerator gen) throws IOException {
    gen.writeStartArray(items, items.size());
    int index = 0;
    for (Object item : items) {
      try {
        write(item, gen);
      } catch (JsonMappingException e) {
        e.prependPath(items, index);
        throw e;
      }
      index++;
    }
    gen.writeEndArray();
  }

  private void writeMap(Map<?, ?> map, JsonGenerator gen) throws IOException {
    List<Map.Entry<String, Object>> entries = new ArrayList<>(map.size());
    map.forEach((key, value) -> entries.add(Map.entry(keyOf(key), value)));
    entries.sort(Map.Entry.comparingByKey());
    gen.writeStartObject(map);
    for (Map.Entry<String, Object> entry : entries) {
      gen.writeFieldName(entry.getKey());
      try {
        write(entry.getValue(), gen);
      } catch (JsonMappingException e) {
        e.prependPath(map, entry.getKey());
        throw e;
      }
    }
    gen.writeEndObject();
  }

  /**
   * The elements of a set in a fixed order: grouped by class name; within a class in natural order when
   * the class is {@link Comparable}, otherwise by their JSON.
   */
  private List<Object> sorted(Set<?> set) throws IOException {
    List<Object> items = new ArrayList<>(set);
    if (items.size() < 2) {
      return items;
    }
    List<String> keys = new ArrayList<>(items.size());
    for (Object item : items) {
      keys.add(item instanceof Comparable<?> ? "" : sortKey(item));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.<Integer, String>comparing(i -> items.get(i).getClass().getName())
        .thenComparing((a, b) -> compareSameClass(items.get(a), items.get(b), keys.get(a), keys.get(b))));
    List<Object> out = new ArrayList<>(items.size());
    for (int i : order) {
      out.add(items.get(i));
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareSameClass(Object a, Object b, String keyA, String keyB) {
    if (a instanceof Comparable comparable) {
      return comparable.compareTo(b);
    }
    return keyA.compareTo(keyB);
  }

  private String sortKey(Object item) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator gen = SORT_KEY_FACTORY.createGenerator(out)) {
      write(item, gen);
    }
    return out.toString();
  }
}
