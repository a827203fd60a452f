package dev.etiquette.crm.notify;

/**
 * What one run of the relay did.
 *
 * @param digests digests it gathered from held deliveries
 * @param claimed deliveries it claimed
 * @param delivered deliveries their port accepted
 * @param retried deliveries that failed and wait for another attempt
 * @param deadLettered deliveries that failed for good
 * @param lost deliveries whose outcome it could not record because another relay had taken them over (their lease
 *     had expired); they may have been sent twice, with the same key
 */
public record RelayRun(int digests, int claimed, int delivered, int retried, int deadLettered, int lost) {

  /** The sum of two runs' counts. */
  public RelayRun plus(RelayRun other) {
    return new RelayRun(digests + other.digests, claimed + other.claimed, delivered + other.delivered,
        retried + other.retried, deadLettered + other.deadLettered, lost + other.lost);
  }
}
