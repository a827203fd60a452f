package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyQuery;
import java.util.List;
import java.util.Optional;

/**
 * Stores parties, already validated and normalized by the library. A store keeps a party exactly as
 * given: {@code find} after {@code insert} returns an equal record.
 */
public interface PartyStore {

  /** The party, or empty. */
  Optional<Party> find(TenantId tenant, PartyId id);

  /** The party holding {@code externalId}, or empty. */
  Optional<Party> findByExternalId(TenantId tenant, ExternalId externalId);

  /**
   * The parties with an email contact point equal to {@code email} ignoring case
   * ({@code toLowerCase(Locale.ROOT)} of both), ordered by id.
   */
  List<Party> findByEmail(TenantId tenant, String email);

  /** The parties with a phone contact point equal to {@code e164}, ordered by id. */
  List<Party> findByPhone(TenantId tenant, String e164);

  /**
   * Stores a new party.
   *
   * @throws DuplicateKeyException if the tenant has a party with the same id, or another party holds one of
   *     its external ids
   */
  void insert(Party party);

  /**
   * Stores new parties, as {@link #insert} does for each; a store may batch the writes. The default inserts
   * them one by one.
   *
   * @throws DuplicateKeyException as {@link #insert} does; nothing of the call is kept then only if the
   *     surrounding transaction is rolled back, which the library always does
   */
  default void insertAll(List<Party> parties) {
    parties.forEach(this::insert);
  }

  /**
   * Stores new parties that {@link Storage#prepareParties} of this storage prepared, as
   * {@link #insertAll(List) insertAll(parties.values())} does, using what the preparation did. A {@code Prepared}
   * made elsewhere (by {@link Prepared#of}, or by another storage) is stored all the same. The default inserts
   * {@code parties.values()}.
   *
   * @throws DuplicateKeyException as {@link #insert} does
   */
  default void insertAll(Prepared<Party> parties) {
    insertAll(parties.values());
  }

  /**
   * Replaces the stored party of the same tenant and id with {@code party}.
   *
   * @param expectedVersion the version the stored party must have
   * @throws VersionConflictException if the stored version differs (or the party is missing, with actual
   *     version 0)
   * @throws DuplicateKeyException if another party holds one of its external ids
   */
  void update(Party party, long expectedVersion);

  /**
   * At most {@code limit} parties matching {@code query}, with ids greater than {@code after} (all, when
   * empty), ordered by id. The name prefix matches when {@code displayName.toLowerCase(Locale.ROOT)} starts
   * with {@code prefix.toLowerCase(Locale.ROOT)}; the other criteria are exact.
   */
  List<Party> search(TenantId tenant, PartyQuery query, Optional<PartyId> after, int limit);
}
