package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.obligation.ObligationQuery;
import dev.etiquette.crm.api.party.PartyId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores obligations, already brought up to date by the library, exactly as given: {@code find} after
 * {@code insert} or {@code update} returns an equal record.
 *
 * <p>Every read the library makes on a hot path is served by an index: by id; the unsettled obligations of a
 * conversation and of a party; and {@link Obligation#nextDueAt()} for {@link #claimDue}. None may scan a
 * tenant's obligations or history.
 */
public interface ObligationStore {

  /**
   * @throws DuplicateKeyException if the tenant has an obligation with the same id, or an unsettled one with the
   *     same {@link Obligation#exclusiveKey()} (record type {@code obligation} either way)
   */
  void insert(Obligation obligation);

  /**
   * Replaces the stored obligation of the same tenant and id.
   *
   * @param expectedVersion the version the stored obligation must have
   * @throws VersionConflictException if the stored version differs (or the obligation is missing, with actual
   *     version 0)
   * @throws DuplicateKeyException if the change gives it the {@link Obligation#exclusiveKey()} of another
   *     unsettled obligation
   */
  void update(Obligation obligation, long expectedVersion);

  /** The obligation, or empty. */
  Optional<Obligation> find(TenantId tenant, ObligationId id);

  /** The obligations of the conversation that are not final (state not SATISFIED_* or CANCELLED), oldest first. */
  List<Obligation> unsettledOfConversation(TenantId tenant, ConversationId conversation);

  /** The obligations of the party that are not final, oldest first. */
  List<Obligation> unsettledOfParty(TenantId tenant, PartyId party);

  /** Every obligation of the conversation, oldest first (by creation, then id). */
  List<Obligation> ofConversation(TenantId tenant, ConversationId conversation);

  /**
   * The newest obligation of the conversation (the last of {@link #ofConversation}), or empty. The default reads
   * them all; a store should override it with a read of one row, since a long conversation has many.
   */
  default Optional<Obligation> latestOfConversation(TenantId tenant, ConversationId conversation) {
    List<Obligation> all = ofConversation(tenant, conversation);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * Up to {@code limit} obligations matching {@code query} after {@code after}, ordered by
   * {@link ObligationPosition}.
   */
  List<Obligation> search(TenantId tenant, ObligationQuery query, Optional<ObligationPosition> after, int limit);

  /**
   * Claims up to {@code limit} obligations whose {@link Obligation#nextDueAt()} is at or before {@code now}, of
   * {@code tenant} or of every tenant, earliest first, for this write transaction: until it ends no other
   * transaction claims or changes them. Obligations another transaction holds are skipped, not waited for (a
   * relational store uses {@code SELECT ... FOR UPDATE SKIP LOCKED} where the database has it), so that several
   * processes claim disjoint work. A store that runs one write transaction at a time simply returns them.
   */
  List<Obligation> claimDue(Optional<TenantId> tenant, Instant now, int limit);
}
