package dev.etiquette.crm.replay;

import dev.etiquette.crm.api.spi.IdGenerator;
import java.util.HashMap;
import java.util.Map;

/**
 * The replay's ids: {@code <record type>-<n>}, with {@code n} counting from 1 per record type, written with at least
 * six digits so that ids sort in the order they were made ({@code obligation-000012}); a character of the
 * record type other than a letter or digit becomes {@code _}.
 */
final class SequentialIds implements IdGenerator {

  private final Map<String, Long> counters = new HashMap<>();

  @Override
  public synchronized String newId(String recordType) {
    String prefix = recordType.replaceAll("[^A-Za-z0-9]", "_");
    long next = counters.merge(prefix, 1L, Long::sum);
    return String.format("%s-%06d", prefix, next);
  }
}
