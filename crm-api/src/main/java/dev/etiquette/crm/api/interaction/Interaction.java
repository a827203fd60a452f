package dev.etiquette.crm.api.interaction;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedMap;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.PartyId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One touch between the business and a party, as recorded: an e-mail, a call, a meeting, a survey answer, a
 * purchase, a support-case event. Interactions are facts: once recorded they never change, and each names
 * who recorded it and when, so an interaction is its own audit record.
 *
 * @param tenantId the tenant
 * @param id the interaction's id, assigned when recorded
 * @param party the party the business was in touch with
 * @param kind what it was
 * @param channel where it happened
 * @param purpose why it happened
 * @param direction who made it: the party (inbound) or the business (outbound)
 * @param actor who recorded it: the user of the host application (the agent who replied, the rep who
 *     called) or {@link Actor#system()} for an integration
 * @param conversation the conversation it belongs to, if any
 * @param occurredAt when it happened; never after {@code recordedAt}
 * @param recordedAt when the library recorded it, by its clock
 * @param outcome the result in a few words ("voicemail", "booked a demo"), 1 to 500 characters, no
 *     control characters
 * @param attributes free, typed attributes by name (a survey's {@code score}, a purchase's {@code amount}),
 *     sorted by name
 */
public record Interaction(
    TenantId tenantId,
    InteractionId id,
    PartyId party,
    InteractionKind kind,
    Channel channel,
    Purpose purpose,
    Direction direction,
    Actor actor,
    Optional<ConversationId> conversation,
    Instant occurredAt,
    Instant recordedAt,
    Optional<String> outcome,
    Map<String, AttributeValue> attributes) {

  public Interaction {
    requireNonNull(tenantId, "tenantId");
    requireNonNull(id, "id");
    requireNonNull(party, "party");
    requireNonNull(kind, "kind");
    requireNonNull(channel, "channel");
    requireNonNull(purpose, "purpose");
    requireNonNull(direction, "direction");
    requireNonNull(actor, "actor");
    requireNonNull(conversation, "conversation");
    requireNonNull(occurredAt, "occurredAt");
    requireNonNull(recordedAt, "recordedAt");
    requireNonNull(outcome, "outcome");
    attributes = ImmutableSortedMap.copyOf(requireNonNull(attributes, "attributes"));
    if (occurredAt.isAfter(recordedAt)) {
      throw new IllegalArgumentException("occurredAt " + occurredAt + " must not be after recordedAt " + recordedAt);
    }
  }

  /** The attribute named {@code name}, or empty. */
  public Optional<AttributeValue> attribute(String name) {
    return Optional.ofNullable(attributes.get(requireNonNull(name, "name")));
  }
}
