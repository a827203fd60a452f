package dev.etiquette.crm.replay;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.contact.ContactReceipt;
import dev.etiquette.crm.api.contact.ContactStatus;
import java.util.Optional;

/**
 * A contact decision of a replay, from a {@link Step.Decide} or {@link Step.Reserve} step.
 *
 * @param step the step's index in {@link Scenario#steps()}, from 0 (as in the JSON path {@code $.steps[3]})
 * @param party the party's reference
 * @param ref the reservation's reference, if the step named one
 * @param contactId the id of the contact ledger entry, for a reservation
 * @param status where the ledger entry stands at the end of the replay (after any confirmation or release), for a
 *     reservation
 * @param receipt the decision's receipt: the verdict, every rule evaluated with its verdict and reason, the
 *     consent relied on, the exemption, and for a denial the next allowed instant
 */
public record ReplayDecision(int step, String party, Optional<String> ref, Optional<String> contactId,
    Optional<ContactStatus> status, ContactReceipt receipt) {

  public ReplayDecision {
    requireNonNull(party, "party");
    requireNonNull(ref, "ref");
    requireNonNull(contactId, "contactId");
    requireNonNull(status, "status");
    requireNonNull(receipt, "receipt");
  }

  /** This decision with the ledger entry in {@code newStatus}. */
  ReplayDecision withStatus(ContactStatus newStatus) {
    return new ReplayDecision(step, party, ref, contactId, Optional.of(newStatus), receipt);
  }
}
