package dev.etiquette.crm.api.obligation;

/**
 * What one call to process due work did: how many obligations it opened, warned about, breached and escalated.
 * Each counts events, not obligations: an obligation whose warning, deadline and first escalation all passed
 * since the last call counts once in each of {@code warned}, {@code breached} and {@code escalated}.
 *
 * @param opened scheduled obligations that reached their opening
 * @param warned warnings given
 * @param breached obligations breached
 * @param escalated escalation steps that fell
 */
public record DueWork(int opened, int warned, int breached, int escalated) {

  /** Nothing was due. */
  public static final DueWork NONE = new DueWork(0, 0, 0, 0);

  /** The sum of this and {@code other}. */
  public DueWork plus(DueWork other) {
    return new DueWork(opened + other.opened, warned + other.warned, breached + other.breached,
        escalated + other.escalated);
  }

  /** How many events in all. */
  public int total() {
    return opened + warned + breached + escalated;
  }
}
