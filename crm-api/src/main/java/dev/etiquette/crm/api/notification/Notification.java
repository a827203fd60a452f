package dev.etiquette.crm.api.notification;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.ContactId;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.RuleRef;
import java.time.Instant;
import java.util.Optional;

/**
 * An event worth telling someone about: an obligation's warning, its breach, an escalation, a contact refused
 * by the etiquette rules. The library writes a notification in the same transaction as the change it tells of,
 * so there is exactly one notification per event and none for a change that rolled back. The subscriptions
 * then turn it into one {@link Delivery} per stakeholder and channel, kept in the outbox until delivered.
 *
 * @param tenantId the tenant
 * @param key unique within the tenant, and the same whoever creates it: {@code <obligation id>:warning},
 *     {@code <obligation id>:breach}, {@code <obligation id>:escalation:<step>}, {@code <contact id>:denied},
 *     {@code kpi:<kpi id>:stale:<period start>}, {@code kpi:<kpi id>:off-track:<period start>}
 * @param kind what it tells
 * @param obligation the obligation it is about, for the obligation kinds
 * @param contact the ledger entry it is about, for {@link NotificationKind#CONTACT_DENIED}
 * @param party the customer it is about
 * @param rule the rule that created the obligation, or the first rule that refused the contact
 * @param kpi the KPI it is about, for {@link NotificationKind#KPI_STALE} and {@link NotificationKind#KPI_OFF_TRACK}
 * @param recipient to whom it is addressed: the obligation's assignee, the role it escalated to, the owner (else
 *     team) of a party whose contact was refused
 * @param at when the event happened or fell due (the warning's instant, the deadline, the step's instant, the
 *     refused contact's instant)
 * @param createdAt when the library wrote it, by its clock
 * @param message the event in a sentence, for people; it names no personal data of the customer, only ids
 */
public record Notification(
    TenantId tenantId,
    String key,
    NotificationKind kind,
    Optional<ObligationId> obligation,
    Optional<ContactId> contact,
    Optional<PartyId> party,
    Optional<RuleRef> rule,
    Optional<String> kpi,
    AssignedTo recipient,
    Instant at,
    Instant createdAt,
    String message) {

  public Notification {
    requireNonNull(tenantId, "tenantId");
    requireNonNull(key, "key");
    requireNonNull(kind, "kind");
    requireNonNull(obligation, "obligation");
    requireNonNull(contact, "contact");
    requireNonNull(party, "party");
    requireNonNull(rule, "rule");
    requireNonNull(kpi, "kpi");
    requireNonNull(recipient, "recipient");
    requireNonNull(at, "at");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(message, "message");
  }

  /** A notification about an obligation: its warning, breach or an escalation. */
  public static Notification ofObligation(TenantId tenantId, String key, NotificationKind kind,
      ObligationId obligation, PartyId party, RuleRef rule, AssignedTo recipient, Instant at, Instant createdAt,
      String message) {
    return new Notification(tenantId, key, kind, Optional.of(obligation), Optional.empty(), Optional.of(party),
        Optional.of(rule), Optional.empty(), recipient, at, createdAt, message);
  }
}
