package dev.etiquette.crm.api.notification;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.CrmException;
import java.util.OptionalInt;

/**
 * Thrown by a {@link dev.etiquette.crm.api.spi.NotificationPort} that could not deliver: the receiver refused, or
 * could not be reached. {@link #retryable()} tells the relay what to do: a retryable failure is tried again after
 * a backoff, until the delivery's attempts run out; one that is not dead-letters the delivery at once (a retry
 * cannot mend it: the receiver rejects the request, the delivery cannot be expressed on the channel).
 *
 * <p>The message names the destination as it may be shown (for an HTTP endpoint: scheme, host, port and path
 * only, never user-info, query or fragment) and what happened; it never contains a secret or the delivery's
 * body. The HTTP webhook port also gives the status code the receiver answered with.
 */
public final class DeliveryException extends CrmException {

  private static final long serialVersionUID = 1L;

  private final String destination;
  private final int statusCode;
  private final boolean retryable;

  /**
   * A failure to deliver to {@code destination}.
   *
   * @param destination where the delivery was going, as it may be shown in logs
   * @param what what happened, for people
   * @param retryable whether sending the same delivery again later may succeed
   * @param cause the underlying failure, or null
   */
  public DeliveryException(String destination, String what, boolean retryable, Throwable cause) {
    this(destination, -1, what, retryable, cause);
  }

  /**
   * A failure to deliver to {@code destination}, whose receiver answered with the HTTP status {@code statusCode}.
   */
  public DeliveryException(String destination, int statusCode, String what, boolean retryable, Throwable cause) {
    super("delivery to " + requireNonNull(destination, "destination") + " failed: " + requireNonNull(what, "what")
        + (retryable ? " (retryable)" : " (not retryable)"), cause);
    this.destination = destination;
    this.statusCode = statusCode;
    this.retryable = retryable;
  }

  /** Where the delivery was going, as shown in messages (for an HTTP endpoint: without user-info, query, fragment). */
  public String destination() {
    return destination;
  }

  /** The HTTP status the receiver answered with, or empty if the request failed before an answer. */
  public OptionalInt statusCode() {
    return statusCode < 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
  }

  /** Whether sending the same delivery again later may succeed. */
  public boolean retryable() {
    return retryable;
  }
}
