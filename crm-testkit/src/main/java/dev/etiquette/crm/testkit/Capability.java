package dev.etiquette.crm.testkit;

/**
 * Something a storage may be unable to do. An adapter that cannot support one says so in
 * {@link StorageContract#unsupported()}; the suite then skips the tests that need it and reports each skip
 * with the capability's name.
 */
public enum Capability {
  /** Several threads may write at once; optimistic concurrency still loses no update. */
  CONCURRENT_WRITES,
  /** A write that fails leaves nothing behind, even after several stores were written in it. */
  ROLLBACK
}
