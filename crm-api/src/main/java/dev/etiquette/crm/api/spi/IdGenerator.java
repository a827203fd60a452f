package dev.etiquette.crm.api.spi;

/**
 * Makes the ids of new records. The default makes random UUIDs; tests and demos plug in a predictable
 * one.
 */
@FunctionalInterface
public interface IdGenerator {

  /**
   * A new id, never returned before by this generator: 1 to 64 characters from {@code [A-Za-z0-9_-]}.
   *
   * @param recordType the kind of record it is for, such as {@code party} (a generator may use it as a
   *     prefix)
   */
  String newId(String recordType);
}
