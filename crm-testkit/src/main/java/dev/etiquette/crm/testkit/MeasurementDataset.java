package dev.etiquette.crm.testkit;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactReceipt;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.measure.LedgerEntry;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.spi.Storage;
import java.util.List;

/**
 * The records the {@linkplain dev.etiquette.crm.api.spi.FactStore measurement aggregates} read, for one tenant:
 * parties (with their lifecycle histories), interactions, conversations, obligations, contact-ledger entries and
 * the programme's ledger. {@link MeasurementSamples#dataset} builds the hand-computed one of the contract suite;
 * {@link DomainArbitraries#measurementDatasets()} generates them.
 *
 * @param tenant the tenant every record belongs to
 * @param parties the parties, ids unique
 * @param interactions the interactions, ids unique, of the parties
 * @param conversations the conversations, ids unique, of the parties
 * @param obligations the obligations, ids unique, of the parties
 * @param contacts the contact-ledger entries, ids unique, of the parties
 * @param ledger the programme's ledger, ids unique
 */
public record MeasurementDataset(TenantId tenant, List<Party> parties, List<Interaction> interactions,
    List<Conversation> conversations, List<Obligation> obligations, List<ContactEntry> contacts,
    List<LedgerEntry> ledger) {

  public MeasurementDataset {
    requireNonNull(tenant, "tenant");
    parties = ImmutableList.copyOf(parties);
    interactions = ImmutableList.copyOf(interactions);
    conversations = ImmutableList.copyOf(conversations);
    obligations = ImmutableList.copyOf(obligations);
    contacts = ImmutableList.copyOf(contacts);
    ledger = ImmutableList.copyOf(ledger);
  }

  /** Writes every record into the storage, in one write transaction (parties first). */
  public void writeTo(Storage storage) {
    storage.write(tx -> {
      parties.forEach(tx.parties()::insert);
      conversations.forEach(tx.conversations()::insert);
      interactions.forEach(tx.interactions()::insert);
      obligations.forEach(tx.obligations()::insert);
      contacts.forEach(tx.contacts()::insert);
      ledger.forEach(entry -> tx.measurements().addLedgerEntry(tenant, entry));
      return null;
    });
  }

  /** The same records in another tenant: every record's tenant replaced, nothing else. */
  public MeasurementDataset inTenant(TenantId other) {
    requireNonNull(other, "other");
    return new MeasurementDataset(other,
        parties.stream().map(p -> new Party(other, p.id(), p.kind(), p.displayName(), p.roles(), p.externalIds(),
            p.contactPoints(), p.preferences(), p.consents(), p.doNotContact(), p.lifecycle(), p.owner(), p.team(),
            p.tags(), p.attributes(), p.version(), p.createdAt(), p.updatedAt())).toList(),
        interactions.stream().map(i -> new Interaction(other, i.id(), i.party(), i.kind(), i.channel(), i.purpose(),
            i.direction(), i.actor(), i.conversation(), i.occurredAt(), i.recordedAt(), i.outcome(), i.attributes()))
            .toList(),
        conversations.stream().map(c -> new Conversation(other, c.id(), c.party(), c.channel(), c.state(),
            c.openedAt(), c.stateChangedAt(), c.firstInboundAt(), c.lastInboundAt(), c.lastOutboundAt(),
            c.firstReplyAt(), c.firstReplyBusinessTime(), c.interactionCount(), c.version(), c.createdAt(),
            c.updatedAt())).toList(),
        obligations.stream().map(o -> new Obligation(other, o.id(), o.rule(), o.kind(), o.party(), o.conversation(),
            o.priority(), o.trigger(), o.action(), o.assignee(), o.state(), o.calendar(), o.target(), o.opensAt(),
            o.clockAnchor(), o.clockReading(), o.pausedSince(), o.warnAt(), o.dueAt(), o.escalations(), o.warnedAt(),
            o.breachedAt(), o.escalated(), o.settledAt(), o.settledBy(), o.history(), o.version(), o.createdAt(),
            o.updatedAt())).toList(),
        contacts.stream().map(e -> {
          ContactReceipt r = e.receipt();
          return new ContactEntry(other, e.id(), e.status(), new ContactReceipt(other, r.request(), r.decidedAt(),
              r.verdict(), r.rules(), r.consent(), r.exemption(), r.nextAllowedAt()), e.sender(), e.version(),
              e.createdAt(), e.updatedAt());
        }).toList(),
        ledger);
  }
}
