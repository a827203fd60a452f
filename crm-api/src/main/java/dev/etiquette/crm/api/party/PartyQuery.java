package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Criteria for {@link Parties#search}. A party matches when it meets every criterion given; a query with
 * no criteria matches every party of the tenant. Results are ordered by party id.
 *
 * @param kind the party's kind
 * @param role a role the party holds
 * @param stage the party's current lifecycle stage
 * @param tag a tag the party carries (exact)
 * @param owner the owning user (exact)
 * @param attribute a custom attribute the party carries with exactly this value
 * @param namePrefix a prefix of the display name, compared case-insensitively (Unicode case folding of
 *     {@link String#toLowerCase(java.util.Locale)} in the root locale)
 */
public record PartyQuery(
    Optional<PartyKind> kind,
    Optional<Role> role,
    Optional<LifecycleStage> stage,
    Optional<String> tag,
    Optional<String> owner,
    Optional<AttributeMatch> attribute,
    Optional<String> namePrefix) {

  private static final PartyQuery ALL = new PartyQuery(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public PartyQuery {
    requireNonNull(kind, "kind");
    requireNonNull(role, "role");
    requireNonNull(stage, "stage");
    requireNonNull(tag, "tag");
    requireNonNull(owner, "owner");
    requireNonNull(attribute, "attribute");
    requireNonNull(namePrefix, "namePrefix");
  }

  /** Matches every party. */
  public static PartyQuery all() {
    return ALL;
  }

  public PartyQuery withKind(PartyKind kind) {
    return new PartyQuery(Optional.of(kind), role, stage, tag, owner, attribute, namePrefix);
  }

  public PartyQuery withRole(Role role) {
    return new PartyQuery(kind, Optional.of(role), stage, tag, owner, attribute, namePrefix);
  }

  public PartyQuery withStage(LifecycleStage stage) {
    return new PartyQuery(kind, role, Optional.of(stage), tag, owner, attribute, namePrefix);
  }

  public PartyQuery withTag(String tag) {
    return new PartyQuery(kind, role, stage, Optional.of(tag), owner, attribute, namePrefix);
  }

  public PartyQuery withOwner(String owner) {
    return new PartyQuery(kind, role, stage, tag, Optional.of(owner), attribute, namePrefix);
  }

  public PartyQuery withAttribute(String name, AttributeValue value) {
    return new PartyQuery(kind, role, stage, tag, owner, Optional.of(new AttributeMatch(name, value)), namePrefix);
  }

  public PartyQuery withNamePrefix(String prefix) {
    return new PartyQuery(kind, role, stage, tag, owner, attribute, Optional.of(prefix));
  }

  /**
   * A custom attribute with an exact value.
   *
   * @param name the attribute's name
   * @param value the value it must have
   */
  public record AttributeMatch(String name, AttributeValue value) {
    public AttributeMatch {
      requireNonNull(name, "name");
      requireNonNull(value, "value");
    }
  }
}
