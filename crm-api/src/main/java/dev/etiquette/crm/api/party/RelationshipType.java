package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.ValidationException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The type of a directed relationship, read "from <em>type</em> to": Ada {@code works_for} Acme. The four
 * built-in types are always available; a tenant adds its own in its settings.
 *
 * @param name 1 to 64 characters from {@code [a-z0-9_]}, starting with a letter
 */
public record RelationshipType(String name) {

  private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** A person works for an organization. */
  public static final RelationshipType WORKS_FOR = new RelationshipType("works_for");
  /** A party is an account of another (a subsidiary or a site of a customer). */
  public static final RelationshipType ACCOUNT_OF = new RelationshipType("account_of");
  /** A party is a partner of another. */
  public static final RelationshipType PARTNER_OF = new RelationshipType("partner_of");
  /** A person reports to another. */
  public static final RelationshipType REPORTS_TO = new RelationshipType("reports_to");

  /** The built-in types. */
  public static final Set<RelationshipType> BUILT_IN = Set.of(WORKS_FOR, ACCOUNT_OF, PARTNER_OF, REPORTS_TO);

  /** @throws ValidationException if {@code name} does not have the documented format */
  public RelationshipType {
    requireNonNull(name, "name");
    if (!FORMAT.matcher(name).matches()) {
      throw ValidationException.of("relationshipType", name,
          "must be 1 to 64 characters from [a-z0-9_], starting with a letter");
    }
  }

  public static RelationshipType of(String name) {
    return new RelationshipType(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
