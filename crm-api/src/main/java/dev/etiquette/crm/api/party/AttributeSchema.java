package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedMap;
import dev.etiquette.crm.api.ValidationException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The custom attributes a tenant's parties may carry. An attribute that the schema does not declare, or a
 * value of another type, is rejected.
 *
 * @param definitions the declared attributes by name
 */
public record AttributeSchema(Map<String, AttributeDefinition> definitions) {

  private static final AttributeSchema EMPTY = new AttributeSchema(Map.of());

  /** @throws ValidationException if a key differs from its definition's name */
  public AttributeSchema {
    definitions = ImmutableSortedMap.copyOf(java.util.Objects.requireNonNull(definitions, "definitions"));
    definitions.forEach((name, definition) -> {
      if (!name.equals(definition.name())) {
        throw ValidationException.of("attributes." + name, definition.name(), "the key must be the definition's name");
      }
    });
  }

  /** A schema that declares no attributes. */
  public static AttributeSchema empty() {
    return EMPTY;
  }

  /** A schema of the given definitions; a name declared twice keeps the last. */
  public static AttributeSchema of(AttributeDefinition... definitions) {
    return of(List.of(definitions));
  }

  /** A schema of the given definitions; a name declared twice keeps the last. */
  public static AttributeSchema of(Collection<AttributeDefinition> definitions) {
    Map<String, AttributeDefinition> byName = new java.util.LinkedHashMap<>();
    definitions.forEach(d -> byName.put(d.name(), d));
    return new AttributeSchema(byName);
  }

  /** The definition of {@code name}, if the schema declares it. */
  public Optional<AttributeDefinition> definition(String name) {
    requireNonNull(name, "name");
    return Optional.ofNullable(definitions.get(name));
  }
}
