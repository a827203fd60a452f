package dev.etiquette.crm.notify;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.notify.WebhookVerificationException.Reason;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The receiver's side of {@link WebhookNotificationPort}'s signature: checks that a request was signed with the
 * shared secret over its timestamp, key and body, and that its timestamp is within a tolerance of now.
 *
 * <pre>{@code
 * WebhookVerifier verifier = new WebhookVerifier(secret);
 * verifier.verify(request.header("X-Etiquette-Timestamp"), request.header("X-Etiquette-Key"),
 *     request.header("X-Etiquette-Signature"), request.bodyBytes());   // throws if it must not be trusted
 * }</pre>
 *
 * <p>What is checked, in this order: each header is present and not empty; the timestamp is decimal digits
 * (epoch seconds); the signature header is {@code v1=} followed by exactly 64 lower-case hex digits; those equal
 * HMAC-SHA256, keyed with the secret, over the UTF-8 bytes of {@code timestamp + "." + key + "." + body}, compared
 * in constant time ({@link MessageDigest#isEqual}); and the timestamp is at most the tolerance before or after now
 * by the clock. Pass the body exactly as received, before any parsing.
 *
 * <p>Rejecting replays: a valid request captured by someone else verifies again while its timestamp is within the
 * tolerance, and the sender itself sends a notification again when it retries. So a receiver also remembers the
 * keys it accepted for at least the tolerance (twice is safe, allowing for clock skew either way) and drops a
 * request whose key it has seen; a request older than that is refused here. After parsing the body, it should
 * check that the body's {@code tenantId} and {@code key} equal the headers. See {@code docs/notifications.md}.
 *
 * <p>Immutable and thread-safe. The secret is copied and never shown.
 */
public final class WebhookVerifier {

  /** The tolerance unless another is given: 5 minutes. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private static final int MAX_TIMESTAMP_DIGITS = 18;

  private final byte[] secret;
  private final Duration tolerance;
  private final Clock clock;

  /**
   * A verifier with the default tolerance of 5 minutes and the system clock in UTC.
   *
   * @param secret the secret shared with the sender, at least 32 bytes; copied
   * @throws IllegalArgumentException if the secret is shorter than 32 bytes (the message never shows it)
   */
  public WebhookVerifier(byte[] secret) {
    this(secret, DEFAULT_TOLERANCE, Clock.systemUTC());
  }

  /**
   * A verifier.
   *
   * @param secret the secret shared with the sender, at least 32 bytes; copied
   * @param tolerance how far a timestamp may be from now, either way; positive
   * @param clock where now comes from
   * @throws IllegalArgumentException if the secret is shorter than 32 bytes (the message never shows it) or the
   *     tolerance is not positive
   */
  public WebhookVerifier(byte[] secret, Duration tolerance, Clock clock) {
    this.secret = Signatures.checkedSecret(secret);
    requireNonNull(tolerance, "tolerance");
    if (tolerance.isZero() || tolerance.isNegative()) {
      throw new IllegalArgumentException("tolerance: must be positive, was " + tolerance);
    }
    this.tolerance = tolerance;
    this.clock = requireNonNull(clock, "clock");
  }

  /** How far a timestamp may be from now, either way. */
  public Duration tolerance() {
    return tolerance;
  }

  /**
   * Returns normally if the request was signed with the secret and its timestamp is within the tolerance of now.
   *
   * @param timestamp the {@value WebhookNotificationPort#TIMESTAMP_HEADER} header, or null if absent
   * @param key the {@value WebhookNotificationPort#KEY_HEADER} header, or null if absent
   * @param signatureHeader the {@value WebhookNotificationPort#SIGNATURE_HEADER} header, or null if absent
   * @param body the request body as received
   * @throws WebhookVerificationException if it must not be trusted, with the reason
   * @throws NullPointerException if {@code body} is null
   */
  public void verify(String timestamp, String key, String signatureHeader, byte[] body) {
    requireNonNull(body, "body");
    present(timestamp, WebhookNotificationPort.TIMESTAMP_HEADER);
    present(key, WebhookNotificationPort.KEY_HEADER);
    present(signatureHeader, WebhookNotificationPort.SIGNATURE_HEADER);
    long seconds = epochSeconds(timestamp);
    byte[] given = signature(signatureHeader);
    byte[] expected = Signatures.mac(secret, timestamp, key, body);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new WebhookVerificationException(Reason.BAD_SIGNATURE, WebhookNotificationPort.SIGNATURE_HEADER
          + ": does not match the timestamp, key and body under the secret");
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - seconds) > tolerance.getSeconds()) {
      throw new WebhookVerificationException(Reason.OUTSIDE_TOLERANCE, WebhookNotificationPort.TIMESTAMP_HEADER
          + ": " + seconds + " is more than " + tolerance + " away from now (" + now + "): possibly a replay");
    }
  }

  private static void present(String value, String header) {
    if (value == null || value.isEmpty()) {
      throw new WebhookVerificationException(Reason.MISSING_HEADER, header + ": missing");
    }
  }

  private static long epochSeconds(String timestamp) {
    boolean digits = timestamp.length() <= MAX_TIMESTAMP_DIGITS
        && timestamp.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!digits) {
      throw new WebhookVerificationException(Reason.MALFORMED_HEADER,
          WebhookNotificationPort.TIMESTAMP_HEADER + ": not epoch seconds in decimal digits");
    }
    return Long.parseLong(timestamp);
  }

  private static byte[] signature(String header) {
    int hexLength = 2 * Signatures.MAC_BYTES;
    boolean wellFormed = header.length() == Signatures.VERSION_PREFIX.length() + hexLength
        && header.startsWith(Signatures.VERSION_PREFIX)
        && header.chars().skip(Signatures.VERSION_PREFIX.length())
            .allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    if (!wellFormed) {
      throw new WebhookVerificationException(Reason.MALFORMED_HEADER,
          WebhookNotificationPort.SIGNATURE_HEADER + ": not v1= followed by 64 lower-case hex digits");
    }
    return HexFormat.of().parseHex(header, Signatures.VERSION_PREFIX.length(), header.length());
  }

  @Override
  public String toString() {
    return "WebhookVerifier[tolerance " + tolerance + "]";
  }
}
