package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Direction;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.party.AttributeValue;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of the interaction timeline: what a valid draft is, and how an interaction opens or changes its
 * conversation. Pure functions of their inputs: no storage, no clock.
 */
final class InteractionRules {

  static final int MAX_OUTCOME = 500;
  static final int MAX_ENUM_VALUE = 200;
  /** The earliest {@code occurredAt} accepted. */
  static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  private InteractionRules() {}

  /**
   * The interaction {@code draft} describes, recorded now by {@code actor}, or a ValidationException listing
   * every problem of the draft's own content (the party and the conversation are checked against the
   * storage by the caller).
   */
  static Interaction newInteraction(InteractionDraft draft, TenantId tenant, InteractionId id, Actor actor,
      Instant now) {
    List<Violation> violations = new ArrayList<>();
    Instant occurredAt = draft.occurredAt().map(t -> t.truncatedTo(ChronoUnit.MICROS)).orElse(now);
    if (occurredAt.isAfter(now)) {
      violations.add(new Violation("occurredAt", occurredAt.toString(), "must not be in the future (now is " + now
          + ")"));
    } else if (occurredAt.isBefore(EARLIEST)) {
      violations.add(new Violation("occurredAt", occurredAt.toString(), "must not be before " + EARLIEST));
    }
    if (draft.kind().alwaysInbound() && draft.direction() != Direction.INBOUND) {
      violations.add(new Violation("direction", draft.direction().name(), "a " + draft.kind()
          + " is always made by the party, so it must be INBOUND"));
    }
    draft.outcome().ifPresent(o -> InputValidator.checkText(o, "outcome", MAX_OUTCOME, true, violations));
    if (draft.attributes().size() > InteractionDraft.MAX_ATTRIBUTES) {
      violations.add(new Violation("attributes", draft.attributes().size() + " attributes", "must be at most "
          + InteractionDraft.MAX_ATTRIBUTES));
    }
    for (Map.Entry<String, AttributeValue> attribute : draft.attributes().entrySet()) {
      checkAttribute(attribute.getKey(), attribute.getValue(), violations);
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    return new Interaction(tenant, id, draft.party(), draft.kind(), draft.channel(), draft.purpose(),
        draft.direction(), actor, draft.conversation(), occurredAt, now, draft.outcome(), draft.attributes());
  }

  /** A free attribute: a well-formed name, and a value within the bounds party attributes have. */
  private static void checkAttribute(String name, AttributeValue value, List<Violation> violations) {
    boolean wellNamed = ATTRIBUTE_NAME.matcher(name).matches();
    String path = "attributes." + (wellNamed ? name : ValidationException.printable(name));
    if (!wellNamed) {
      violations.add(new Violation(path, ValidationException.printable(name),
          "an attribute name must be 1 to 64 characters from [A-Za-z0-9_], starting with a letter"));
    }
    if (value instanceof AttributeValue.StringValue s) {
      if (s.value().length() > PartyRules.MAX_STRING_ATTRIBUTE) {
        violations.add(new Violation(path, Masking.text(s.value()), "must be at most "
            + PartyRules.MAX_STRING_ATTRIBUTE + " characters, was " + s.value().length()));
      } else if (!InputValidator.isWellFormed(s.value())) {
        violations.add(new Violation(path, Masking.text(s.value()),
            "must be well-formed Unicode (it has an unpaired surrogate)"));
      }
    } else if (value instanceof AttributeValue.NumberValue n && PartyRules.plainDigits(n.value())
        > PartyRules.MAX_NUMBER_DIGITS) {
      violations.add(new Violation(path, n.value().toString(), "must have at most " + PartyRules.MAX_NUMBER_DIGITS
          + " digits when written out, was " + PartyRules.plainDigits(n.value())));
    } else if (value instanceof AttributeValue.EnumValue e) {
      InputValidator.checkText(e.value(), path, MAX_ENUM_VALUE, false, violations);
    }
  }

  /**
   * Adds a violation if {@code interaction} cannot join {@code conversation}: a conversation holds the
   * interactions of one party on one channel.
   */
  static void checkFits(Interaction interaction, Conversation conversation, List<Violation> violations) {
    String id = ValidationException.printable(conversation.id().value());
    if (!conversation.party().equals(interaction.party())) {
      violations.add(new Violation("conversation", id, "belongs to another party; a conversation holds the"
          + " interactions of one party"));
    }
    if (conversation.channel() != interaction.channel()) {
      violations.add(new Violation("conversation", id, "is a conversation on " + conversation.channel()
          + ", not on " + interaction.channel() + "; a conversation holds the interactions of one channel"));
    }
  }

  /** The conversation {@code interaction} opens: OPEN since it occurred, at version 1. */
  static Conversation open(Interaction interaction, Instant now) {
    Instant at = interaction.occurredAt();
    boolean inbound = interaction.direction() == Direction.INBOUND;
    Optional<Instant> in = inbound ? Optional.of(at) : Optional.empty();
    return new Conversation(interaction.tenantId(), interaction.conversation().orElseThrow(), interaction.party(),
        interaction.channel(), ConversationState.OPEN, at, at, in, in,
        inbound ? Optional.empty() : Optional.of(at), Optional.empty(), Optional.empty(), 1, 1, now, now);
  }

  /**
   * {@code conversation} with {@code interaction} taken in, at the next version: the summary instants over
   * every interaction's {@code occurredAt}; reopened when an inbound interaction occurred after the state
   * was last changed.
   */
  static Conversation takeIn(Conversation c, Interaction interaction, Instant now) {
    Instant at = interaction.occurredAt();
    boolean inbound = interaction.direction() == Direction.INBOUND;
    ConversationState state = c.state();
    Instant stateChangedAt = c.stateChangedAt();
    if (inbound && state != ConversationState.OPEN && at.isAfter(stateChangedAt)) {
      state = ConversationState.OPEN;
      stateChangedAt = at;
    }
    return new Conversation(c.tenantId(), c.id(), c.party(), c.channel(), state, min(c.openedAt(), at),
        stateChangedAt,
        inbound ? Optional.of(c.firstInboundAt().map(t -> min(t, at)).orElse(at)) : c.firstInboundAt(),
        inbound ? Optional.of(c.lastInboundAt().map(t -> max(t, at)).orElse(at)) : c.lastInboundAt(),
        inbound ? c.lastOutboundAt() : Optional.of(c.lastOutboundAt().map(t -> max(t, at)).orElse(at)),
        c.firstReplyAt(), c.firstReplyBusinessTime(), c.interactionCount() + 1, c.version() + 1, c.createdAt(), now);
  }

  /** {@code c} with another first reply (within the same change: the version stays). */
  static Conversation withFirstReply(Conversation c, Optional<Instant> reply, Optional<Duration> businessTime) {
    return new Conversation(c.tenantId(), c.id(), c.party(), c.channel(), c.state(), c.openedAt(), c.stateChangedAt(),
        c.firstInboundAt(), c.lastInboundAt(), c.lastOutboundAt(), reply, businessTime, c.interactionCount(),
        c.version(), c.createdAt(), c.updatedAt());
  }

  /** {@code c} in {@code state} since now, at the next version. */
  static Conversation withState(Conversation c, ConversationState state, Instant now) {
    return new Conversation(c.tenantId(), c.id(), c.party(), c.channel(), state, c.openedAt(), now,
        c.firstInboundAt(), c.lastInboundAt(), c.lastOutboundAt(), c.firstReplyAt(), c.firstReplyBusinessTime(),
        c.interactionCount(), c.version() + 1,
        c.createdAt(), now);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
