package dev.etiquette.crm.api.spi;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationId;
import java.time.Instant;

/**
 * Where an obligation stands in a search result: ordered by deadline, then by id.
 *
 * @param dueAt the obligation's deadline
 * @param id its id
 */
public record ObligationPosition(Instant dueAt, ObligationId id) implements Comparable<ObligationPosition> {

  public ObligationPosition {
    requireNonNull(dueAt, "dueAt");
    requireNonNull(id, "id");
  }

  public static ObligationPosition of(Obligation obligation) {
    return new ObligationPosition(obligation.dueAt(), obligation.id());
  }

  @Override
  public int compareTo(ObligationPosition other) {
    int byTime = dueAt.compareTo(other.dueAt);
    return byTime != 0 ? byTime : id.compareTo(other.id);
  }
}
