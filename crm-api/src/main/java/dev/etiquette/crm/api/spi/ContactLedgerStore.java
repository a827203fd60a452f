package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.StorageException;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactId;
import dev.etiquette.crm.api.party.PartyId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The contact ledger: one entry per reservation (allowed or denied), with its receipt, for every channel and
 * sender of a tenant. Entries are stored whole and read back equal.
 *
 * <h2>Atomic reservations</h2>
 * A reservation reads the party's counted entries, decides and inserts its entry in one write transaction. To
 * keep two transactions that reserve for the same party from both counting the same slots, the library first
 * calls {@link #lockParty}: until the transaction ends, no other transaction's {@code lockParty} for that party
 * returns. A database adapter locks the party's row ({@code SELECT ... FOR UPDATE}); a store whose write
 * transactions are serialized anyway may do nothing. The contract kit races threads (and the JDBC adapter's own
 * tests two processes) for a cap's last slots and expects exactly the cap's number of reservations.
 *
 * <p>Every method may throw {@link StorageException}.
 */
public interface ContactLedgerStore {

  /**
   * Locks the party against other reservations until the transaction ends.
   *
   * @throws NotFoundException if the tenant has no such party
   */
  void lockParty(TenantId tenant, PartyId party);

  /** @throws DuplicateKeyException if the tenant already has an entry with this id; nothing is written */
  void insert(ContactEntry entry);

  /**
   * Replaces an entry whose stored version is {@code expectedVersion} (the entry's status and times change; its
   * receipt does not).
   *
   * @throws VersionConflictException if the stored version differs or the entry is missing; nothing is written
   */
  void update(ContactEntry entry, long expectedVersion);

  /** The entry, or empty. */
  Optional<ContactEntry> find(TenantId tenant, ContactId id);

  /**
   * The party's entries that caps count ({@link ContactEntry#counted()}: reserved or sent, not exempt) with a
   * contact instant in {@code [from, to)}, ordered by instant, then id.
   */
  List<ContactEntry> counted(TenantId tenant, PartyId party, Instant from, Instant to);

  /**
   * A page of the party's entries of every status with a contact instant in {@code [from, to)}, ordered by
   * instant, then id, starting after {@code after}.
   *
   * @param limit at most this many, at least 1
   */
  List<ContactEntry> ofParty(TenantId tenant, PartyId party, Instant from, Instant to,
      Optional<ContactPosition> after, int limit);
}
