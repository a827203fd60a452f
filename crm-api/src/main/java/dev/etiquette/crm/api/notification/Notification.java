package dev.etiquette.crm.api.notification;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.RuleRef;
import java.time.Instant;

/**
 * A message to a stakeholder about an obligation: its warning, its breach, an escalation. The library writes a
 * notification in the same transaction as the change it tells of, so there is one notification per event, and
 * hands it to the {@link dev.etiquette.crm.api.spi.NotificationPort} after that transaction commits.
 *
 * @param tenantId the tenant
 * @param key unique within the tenant, and the same whoever creates it: {@code <obligation id>:warning},
 *     {@code <obligation id>:breach}, {@code <obligation id>:escalation:<step>}; a receiver can use it to drop
 *     repeats
 * @param kind what it tells
 * @param obligation the obligation it is about
 * @param party the customer the obligation is for
 * @param rule the rule that created the obligation
 * @param recipient who is told: the obligation's assignee, or the role it escalated to
 * @param at when the event fell due (the warning's instant, the deadline, the step's instant)
 * @param createdAt when the library wrote it, by its clock
 * @param message the event in a sentence, for people; it names no personal data of the customer, only ids
 */
public record Notification(
    TenantId tenantId,
    String key,
    NotificationKind kind,
    ObligationId obligation,
    PartyId party,
    RuleRef rule,
    AssignedTo recipient,
    Instant at,
    Instant createdAt,
    String message) {

  public Notification {
    requireNonNull(tenantId, "tenantId");
    requireNonNull(key, "key");
    requireNonNull(kind, "kind");
    requireNonNull(obligation, "obligation");
    requireNonNull(party, "party");
    requireNonNull(rule, "rule");
    requireNonNull(recipient, "recipient");
    requireNonNull(at, "at");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(message, "message");
  }
}
