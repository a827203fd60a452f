package dev.etiquette.crm.api;

/**
 * The root of the one unchecked exception hierarchy that the library's public API throws. No
 * {@code SQLException}, {@code NullPointerException} from inside the library, or serialization library
 * exception escapes the public API: each is translated into a subclass of this one.
 *
 * <p>Subclasses: {@link ValidationException} (bad input, every violation listed),
 * {@link NotFoundException}, {@link VersionConflictException} (optimistic concurrency),
 * {@link DuplicateKeyException} (a unique key is taken) and {@link StorageException} (the storage failed).
 * A {@link NullPointerException} is still thrown, by contract, when a caller passes {@code null} where the
 * Javadoc does not allow it.
 */
public abstract class CrmException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  protected CrmException(String message) {
    super(message);
  }

  protected CrmException(String message, Throwable cause) {
    super(message, cause);
  }
}
