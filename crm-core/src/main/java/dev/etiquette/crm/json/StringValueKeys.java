package dev.etiquette.crm.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.etiquette.crm.api.ValidationException;
import java.io.IOException;

/**
 * Map keys of the string-valued records ({@code Map<PartyId, ...>} in a host application's own types): the
 * key is the id's string.
 */
final class StringValueKeys {

  private StringValueKeys() {}

  static final class Serializer extends StdSerializer<Object> {
    private static final long serialVersionUID = 1L;
    static final Serializer INSTANCE = new Serializer();

    private Serializer() {
      super(Object.class);
    }

    @Override
    public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeFieldName(DomainWriter.keyOf(value));
    }
  }

  static final class Deserializer extends KeyDeserializer {
    private final Class<?> type;

    Deserializer(Class<?> type) {
      this.type = type;
    }

    @Override
    public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
      try {
        return DomainTypes.shape(type).construct(key);
      } catch (ValidationException e) {
        return ctxt.handleWeirdKey(type, key, "%s", e.violations().get(0).message());
      }
    }
  }
}
