package dev.etiquette.crm.api.notification;

/** Where a delivery is in the outbox. */
public enum DeliveryStatus {
  /** Waiting for its digest: it will be gathered into one, and is not sent on its own. */
  HELD,
  /** Waiting to be sent, from its next attempt's instant on. */
  PENDING,
  /** Claimed by a relay, whose lease on it has not expired yet (after that, another relay may take it over). */
  IN_FLIGHT,
  /** Its port accepted it. Final. */
  DELIVERED,
  /** Its attempts ran out, or it failed in a way a retry cannot mend; it waits to be requeued. */
  DEAD,
  /** It went out in a digest. Final. */
  DIGESTED
}
