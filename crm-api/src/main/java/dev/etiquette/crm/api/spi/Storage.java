package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.StorageException;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.Party;
import java.util.List;

/**
 * Where the library keeps its records, and the unit of work over them: everything one business operation
 * writes goes through one {@link #write} call and commits atomically.
 *
 * <p>Implementations are thread-safe. See the package documentation for the rules every store follows.
 */
public interface Storage extends AutoCloseable {

  /**
   * Runs {@code work} in one transaction and commits it when {@code work} returns. If {@code work} throws,
   * every change it made is rolled back and the exception propagates unchanged. A transaction sees its
   * own writes, and no other transaction's uncommitted ones.
   *
   * @throws StorageException if the storage fails; the transaction was rolled back
   */
  <T> T write(Work<T> work);

  /**
   * Runs {@code work}, which only reads, against a consistent view of committed data. Implementations
   * may run it in a read-only transaction.
   *
   * @throws StorageException if the storage fails
   */
  <T> T read(Work<T> work);

  /**
   * Prepares new parties for a later {@link PartyStore#insertAll(Prepared)}: does the part of their insert that
   * needs no transaction (a database adapter, for instance, writes their documents and index keys here). See
   * {@link Prepared}.
   *
   * <p>Called outside any transaction, from any thread, concurrently with transactions and other calls; it must
   * neither read nor change stored data, and its result depends on {@code parties} alone. The default prepares
   * nothing and returns {@code Prepared.of(parties)}.
   *
   * @param parties new parties, valid and normalized by the library
   * @throws StorageException if a party cannot be encoded for this storage
   */
  default Prepared<Party> prepareParties(List<Party> parties) {
    return Prepared.of(parties);
  }

  /**
   * Prepares new audit entries for a later {@link AuditStore#appendAll(Prepared)}, under the same rules as
   * {@link #prepareParties}. The entries' sequences are not known yet (the append assigns them). The default
   * prepares nothing and returns {@code Prepared.of(entries)}.
   *
   * @throws StorageException if an entry cannot be encoded for this storage
   */
  default Prepared<AuditEntry> prepareAudit(List<AuditEntry> entries) {
    return Prepared.of(entries);
  }

  /** Releases what the storage holds (connections, threads). The default does nothing. */
  @Override
  default void close() {}

  /** What a caller does inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(StorageTransaction tx);
  }
}
