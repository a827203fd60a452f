package dev.etiquette.crm.api.party;

import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.VersionConflictException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's typed, directed relationships between parties. The same tenant and concurrency rules as
 * {@link Parties} apply; every change is audited.
 */
public interface Relationships {

  /**
   * Creates a relationship at version 1.
   *
   * @throws ValidationException if the type is unknown to the tenant, either party does not exist in the
   *     tenant, the two ends are the same party, or the validity ends before it starts
   */
  Relationship create(RelationshipDraft draft);

  /**
   * Returns the relationship with {@code id}.
   *
   * @throws NotFoundException if the tenant has no such relationship
   */
  Relationship get(RelationshipId id);

  /** Returns the relationship with {@code id}, or empty if the tenant has none. */
  Optional<Relationship> find(RelationshipId id);

  /**
   * Returns every relationship that starts or ends at {@code party}, valid or not, ordered by id.
   */
  List<Relationship> of(PartyId party);

  /**
   * Ends a relationship: it holds until {@code validTo} (exclusive). Ending it again at the same instant
   * changes nothing and returns it as it is.
   *
   * @throws ValidationException if {@code validTo} is not after the relationship's start
   * @throws NotFoundException if the tenant has no such relationship
   * @throws VersionConflictException if it is no longer at {@code expectedVersion}
   */
  Relationship end(RelationshipId id, long expectedVersion, Instant validTo);
}
