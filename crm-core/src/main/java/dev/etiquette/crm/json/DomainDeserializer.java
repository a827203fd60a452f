package dev.etiquette.crm.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads one crm-api value of a given type (generic types such as {@code Page<Party>} included): the value is
 * read as a {@link JsonTree} first, then bound by a {@link DomainReader}.
 */
final class DomainDeserializer extends StdDeserializer<Object> {

  private static final long serialVersionUID = 1L;

  private final JavaType type;

  DomainDeserializer(JavaType type) {
    super(type);
    this.type = type;
  }

  @Override
  public Object deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
    JsonTree.Node root = JsonTree.read(parser, ctxt);
    return new DomainReader(ctxt, parser).readRoot(root, type);
  }

  @Override
  public boolean isCachable() {
    return true;
  }
}
