package dev.etiquette.crm.api.notification;

/**
 * How many deliveries the outbox holds in each state.
 *
 * @param held waiting for their digest
 * @param pending waiting to be sent (including those waiting for a retry)
 * @param inFlight claimed by a relay
 * @param delivered accepted by their port
 * @param dead dead letters, waiting to be requeued
 * @param digested sent in a digest
 */
public record OutboxStats(long held, long pending, long inFlight, long delivered, long dead, long digested) {

  /** The count of {@code status}. */
  public long count(DeliveryStatus status) {
    return switch (status) {
      case HELD -> held;
      case PENDING -> pending;
      case IN_FLIGHT -> inFlight;
      case DELIVERED -> delivered;
      case DEAD -> dead;
      case DIGESTED -> digested;
    };
  }
}
