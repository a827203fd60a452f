package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Declares one custom attribute of a tenant's parties.
 *
 * @param name 1 to 64 characters from {@code [A-Za-z0-9_]}, starting with a letter
 * @param type the type every value must have
 * @param allowedValues for {@link AttributeType#ENUM}, the allowed values (at least one); empty otherwise
 */
public record AttributeDefinition(String name, AttributeType type, Set<String> allowedValues) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  /** @throws ValidationException if the name is malformed or the allowed values do not fit the type */
  public AttributeDefinition {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    allowedValues = ImmutableSet.copyOf(requireNonNull(allowedValues, "allowedValues"));
    List<Violation> problems = new ArrayList<>();
    if (!NAME.matcher(name).matches()) {
      problems.add(new Violation("attribute.name", ValidationException.printable(name),
          "must be 1 to 64 characters from [A-Za-z0-9_], starting with a letter"));
    }
    if (type == AttributeType.ENUM && allowedValues.isEmpty()) {
      problems.add(new Violation("attribute." + name + ".allowedValues", "[]", "an enum needs at least one value"));
    }
    if (type != AttributeType.ENUM && !allowedValues.isEmpty()) {
      problems.add(new Violation("attribute." + name + ".allowedValues", allowedValues.toString(),
          "only an enum attribute lists allowed values"));
    }
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
  }

  public static AttributeDefinition string(String name) {
    return new AttributeDefinition(name, AttributeType.STRING, Set.of());
  }

  public static AttributeDefinition number(String name) {
    return new AttributeDefinition(name, AttributeType.NUMBER, Set.of());
  }

  public static AttributeDefinition bool(String name) {
    return new AttributeDefinition(name, AttributeType.BOOLEAN, Set.of());
  }

  public static AttributeDefinition date(String name) {
    return new AttributeDefinition(name, AttributeType.DATE, Set.of());
  }

  public static AttributeDefinition enumeration(String name, String... allowedValues) {
    return new AttributeDefinition(name, AttributeType.ENUM, ImmutableSet.copyOf(allowedValues));
  }
}
