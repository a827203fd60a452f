package dev.etiquette.crm.api.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * New records that a {@link Storage} has made ready for writing ahead of the transaction that writes them: whatever
 * part of the write needs no transaction, such as turning each record into a document and index keys, done once
 * and kept beside the records.
 *
 * <p>A bulk create prepares its next part (validation, normalization, ids, audit entries) on the {@code Crm}'s
 * executor while the calling thread writes the part before it. {@link Storage#prepareParties} and
 * {@link Storage#prepareAudit} let a storage do its own share of that preparation there too, so that the calling
 * thread, which waits for the database between statements, has less to do. The library hands the result to
 * {@link PartyStore#insertAll(Prepared)} and {@link AuditStore#appendAll(Prepared)} of a transaction of the same
 * storage.
 *
 * <p>A storage that has nothing to prepare keeps the defaults, which wrap the records in {@link #of}. A storage that
 * does prepare returns its own implementation; its {@code insertAll} and {@code appendAll} use what they find in it
 * and must still accept any other {@code Prepared} (of {@link #of}, or of another storage) by preparing its records
 * themselves. Implementations are immutable and safe to hand from one thread to another.
 *
 * @param <T> the record, such as {@link dev.etiquette.crm.api.party.Party}
 */
public interface Prepared<T> {

  /** The records, in the order they were given to the storage's {@code prepare} method. */
  List<T> values();

  /** Records with nothing prepared beside them: what the default {@code prepare} methods return. */
  static <T> Prepared<T> of(List<T> values) {
    List<T> copy = List.copyOf(requireNonNull(values, "values"));
    return () -> copy;
  }
}
