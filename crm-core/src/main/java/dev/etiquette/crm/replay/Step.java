package dev.etiquette.crm.replay;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Direction;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.PartyChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a {@link Scenario}: something that happens at {@link #at()}. Before a step runs, the replay's clock
 * is set to its instant, so that the library records it as happening then. In JSON a step is an object whose
 * {@code "type"} names the kind: {@code record_interaction}, {@code decide}, {@code reserve}, {@code confirm},
 * {@code release}, {@code set_conversation_state}, {@code record_consent}, {@code update_party} or
 * {@code advance}. Party references ({@code party}) are those of {@link Scenario#parties()}.
 */
public sealed interface Step {

  /** When the step happens: never before the scenario's start nor before the step before it. */
  Instant at();

  /**
   * An interaction happens (and is recorded, with {@code at} as its {@code occurredAt}): an inbound message that
   * opens a conversation creates a response obligation, an outbound reply satisfies it, and so on.
   *
   * @param at when it occurred
   * @param party the party's reference
   * @param kind what it is
   * @param channel where it happened
   * @param purpose why
   * @param direction who made it
   * @param conversation the conversation it belongs to; a new id opens one
   * @param outcome the result in a few words
   * @param attributes free, typed attributes (a {@code priority} picks a response target)
   */
  record RecordInteraction(Instant at, String party, InteractionKind kind, Channel channel, Purpose purpose,
      Direction direction, Optional<ConversationId> conversation, Optional<String> outcome,
      Map<String, AttributeValue> attributes) implements Step {

    public RecordInteraction {
      requireNonNull(at, "at");
      requireNonNull(party, "party");
      requireNonNull(kind, "kind");
      requireNonNull(channel, "channel");
      requireNonNull(purpose, "purpose");
      requireNonNull(direction, "direction");
      requireNonNull(conversation, "conversation");
      requireNonNull(outcome, "outcome");
      attributes = ImmutableMap.copyOf(requireNonNull(attributes, "attributes"));
    }
  }

  /**
   * The host asks whether it may contact the party now, storing nothing: the decision and its receipt go into the
   * outcome.
   *
   * @param at when the contact would be made, and when it is asked
   * @param party the party's reference
   * @param channel the channel
   * @param purpose the purpose
   */
  record Decide(Instant at, String party, Channel channel, Purpose purpose) implements Step {

    public Decide {
      requireNonNull(at, "at");
      requireNonNull(party, "party");
      requireNonNull(channel, "channel");
      requireNonNull(purpose, "purpose");
    }
  }

  /**
   * The host decides and reserves a contact now: an allowed one enters the contact ledger as reserved (caps count
   * it), a denied one as denied.
   *
   * @param at when the contact would be made, and when it is asked
   * @param party the party's reference
   * @param channel the channel
   * @param purpose the purpose
   * @param ref the scenario's name for the reservation, for a later {@link Confirm} or {@link Release}: same
   *     format as a party reference, unique among the scenario's reservations
   */
  record Reserve(Instant at, String party, Channel channel, Purpose purpose, Optional<String> ref) implements Step {

    public Reserve {
      requireNonNull(at, "at");
      requireNonNull(party, "party");
      requireNonNull(channel, "channel");
      requireNonNull(purpose, "purpose");
      requireNonNull(ref, "ref");
    }
  }

  /**
   * The sender confirms it sent a reserved contact. When the reservation was denied (under the rule set
   * replayed), the sender could not have sent it, and the step does nothing.
   *
   * @param at when
   * @param contact the {@link Reserve#ref()} of an earlier reservation
   */
  record Confirm(Instant at, String contact) implements Step {

    public Confirm {
      requireNonNull(at, "at");
      requireNonNull(contact, "contact");
    }
  }

  /**
   * The sender releases a reserved contact it did not send: caps stop counting it. When the reservation was
   * denied, the step does nothing.
   *
   * @param at when
   * @param contact the {@link Reserve#ref()} of an earlier reservation
   */
  record Release(Instant at, String contact) implements Step {

    public Release {
      requireNonNull(at, "at");
      requireNonNull(contact, "contact");
    }
  }

  /**
   * The host's workflow sets a conversation's state ({@code WAITING_ON_CUSTOMER} pauses its response obligations,
   * {@code OPEN} resumes them).
   *
   * @param at when
   * @param conversation a conversation an earlier {@link RecordInteraction} opened
   * @param state the new state
   */
  record SetConversationState(Instant at, ConversationId conversation, ConversationState state) implements Step {

    public SetConversationState {
      requireNonNull(at, "at");
      requireNonNull(conversation, "conversation");
      requireNonNull(state, "state");
    }
  }

  /**
   * A consent statement is recorded for the party (an opt-out, a new opt-in); without a {@code capturedAt} it is
   * captured at {@code at}.
   *
   * @param at when it is recorded
   * @param party the party's reference
   * @param consent the statement
   */
  record RecordConsent(Instant at, String party, ConsentDraft consent) implements Step {

    public RecordConsent {
      requireNonNull(at, "at");
      requireNonNull(party, "party");
      requireNonNull(consent, "consent");
    }
  }

  /**
   * The party's record changes (its do-not-contact flag, preferences, owner, tags, ...).
   *
   * @param at when
   * @param party the party's reference
   * @param changes the changes, applied in order as one update
   */
  record UpdateParty(Instant at, String party, List<PartyChange> changes) implements Step {

    public UpdateParty {
      requireNonNull(at, "at");
      requireNonNull(party, "party");
      changes = ImmutableList.copyOf(requireNonNull(changes, "changes"));
    }
  }

  /**
   * Time passes to {@code at}, where the host's scheduler processes due work: every warning, breach, escalation
   * and scheduled opening due by then happens, and is notified. Other steps do not process due work: add an
   * advance wherever the scheduler would have run (at the end of a scenario, to see what time alone does).
   *
   * @param at the instant the clock moves to
   */
  record Advance(Instant at) implements Step {

    public Advance {
      requireNonNull(at, "at");
    }
  }
}
