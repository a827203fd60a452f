package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.spi.IdGenerator;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The default ids: 128 random bits from a {@link SecureRandom}, as 22 characters of URL-safe Base64
 * without padding (as unique as a random UUID, 14 characters shorter).
 */
public enum RandomIds implements IdGenerator {
  INSTANCE;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  @Override
  public String newId(String recordType) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }
}
