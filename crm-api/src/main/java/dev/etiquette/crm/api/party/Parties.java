package dev.etiquette.crm.api.party;

import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.StorageException;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's persons and organizations. Every method reads and changes only the tenant of the
 * {@link dev.etiquette.crm.api.CrmTenant} it came from; a party of another tenant is treated exactly as one
 * that does not exist.
 *
 * <p>Every change is validated first, applied all at once with its audit entry, and gives the party a new
 * version. Changes take the version the caller last read ({@code expectedVersion}); if the party has
 * changed since, they throw {@link VersionConflictException} and change nothing.
 *
 * <p>Any method may throw {@link StorageException} when the storage fails; nothing is half-written then.
 */
public interface Parties {

  /**
   * Validates, normalizes and stores a new party at version 1, with its consents recorded and its initial
   * stage (if any) as the first lifecycle move.
   *
   * @return the party as stored
   * @throws ValidationException listing every problem with the draft
   * @throws DuplicateKeyException if another party of the tenant holds one of its external ids
   */
  Party create(PartyDraft draft);

  /**
   * Creates many parties at once, for imports, in one transaction: either every party is stored, each with
   * its audit entry, or nothing is. If any draft is invalid, nothing is created and the
   * {@link ValidationException} lists every problem of every draft, each path prefixed with the draft's
   * index ({@code [3].contactPoints[0].address}).
   *
   * <p>The drafts are validated and normalized in parts of a few hundred, on the executor given to the
   * {@code Crm} builder, while the parts before them are written with batched writes; so for a large
   * import the library's own work overlaps the storage's. Ids are drawn in the order of the drafts, as
   * without the executor, and the outcome is the same whatever the executor.
   *
   * @param drafts at most {@value #MAX_BATCH} drafts
   * @return the parties as stored, in the order of the drafts
   * @throws ValidationException if any draft is invalid, or there are more than {@value #MAX_BATCH}
   * @throws DuplicateKeyException if two drafts, or a draft and a stored party, share an external id
   */
  List<Party> createAll(List<PartyDraft> drafts);

  /** The largest number of drafts {@link #createAll} takes in one call. */
  int MAX_BATCH = 10_000;

  /**
   * Like {@link #create(PartyDraft)}, but at most once per {@code idempotencyKey}: if a party was already
   * created with this key in this tenant, that party is returned as it is now and nothing is created or
   * changed. A client that retries a create after a timeout passes the same key and gets the same party.
   * Two concurrent creates with one key create one party; the other call returns it, or throws
   * {@link DuplicateKeyException} if it could not see it yet (retrying then returns it).
   *
   * @param idempotencyKey the client's key for this create, 1 to 200 characters
   * @throws ValidationException if the draft is invalid, or the key was used with a different draft
   * @throws DuplicateKeyException if another party holds one of its external ids
   */
  Party create(PartyDraft draft, String idempotencyKey);

  /**
   * Returns the party with {@code id}.
   *
   * @throws NotFoundException if the tenant has no such party
   */
  Party get(PartyId id);

  /** Returns the party with {@code id}, or empty if the tenant has no such party. */
  Optional<Party> find(PartyId id);

  /** Returns the party that holds {@code externalId}, or empty if none does. */
  Optional<Party> findByExternalId(ExternalId externalId);

  /**
   * Returns the parties with this email address (normalized before comparison), ordered by id.
   *
   * @throws ValidationException if {@code email} is not a valid email address
   */
  List<Party> findByEmail(String email);

  /**
   * Returns the parties with this phone number (normalized to E.164 with the tenant's default region
   * before comparison), ordered by id.
   *
   * @throws ValidationException if {@code phone} is not a valid phone number
   */
  List<Party> findByPhone(String phone);

  /**
   * Returns one page of the parties that match {@code query}, ordered by id. See {@link PageRequest} for
   * the paging guarantee.
   *
   * @throws ValidationException if the cursor is not one this method returned for the same query
   */
  Page<Party> search(PartyQuery query, PageRequest page);

  /**
   * Applies every change of {@code update}, in order, at once.
   *
   * @return the party as stored, at {@code expectedVersion + 1} (or unchanged, at the same version, when
   *     the update changes nothing)
   * @throws NotFoundException if the tenant has no such party
   * @throws VersionConflictException if the party is no longer at {@code expectedVersion}
   * @throws ValidationException listing every problem with the changes
   * @throws DuplicateKeyException if an added external id belongs to another party
   */
  Party update(PartyId id, long expectedVersion, PartyUpdate update);

  /**
   * Moves the party forward to {@code stage} in the tenant's lifecycle model, timestamped by the
   * library's clock.
   *
   * @throws ValidationException if the stage is not in the model, is the current stage, or the move goes
   *     backwards or leaves an exit stage (use {@link #forceStage})
   * @throws NotFoundException if the tenant has no such party
   * @throws VersionConflictException if the party is no longer at {@code expectedVersion}
   */
  Party moveStage(PartyId id, long expectedVersion, LifecycleStage stage);

  /**
   * Moves the party to {@code stage} in any direction, recording the move as forced, with its reason.
   *
   * @param reason why, 1 to 500 characters
   * @throws ValidationException if the stage is not in the model, is the current stage, or the reason is
   *     blank
   * @throws NotFoundException if the tenant has no such party
   * @throws VersionConflictException if the party is no longer at {@code expectedVersion}
   */
  Party forceStage(PartyId id, long expectedVersion, LifecycleStage stage, String reason);

  /**
   * Records a consent statement. It supersedes the latest record of the same (channel, purpose); earlier
   * records stay in the history.
   *
   * @throws ValidationException if the statement is inconsistent (for instance it ends before it starts)
   * @throws NotFoundException if the tenant has no such party
   * @throws VersionConflictException if the party is no longer at {@code expectedVersion}
   */
  Party recordConsent(PartyId id, long expectedVersion, ConsentDraft consent);
}
