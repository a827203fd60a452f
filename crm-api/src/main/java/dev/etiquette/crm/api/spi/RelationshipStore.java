package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.Relationship;
import dev.etiquette.crm.api.party.RelationshipId;
import java.util.List;
import java.util.Optional;

/** Stores relationships, already validated by the library, exactly as given. */
public interface RelationshipStore {

  /** The relationship, or empty. */
  Optional<Relationship> find(TenantId tenant, RelationshipId id);

  /** Every relationship from or to {@code party}, ordered by id. */
  List<Relationship> ofParty(TenantId tenant, PartyId party);

  /** @throws DuplicateKeyException if the tenant has a relationship with the same id */
  void insert(Relationship relationship);

  /** @throws VersionConflictException if the stored version is not {@code expectedVersion} */
  void update(Relationship relationship, long expectedVersion);
}
