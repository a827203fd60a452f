package dev.etiquette.crm.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The HMAC-SHA256 signature shared by the sender and the verifier, and the checks on a secret. */
final class Signatures {

  static final String ALGORITHM = "HmacSHA256";
  static final String VERSION_PREFIX = "v1=";
  static final int MIN_SECRET_BYTES = 32;
  static final int MAC_BYTES = 32;

  private Signatures() {}

  /**
   * A copy of {@code secret}, after checking its length; the message of the exception never shows the secret.
   *
   * @throws IllegalArgumentException if it is shorter than 32 bytes
   */
  static byte[] checkedSecret(byte[] secret) {
    if (secret == null) {
      throw new NullPointerException("secret");
    }
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("secret: must be at least " + MIN_SECRET_BYTES + " bytes (256 bits) of"
          + " random data, was " + secret.length + " bytes");
    }
    return secret.clone();
  }

  /** HMAC-SHA256 under {@code secret} of the UTF-8 bytes of {@code timestamp + "." + key + "."} then body. */
  static byte[] mac(byte[] secret, String timestamp, String key, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      mac.update((timestamp + "." + key + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is a JDK algorithm every Java platform must provide; a 32-byte key is always valid for it
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** The value of the signature header: {@code v1=} and the lower-case hex of {@link #mac}. */
  static String header(byte[] secret, String timestamp, String key, byte[] body) {
    return VERSION_PREFIX + HexFormat.of().formatHex(mac(secret, timestamp, key, body));
  }
}
