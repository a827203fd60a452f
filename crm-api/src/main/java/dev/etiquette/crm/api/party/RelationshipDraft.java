package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A relationship to create.
 *
 * @param type a built-in type or one the tenant's settings define
 * @param from the party it starts at; must exist in the tenant
 * @param to the party it points to; must exist in the tenant and differ from {@code from}
 * @param validFrom from when it holds; empty means now, by the library's clock
 * @param validTo until when it holds; empty means open-ended; must be after {@code validFrom}
 */
public record RelationshipDraft(
    RelationshipType type, PartyId from, PartyId to, Optional<Instant> validFrom, Optional<Instant> validTo) {

  public RelationshipDraft {
    requireNonNull(type, "type");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(validFrom, "validFrom");
    requireNonNull(validTo, "validTo");
  }

  /** An open-ended relationship that holds from now. */
  public static RelationshipDraft of(PartyId from, RelationshipType type, PartyId to) {
    return new RelationshipDraft(type, from, to, Optional.empty(), Optional.empty());
  }

  /** This draft, holding from {@code validFrom}. */
  public RelationshipDraft validFrom(Instant validFrom) {
    return new RelationshipDraft(type, from, to, Optional.of(validFrom), validTo);
  }

  /** This draft, holding until {@code validTo} (exclusive). */
  public RelationshipDraft validTo(Instant validTo) {
    return new RelationshipDraft(type, from, to, validFrom, Optional.of(validTo));
  }
}
