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

  void write(Object value, JsonGenerator gen) throws IOException {
    if (value == null) {
      gen.writeNull();
    } else if (value instanceof String text) {
      gen.writeString(text);
    } else if (value instanceof Boolean bool) {
      gen.writeBoolean(bool);
    } else if (value instanceof Integer number) {
      gen.writeNumber(number);
    } else if (value instanceof Long number) {
      gen.writeNumber(number);
    } else if (value instanceof BigInteger number) {
      gen.writeNumber(number);
    } else if (value instanceof BigDecimal number) {
      // toString() is exact and, unlike WRITE_BIGDECIMAL_AS_PLAIN, stays short for 1E+999999
      gen.writeNumber(number.toString());
    } else if (value instanceof Enum<?> constant) {
      gen.writeString(constant.name());
    } else if (value instanceof Instant instant) {
      gen.writeString(IsoTimes.format(instant));
    } else if (value instanceof LocalDate || value instanceof LocalTime) {
      gen.writeString(value.toString());
    } else if (value instanceof Duration duration) {
      gen.writeString(IsoTimes.format(duration));
    } else if (value instanceof ZoneId zone) {
      gen.writeString(zone.getId());
    } else if (value instanceof Locale locale) {
      gen.writeString(locale.toLanguageTag());
    } else if (value instanceof Optional<?> optional) {
      write(optional.orElse(null), gen);
    } else if (value instanceof Set<?> set) {
      writeArray(sorted(set), gen);
    } else if (value instanceof Collection<?> list) {
      writeArray(list, gen);
    } else if (value instanceof Map<?, ?> map) {
      writeMap(map, gen);
    } else if (DomainTypes.isStringValue(value.getClass())) {
      gen.writeString(DomainTypes.shape(value.getClass()).stringValue(value));
    } else if (value.getClass().isRecord() && DomainTypes.isApi(value.getClass())) {
      writeRecord(value, gen);
    } else if (provider == null) {
      throw NeedsMapper.INSTANCE;
    } else {
      provider.defaultSerializeValue(value, gen);
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
