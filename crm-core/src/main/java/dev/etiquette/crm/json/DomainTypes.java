package dev.etiquette.crm.json;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.ContactId;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.ConsentId;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PhoneNumber;
import dev.etiquette.crm.api.party.PostalAddress;
import dev.etiquette.crm.api.party.RelationshipId;
import dev.etiquette.crm.api.party.RelationshipType;
import dev.etiquette.crm.api.party.SocialHandle;
import dev.etiquette.crm.api.party.Website;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which classes the module handles, and how each is shaped in JSON. The wire names live here, in one
 * place; {@code CrmJsonTest} pins them so that renaming a Java class cannot silently change the format.
 */
final class DomainTypes {

  /** The property that names the subtype of a sealed interface. */
  static final String TYPE_PROPERTY = "type";

  /**
   * The value packages: crm-api's, and crm-core's replay package, whose scenarios and outcomes follow the same
   * conventions (a scenario file is read with the same strictness and error reporting as a rule file).
   */
  private static final Set<String> PACKAGES = Set.of("dev.etiquette.crm.api", "dev.etiquette.crm.api.party",
      "dev.etiquette.crm.api.interaction", "dev.etiquette.crm.api.calendar", "dev.etiquette.crm.api.rules",
      "dev.etiquette.crm.api.obligation", "dev.etiquette.crm.api.notification", "dev.etiquette.crm.api.contact",
      "dev.etiquette.crm.api.measure", "dev.etiquette.crm.replay");

  /** Records of one {@code String} component that are written as a plain JSON string. */
  private static final Map<Class<?>, String> STRING_VALUES = Map.ofEntries(
      Map.entry(TenantId.class, "a tenant id"),
      Map.entry(Actor.class, "an actor id"),
      Map.entry(PartyId.class, "a party id"),
      Map.entry(RelationshipId.class, "a relationship id"),
      Map.entry(ConsentId.class, "a consent id"),
      Map.entry(LifecycleStage.class, "a lifecycle stage name"),
      Map.entry(RelationshipType.class, "a relationship type name"),
      Map.entry(InteractionId.class, "an interaction id"),
      Map.entry(ConversationId.class, "a conversation id"),
      Map.entry(ObligationId.class, "an obligation id"),
      Map.entry(ContactId.class, "a contact id"));

  /**
   * Type names that do not follow the default rule (the simple name in lower snake case). Contact points
   * and attribute values are named like the enum constant they report ({@link ContactPoint#kind()},
   * {@link AttributeValue#type()}), lower-cased.
   */
  private static final Map<Class<?>, String> NAME_OVERRIDES = Map.ofEntries(
      Map.entry(EmailAddress.class, "email"),
      Map.entry(PhoneNumber.class, "phone"),
      Map.entry(PostalAddress.class, "postal"),
      Map.entry(Website.class, "website"),
      Map.entry(SocialHandle.class, "social"),
      Map.entry(AttributeValue.StringValue.class, "string"),
      Map.entry(AttributeValue.NumberValue.class, "number"),
      Map.entry(AttributeValue.BooleanValue.class, "boolean"),
      Map.entry(AttributeValue.DateValue.class, "date"),
      Map.entry(AttributeValue.EnumValue.class, "enum"));

  private static final ClassValue<Sealed> SEALED = new ClassValue<>() {
    @Override
    protected Sealed computeValue(Class<?> type) {
      return Sealed.of(type);
    }
  };

  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      return Shape.of(type);
    }
  };

  private DomainTypes() {}

  /** Whether the class belongs to crm-api's value packages. */
  static boolean isApi(Class<?> type) {
    return PACKAGES.contains(type.getPackageName());
  }

  /** Whether the module reads and writes this class itself. */
  static boolean handles(Class<?> type) {
    return isApi(type) && (type.isRecord() || type.isEnum() || isSealedInterface(type));
  }

  static boolean isStringValue(Class<?> type) {
    return STRING_VALUES.containsKey(type);
  }

  /** A few words for an error message: what a string value of this class is. */
  static String describeStringValue(Class<?> type) {
    return STRING_VALUES.get(type);
  }

  static boolean isSealedInterface(Class<?> type) {
    return type.isInterface() && type.isSealed() && isApi(type);
  }

  /** The sealed interface and its subtypes by wire name. */
  static Sealed sealed(Class<?> sealedInterface) {
    return SEALED.get(sealedInterface);
  }

  /** The shape of a record: components, canonical constructor, wire type name if it is a sealed subtype. */
  static Shape shape(Class<?> record) {
    return SHAPES.get(record);
  }

  /** {@code AddExternalId} becomes {@code add_external_id}. */
  static String snakeCase(String simpleName) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < simpleName.length(); i++) {
      char c = simpleName.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        out.append('_');
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }

  /** The wire name of a permitted subclass of a sealed interface. */
  static String typeName(Class<?> subtype) {
    String override = NAME_OVERRIDES.get(subtype);
    return override != null ? override : snakeCase(subtype.getSimpleName());
  }

  /** A sealed interface of crm-api, with its permitted records by wire name. */
  record Sealed(Class<?> type, Map<String, Class<?>> subtypes) {

    static Sealed of(Class<?> type) {
      Map<String, Class<?>> byName = new LinkedHashMap<>();
      for (Class<?> subtype : type.getPermittedSubclasses()) {
        if (!subtype.isRecord()) {
          throw new IllegalStateException(subtype + " is not a record; the JSON module handles records only");
        }
        String name = typeName(subtype);
        if (byName.put(name, subtype) != null) {
          throw new IllegalStateException("two subtypes of " + type + " have the JSON type name " + name);
        }
        for (RecordComponent component : subtype.getRecordComponents()) {
          if (component.getName().equals(TYPE_PROPERTY)) {
            throw new IllegalStateException(subtype + " has a component named " + TYPE_PROPERTY
                + ", which the JSON type property would hide");
          }
        }
      }
      return new Sealed(type, Collections.unmodifiableMap(byName));
    }

    /** The wire names, for an error message. */
    String names() {
      return String.join(", ", subtypes.keySet());
    }
  }

  /** A record class: its components, the accessors and the canonical constructor. */
  record Shape(
      Class<?> type,
      List<RecordComponent> components,
      Map<String, Integer> index,
      Constructor<?> constructor,
      Optional<String> typeName,
      List<MethodHandle> accessors) {

    static Shape of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      Class<?>[] parameterTypes = new Class<?>[components.length];
      Map<String, Integer> index = new LinkedHashMap<>();
      for (int i = 0; i < components.length; i++) {
        parameterTypes[i] = components[i].getType();
        index.put(components[i].getName(), i);
      }
      Constructor<?> constructor;
      try {
        constructor = type.getDeclaredConstructor(parameterTypes);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("record " + type + " has no canonical constructor", e);
      }
      Optional<String> typeName = Optional.empty();
      for (Class<?> parent : type.getInterfaces()) {
        if (isSealedInterface(parent)) {
          typeName = Optional.of(DomainTypes.typeName(type));
        }
      }
      List<MethodHandle> accessors = new ArrayList<>(components.length);
      for (RecordComponent component : components) {
        try { // once per class: RecordComponent.getAccessor() copies the Method on every call
          accessors.add(MethodHandles.publicLookup().unreflect(component.getAccessor())
              .asType(MethodType.methodType(Object.class, Object.class)));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read " + component, e);
        }
      }
      return new Shape(type, List.of(components), Collections.unmodifiableMap(index), constructor, typeName,
          List.copyOf(accessors));
    }

    /** Names of the properties an object of this record may have, for an error message. */
    String propertyNames() {
      String names = String.join(", ", index.keySet());
      return typeName.isPresent() ? TYPE_PROPERTY + ", " + names : names;
    }

    Object get(Object record, int component) {
      try {
        return accessors.get(component).invokeExact(record);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException("cannot read " + components.get(component), e);
      }
    }

    /** The single string of a string-valued record. */
    String stringValue(Object record) {
      return (String) get(record, 0);
    }

    /**
     * Calls the canonical constructor.
     *
     * @throws RuntimeException what the constructor threw, unwrapped
     */
    Object construct(Object... arguments) {
      try {
        return constructor.newInstance(arguments);
      } catch (InstantiationException | IllegalAccessException e) {
        throw new IllegalStateException("cannot call " + constructor, e);
      } catch (InvocationTargetException e) {
        throw rethrow(e.getCause());
      }
    }

    String simpleName() {
      return type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
    }
  }

  private static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    throw new IllegalStateException(cause);
  }
}
