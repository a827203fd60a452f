package dev.etiquette.crm.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/** Writes any crm-api record, sealed-interface value or enum; see {@link DomainWriter}. */
final class DomainSerializer extends StdSerializer<Object> {

  private static final long serialVersionUID = 1L;

  static final DomainSerializer INSTANCE = new DomainSerializer();

  private DomainSerializer() {
    super(Object.class);
  }

  @Override
  public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
    new DomainWriter(provider).write(value, gen);
  }
}
