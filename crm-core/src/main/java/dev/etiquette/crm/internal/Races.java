package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.VersionConflictException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs a write transaction again when a concurrent one won a race for a record it also wrote: the other
 * transaction inserted the same key first ({@link DuplicateKeyException}) or changed the same version first
 * ({@link VersionConflictException}), and this one was rolled back whole, so running it again sees the winner's
 * record and does what is left to do.
 */
final class Races {

  private Races() {}

  /**
   * Runs {@code write}, again (up to {@code attempts} in all) while it fails with a duplicate key or version
   * conflict of one of {@code recordTypes}; any other failure, and the last one, propagates.
   */
  static <T> T retry(Supplier<T> write, Set<String> recordTypes, int attempts) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (VersionConflictException | DuplicateKeyException e) {
        String type = e instanceof VersionConflictException v ? v.recordType()
            : ((DuplicateKeyException) e).recordType();
        if (!recordTypes.contains(type) || attempt >= attempts) {
          throw e;
        }
      }
    }
  }
}
