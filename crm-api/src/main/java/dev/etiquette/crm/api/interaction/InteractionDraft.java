package dev.etiquette.crm.api.interaction;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.PartyId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An interaction to record. A draft may hold invalid content; {@link Interactions#record} checks it and
 * reports every problem at once. Build one with {@link #inbound} or {@link #outbound}:
 *
 * <pre>{@code
 * InteractionDraft.inbound(ada.id(), Channel.EMAIL, Purpose.SERVICE)
 *     .conversation("ZD-48213")
 *     .occurredAt(receivedAt)
 *     .build();
 * }</pre>
 *
 * @param party the party; must exist in the tenant
 * @param kind what it is
 * @param channel where it happened
 * @param purpose why
 * @param direction who made it
 * @param conversation the conversation it belongs to: an existing one of the same party and channel, or a
 *     new id, which opens a conversation
 * @param occurredAt when it happened: not in the future, not before 1900; empty means now, by the library's
 *     clock. Kept to the microsecond; finer digits are dropped
 * @param outcome the result in a few words, 1 to 500 characters, no control characters
 * @param attributes free, typed attributes: names of 1 to 64 characters from {@code [A-Za-z0-9_]} starting
 *     with a letter, at most {@value #MAX_ATTRIBUTES}
 */
public record InteractionDraft(
    PartyId party,
    InteractionKind kind,
    Channel channel,
    Purpose purpose,
    Direction direction,
    Optional<ConversationId> conversation,
    Optional<Instant> occurredAt,
    Optional<String> outcome,
    Map<String, AttributeValue> attributes) {

  /** The most attributes an interaction may have. */
  public static final int MAX_ATTRIBUTES = 50;

  public InteractionDraft {
    requireNonNull(party, "party");
    requireNonNull(kind, "kind");
    requireNonNull(channel, "channel");
    requireNonNull(purpose, "purpose");
    requireNonNull(direction, "direction");
    requireNonNull(conversation, "conversation");
    requireNonNull(occurredAt, "occurredAt");
    requireNonNull(outcome, "outcome");
    attributes = ImmutableMap.copyOf(requireNonNull(attributes, "attributes"));
  }

  /** Starts a draft of a {@link InteractionKind#CONTACT} made by the party. */
  public static Builder inbound(PartyId party, Channel channel, Purpose purpose) {
    return new Builder(party, channel, purpose, Direction.INBOUND);
  }

  /** Starts a draft of a {@link InteractionKind#CONTACT} made by the business. */
  public static Builder outbound(PartyId party, Channel channel, Purpose purpose) {
    return new Builder(party, channel, purpose, Direction.OUTBOUND);
  }

  /** Builds an {@link InteractionDraft}. Each method rejects {@code null}; content is checked on record. */
  public static final class Builder {
    private final PartyId party;
    private final Channel channel;
    private final Purpose purpose;
    private final Direction direction;
    private InteractionKind kind = InteractionKind.CONTACT;
    private ConversationId conversation;
    private Instant occurredAt;
    private String outcome;
    private final Map<String, AttributeValue> attributes = new LinkedHashMap<>();

    private Builder(PartyId party, Channel channel, Purpose purpose, Direction direction) {
      this.party = requireNonNull(party, "party");
      this.channel = requireNonNull(channel, "channel");
      this.purpose = requireNonNull(purpose, "purpose");
      this.direction = direction;
    }

    /** What it is; {@link InteractionKind#CONTACT} unless set. */
    public Builder kind(InteractionKind kind) {
      this.kind = requireNonNull(kind, "kind");
      return this;
    }

    public Builder conversation(ConversationId conversation) {
      this.conversation = requireNonNull(conversation, "conversation");
      return this;
    }

    /**
     * The conversation, by the host's id.
     *
     * @throws dev.etiquette.crm.api.ValidationException if the id does not have {@link ConversationId}'s
     *     format
     */
    public Builder conversation(String conversation) {
      return conversation(ConversationId.of(conversation));
    }

    public Builder occurredAt(Instant occurredAt) {
      this.occurredAt = requireNonNull(occurredAt, "occurredAt");
      return this;
    }

    public Builder outcome(String outcome) {
      this.outcome = requireNonNull(outcome, "outcome");
      return this;
    }

    /** Sets the attribute {@code name}, replacing an earlier value of the same name. */
    public Builder attribute(String name, AttributeValue value) {
      attributes.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
      return this;
    }

    public InteractionDraft build() {
      return new InteractionDraft(party, kind, channel, purpose, direction, Optional.ofNullable(conversation),
          Optional.ofNullable(occurredAt), Optional.ofNullable(outcome), attributes);
    }
  }
}
