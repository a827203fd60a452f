package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * A typed, directed relationship between two parties of one tenant, valid over {@code [validFrom,
 * validTo)}.
 *
 * @param tenantId the tenant
 * @param id the relationship's id
 * @param type the type, read "from <em>type</em> to"
 * @param from the party the relationship starts at
 * @param to the party it points to
 * @param validFrom from when it holds (inclusive)
 * @param validTo until when it holds (exclusive); empty means open-ended
 * @param version 1 when created, one more with every change
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Relationship(
    TenantId tenantId,
    RelationshipId id,
    RelationshipType type,
    PartyId from,
    PartyId to,
    Instant validFrom,
    Optional<Instant> validTo,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  public Relationship {
    requireNonNull(tenantId, "tenantId");
    requireNonNull(id, "id");
    requireNonNull(type, "type");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(validFrom, "validFrom");
    requireNonNull(validTo, "validTo");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, was " + version);
    }
  }

  /** Whether the relationship holds at {@code instant}. */
  public boolean isValidAt(Instant instant) {
    return !instant.isBefore(validFrom) && validTo.map(instant::isBefore).orElse(true);
  }

  /** The party at the other end from {@code party}. */
  public PartyId otherEnd(PartyId party) {
    return party.equals(from) ? to : from;
  }
}
