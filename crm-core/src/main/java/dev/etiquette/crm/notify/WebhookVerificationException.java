package dev.etiquette.crm.notify;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.CrmException;

/**
 * Thrown by {@link WebhookVerifier#verify} when a request must not be trusted, with the {@link #reason()}. The
 * message names the reason and the header concerned; it never contains the secret, the expected signature or the
 * body. A receiver answers such a request with 401 (or 400) and does not act on it.
 */
public final class WebhookVerificationException extends CrmException {

  private static final long serialVersionUID = 1L;

  /** Why a request was rejected. */
  public enum Reason {
    /** A header (the timestamp, the key or the signature) is absent or empty. */
    MISSING_HEADER,
    /** A header is not in its format: the timestamp not decimal epoch seconds, the signature not {@code v1=<hex>}. */
    MALFORMED_HEADER,
    /** The signature is not the one the secret gives for this timestamp, key and body. */
    BAD_SIGNATURE,
    /** The signature is right, but the timestamp is further from now than the tolerance: possibly a replay. */
    OUTSIDE_TOLERANCE
  }

  private final Reason reason;

  WebhookVerificationException(Reason reason, String message) {
    super(message);
    this.reason = requireNonNull(reason, "reason");
  }

  /** Why the request was rejected. */
  public Reason reason() {
    return reason;
  }
}
