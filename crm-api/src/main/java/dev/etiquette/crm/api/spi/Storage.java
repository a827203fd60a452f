package dev.etiquette.crm.api.spi;

import dev.etiquette.crm.api.StorageException;

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

  /** Releases what the storage holds (connections, threads). The default does nothing. */
  @Override
  default void close() {}

  /** What a caller does inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(StorageTransaction tx);
  }
}
