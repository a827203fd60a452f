package dev.etiquette.crm.api;

import static java.util.Objects.requireNonNull;

/**
 * Thrown when the storage behind the library fails: a lost connection, a database that is down, a
 * deadlock. It names the operation that failed and says whether repeating the whole operation may
 * succeed. The operation's changes were rolled back: nothing is half-written. The one exception is a
 * failure during the commit itself (operation {@code commit}): then the outcome is unknown and the message
 * says so; an operation that is safe to repeat (a create with an idempotency key, an update with the
 * expected version) may be repeated to find out.
 */
public final class StorageException extends CrmException {

  private static final long serialVersionUID = 1L;

  private final String operation;
  private final boolean retryable;

  /**
   * @param operation the operation that failed, such as {@code update party}
   * @param retryable whether repeating the whole operation may succeed
   * @param message what went wrong
   * @param cause the failure underneath, such as the driver's {@code SQLException}; may be null when there
   *     is none
   */
  public StorageException(String operation, boolean retryable, String message, Throwable cause) {
    super(requireNonNull(operation, "operation") + " failed" + (retryable ? " (retryable)" : "") + ": "
        + requireNonNull(message, "message"), cause);
    this.operation = operation;
    this.retryable = retryable;
  }

  /** The operation that failed, such as {@code update party}. */
  public String operation() {
    return operation;
  }

  /** Whether repeating the whole operation may succeed (a transient fault rather than a lasting one). */
  public boolean retryable() {
    return retryable;
  }
}
