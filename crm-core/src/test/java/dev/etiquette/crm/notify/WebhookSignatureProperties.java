package dev.etiquette.crm.notify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.notify.WebhookVerificationException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * The laws of the signature: what the port signs, the verifier accepts within the tolerance; a change of any
 * single byte of the timestamp, key, body or signature is refused; a right signature outside the tolerance is
 * refused as a possible replay.
 */
class WebhookSignatureProperties {

  private static final long NOW = 1_767_225_600L;
  private static final Duration TOLERANCE = Duration.ofMinutes(5);
  private static final String KEY_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:-_.";

  private static WebhookVerifier verifier(byte[] secret) {
    return new WebhookVerifier(secret, TOLERANCE, Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
  }

  @Provide
  Arbitrary<byte[]> secrets() {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(32).ofMaxSize(64);
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.strings().withChars(KEY_CHARS).ofMinLength(1).ofMaxLength(80);
  }

  @Property
  void whatIsSignedVerifiesWithinTheTolerance(@ForAll("secrets") byte[] secret, @ForAll("keys") String key,
      @ForAll @Size(max = 2000) byte[] body, @ForAll @LongRange(min = -300, max = 300) long offset) {
    String timestamp = Long.toString(NOW + offset);
    String signature = Signatures.header(secret, timestamp, key, body);
    assertThatNoException().isThrownBy(() -> verifier(secret).verify(timestamp, key, signature, body));
  }

  @Property
  void changingAnyByteOfTheBodyIsRefused(@ForAll("secrets") byte[] secret, @ForAll("keys") String key,
      @ForAll @Size(min = 1, max = 500) byte[] body, @ForAll @IntRange(min = 0, max = 499) int at,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    String timestamp = Long.toString(NOW);
    String signature = Signatures.header(secret, timestamp, key, body);
    byte[] changed = body.clone();
    changed[at % body.length] ^= (byte) flip;
    assertRefused(() -> verifier(secret).verify(timestamp, key, signature, changed), Reason.BAD_SIGNATURE);
  }

  @Property
  void changingAnyCharacterOfTheKeyIsRefused(@ForAll("secrets") byte[] secret, @ForAll("keys") String key,
      @ForAll @Size(max = 200) byte[] body, @ForAll @IntRange(min = 0, max = 79) int at,
      @ForAll @IntRange(min = 1, max = 64) int shift) {
    String timestamp = Long.toString(NOW);
    String signature = Signatures.header(secret, timestamp, key, body);
    String changed = replaceAt(key, at % key.length(), KEY_CHARS, shift);
    assertRefused(() -> verifier(secret).verify(timestamp, changed, signature, body), Reason.BAD_SIGNATURE);
  }

  @Property
  void changingAnyCharacterOfTheTimestampIsRefused(@ForAll("secrets") byte[] secret, @ForAll("keys") String key,
      @ForAll @Size(max = 200) byte[] body, @ForAll @LongRange(min = -300, max = 300) long offset,
      @ForAll @IntRange(min = 0, max = 9) int at, @ForAll @IntRange(min = 1, max = 9) int shift) {
    String timestamp = Long.toString(NOW + offset);
    String signature = Signatures.header(secret, timestamp, key, body);
    String changed = replaceAt(timestamp, at % timestamp.length(), "0123456789", shift);
    assertRefused(() -> verifier(secret).verify(changed, key, signature, body), Reason.BAD_SIGNATURE);
  }

  @Property
  void changingAnyCharacterOfTheSignatureIsRefused(@ForAll("secrets") byte[] secret, @ForAll("keys") String key,
      @ForAll @Size(max = 200) byte[] body, @ForAll @IntRange(min = 0, max = 66) int at,
      @ForAll @IntRange(min = 1, max = 127) int newChar) {
    String timestamp = Long.toString(NOW);
    String signature = Signatures.header(secret, timestamp, key, body);
    char replacement = (char) newChar;
    if (signature.charAt(at) == replacement) {
      replacement = (char) (replacement == 1 ? 2 : replacement - 1);
    }
    String changed = signature.substring(0, at) + replacement + signature.substring(at + 1);
    assertThatThrownBy(() -> verifier(secret).verify(timestamp, key, changed, body))
        .isInstanceOfSatisfying(WebhookVerificationException.class, e -> org.assertj.core.api.Assertions
            .assertThat(e.reason()).isIn(Reason.BAD_SIGNATURE, Reason.MALFORMED_HEADER));
  }

  @Property
  void aRightSignatureOutsideTheToleranceIsRefusedAsAPossibleReplay(@ForAll("secrets") byte[] secret,
      @ForAll("keys") String key, @ForAll @Size(max = 200) byte[] body,
      @ForAll @LongRange(min = 301, max = 1_000_000_000L) long distance, @ForAll boolean future) {
    String timestamp = Long.toString(future ? NOW + distance : NOW - distance);
    String signature = Signatures.header(secret, timestamp, key, body);
    assertRefused(() -> verifier(secret).verify(timestamp, key, signature, body), Reason.OUTSIDE_TOLERANCE);
  }

  @Property(tries = 50)
  void missingOrMalformedHeadersAreRefusedBeforeAnySignatureIsComputed(@ForAll("secrets") byte[] secret) {
    byte[] body = "{}".getBytes(UTF_8);
    String t = Long.toString(NOW);
    String good = Signatures.header(secret, t, "k", body);
    WebhookVerifier v = verifier(secret);
    assertRefused(() -> v.verify(null, "k", good, body), Reason.MISSING_HEADER);
    assertRefused(() -> v.verify(t, "", good, body), Reason.MISSING_HEADER);
    assertRefused(() -> v.verify(t, "k", null, body), Reason.MISSING_HEADER);
    assertRefused(() -> v.verify("+" + t, "k", good, body), Reason.MALFORMED_HEADER);
    assertRefused(() -> v.verify("9".repeat(30), "k", good, body), Reason.MALFORMED_HEADER);
    assertRefused(() -> v.verify(t, "k", good.toUpperCase(java.util.Locale.ROOT), body), Reason.MALFORMED_HEADER);
    assertRefused(() -> v.verify(t, "k", "v2=" + good.substring(3), body), Reason.MALFORMED_HEADER);
    assertRefused(() -> v.verify(t, "k", good + "0", body), Reason.MALFORMED_HEADER);
  }

  /** {@code text} with the character at {@code at} replaced by another one of {@code alphabet}. */
  private static String replaceAt(String text, int at, String alphabet, int shift) {
    int index = alphabet.indexOf(text.charAt(at));
    char other = alphabet.charAt((index + 1 + (shift - 1) % (alphabet.length() - 1)) % alphabet.length());
    return text.substring(0, at) + other + text.substring(at + 1);
  }

  private static void assertRefused(Runnable verification, Reason reason) {
    assertThatThrownBy(verification::run).isInstanceOfSatisfying(WebhookVerificationException.class,
        e -> org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(reason));
  }
}
