package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.spi.IdGenerator;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The default ids: 128 random bits from a {@link SecureRandom}, as 22 characters of URL-safe Base64
 * without padding (as unique as a random UUID, 14 characters shorter). The bits of 64 ids are drawn from the
 * generator at once and handed out in turn, each byte to one id only.
 */
public enum RandomIds implements IdGenerator {
  INSTANCE;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final int ID_BYTES = 16;
  /** The random bytes of this many ids are drawn at once: one call of the generator instead of one per id. */
  private static final int IDS_PER_DRAW = 64;

  /** Random bytes drawn and not handed out yet, from {@code position} on; guarded by {@code this}. */
  private final byte[] drawn = new byte[ID_BYTES * IDS_PER_DRAW];
  private int position = drawn.length;

  @Override
  public String newId(String recordType) {
    byte[] bytes = new byte[ID_BYTES];
    synchronized (this) {
      if (position == drawn.length) {
        RANDOM.nextBytes(drawn);
        position = 0;
      }
      System.arraycopy(drawn, position, bytes, 0, ID_BYTES);
      position += ID_BYTES;
    }
    return ENCODER.encodeToString(bytes);
  }
}
