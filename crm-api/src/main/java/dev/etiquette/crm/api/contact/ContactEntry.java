package dev.etiquette.crm.api.contact;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.PartyId;
import java.time.Instant;

/**
 * One entry of the contact ledger: an outbound contact asked for through a reservation, with the receipt of its
 * decision. The ledger is one for every channel and sender of the tenant.
 *
 * @param tenant the tenant
 * @param id the entry's id
 * @param status where it stands
 * @param receipt the decision, with the request (party, channel, purpose, instant)
 * @param sender the actor that asked
 * @param version 1 when entered, one more on each change
 * @param createdAt when it was entered
 * @param updatedAt when it last changed
 */
public record ContactEntry(TenantId tenant, ContactId id, ContactStatus status, ContactReceipt receipt, Actor sender,
    long version, Instant createdAt, Instant updatedAt) {

  public ContactEntry {
    requireNonNull(tenant, "tenant");
    requireNonNull(id, "id");
    requireNonNull(status, "status");
    requireNonNull(receipt, "receipt");
    requireNonNull(sender, "sender");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
    if (!receipt.tenant().equals(tenant)) {
      throw new IllegalArgumentException("the receipt belongs to tenant " + receipt.tenant() + ", not " + tenant);
    }
    if ((status == ContactStatus.DENIED) == receipt.allowed()) {
      throw new IllegalArgumentException("an entry is DENIED exactly when its receipt denies, not " + status);
    }
  }

  public PartyId party() {
    return receipt.request().party();
  }

  public Channel channel() {
    return receipt.request().channel();
  }

  public Purpose purpose() {
    return receipt.request().purpose();
  }

  /** The instant of the contact. */
  public Instant at() {
    return receipt.request().at();
  }

  /** Whether frequency caps count this entry: reserved or sent, and not exempt. */
  public boolean counted() {
    return status.occupiesSlot() && receipt.exemption().isEmpty();
  }

  /** This entry in another status, one version later. */
  public ContactEntry withStatus(ContactStatus newStatus, Instant at) {
    return new ContactEntry(tenant, id, newStatus, receipt, sender, version + 1, createdAt, at);
  }
}
