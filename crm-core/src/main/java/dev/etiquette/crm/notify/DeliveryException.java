package dev.etiquette.crm.notify;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.CrmException;
import java.net.URI;
import java.util.OptionalInt;

/**
 * Thrown when a {@link WebhookNotificationPort} could not deliver a notification: the receiver answered with a
 * status other than 2xx, or the request failed before an answer (a timeout, a refused or closed connection, an
 * interrupted thread). The message names the endpoint (scheme, host, port and path only: never its user-info,
 * query or fragment) and what happened (the status code and at most 200 characters of the response body, or the
 * I/O failure); it never contains the secret or the notification's body.
 *
 * <p>{@link #retryable()} says whether sending the same notification again later may succeed: true for timeouts,
 * I/O failures, an interrupted send, and the statuses 408, 429 and 5xx; false for every other status (another 4xx,
 * a 3xx, which is not followed) and for a notification that cannot be put into a request at all.
 */
public final class DeliveryException extends CrmException {

  private static final long serialVersionUID = 1L;

  private final String endpoint;
  private final int statusCode;
  private final boolean retryable;

  DeliveryException(String endpoint, int statusCode, boolean retryable, String what, Throwable cause) {
    super("webhook delivery to " + endpoint + " failed: " + what + (retryable ? " (retryable)" : " (not retryable)"),
        cause);
    this.endpoint = requireNonNull(endpoint, "endpoint");
    this.statusCode = statusCode;
    this.retryable = retryable;
  }

  /** The endpoint, as shown in messages: without user-info, query or fragment. */
  public String endpoint() {
    return endpoint;
  }

  /** The HTTP status the receiver answered with, or empty if the request failed before an answer. */
  public OptionalInt statusCode() {
    return statusCode < 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
  }

  /** Whether sending the same notification again later may succeed (see the class description). */
  public boolean retryable() {
    return retryable;
  }

  /** Whether the receiver's status {@code status} (not 2xx) is worth retrying: 408, 429 and 5xx. */
  static boolean retryableStatus(int status) {
    return status == 408 || status == 429 || (status >= 500 && status <= 599);
  }

  /** {@code uri} without user-info, query and fragment, for messages. */
  static String describe(URI uri) {
    StringBuilder out = new StringBuilder().append(uri.getScheme()).append("://").append(uri.getHost());
    if (uri.getPort() >= 0) {
      out.append(':').append(uri.getPort());
    }
    if (uri.getRawPath() != null) {
      out.append(uri.getRawPath());
    }
    return out.toString();
  }
}
