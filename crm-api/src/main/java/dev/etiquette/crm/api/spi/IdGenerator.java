package dev.etiquette.crm.api.spi;

/**
 * Makes the ids of new records. The default makes 128 random bits, written as 22 characters of URL-safe
 * Base64; tests and demos plug in a predictable one.
 *
 * <p>A generator must be thread-safe: the library calls it from whichever threads call it, and from the
 * {@code Crm}'s executor while a bulk create prepares its drafts (one call at a time per bulk create, in the
 * order of its drafts).
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
