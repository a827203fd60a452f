package dev.etiquette.crm.json;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.KeyDeserializers;
import com.fasterxml.jackson.databind.ser.Serializers;

/**
 * The module {@link CrmJson#module()} returns ({@link #INSTANCE}: crm-api values are read by the fast path
 * first, see {@link DomainDeserializer}), and the same module with the strict reader alone ({@link #STRICT}),
 * which {@link CrmJson} falls back to and tests compare with.
 */
final class CrmModule extends Module {

  static final CrmModule INSTANCE = new CrmModule(true);
  static final CrmModule STRICT = new CrmModule(false);

  private final boolean fast;

  private CrmModule(boolean fast) {
    this.fast = fast;
  }

  @Override
  public String getModuleName() {
    return "etiquette-crm";
  }

  /** Jackson registers a module once per type id: the strict variant must not pass for the module. */
  @Override
  public Object getTypeId() {
    return fast ? super.getTypeId() : super.getTypeId() + ":strict";
  }

  @Override
  public Version version() {
    return Version.unknownVersion();
  }

  @Override
  public void setupModule(SetupContext context) {
    context.addSerializers(new Serializers.Base() {
      @Override
      public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription beanDesc) {
        return DomainTypes.handles(type.getRawClass()) ? DomainSerializer.INSTANCE : null;
      }
    });
    context.addKeySerializers(new Serializers.Base() {
      @Override
      public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription beanDesc) {
        return DomainTypes.isStringValue(type.getRawClass()) ? StringValueKeys.Serializer.INSTANCE : null;
      }
    });
    context.addDeserializers(new Deserializers.Base() {
      @Override
      public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
          BeanDescription beanDesc) {
        return DomainTypes.handles(type.getRawClass()) ? new DomainDeserializer(type, fast) : null;
      }

      @Override
      public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config,
          BeanDescription beanDesc) {
        return DomainTypes.handles(type) ? new DomainDeserializer(config.constructType(type), fast) : null;
      }

      @Override
      public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
        return DomainTypes.handles(valueType);
      }
    });
    context.addKeyDeserializers(new KeyDeserializers() {
      @Override
      public KeyDeserializer findKeyDeserializer(JavaType type, DeserializationConfig config,
          BeanDescription beanDesc) {
        return DomainTypes.isStringValue(type.getRawClass()) ? new StringValueKeys.Deserializer(type.getRawClass())
            : null;
      }
    });
  }
}
