package dev.etiquette.crm.api.interaction;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.PartyId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A thread of interactions between the business and one party on one channel: a support ticket, an e-mail
 * thread, a chat. It is opened by the first interaction recorded with its id, and keeps what the etiquette
 * rules need to know about it without reading its history: its state, since when, and when each side last
 * spoke.
 *
 * <p>The instants that summarize the interactions ({@code openedAt}, {@code firstInboundAt},
 * {@code lastInboundAt}, {@code lastOutboundAt}) are taken over their {@code occurredAt}, not over the order
 * in which they were recorded, so a back-dated interaction (an import, a late webhook) counts where it
 * happened.
 *
 * @param tenantId the tenant
 * @param id the host's id of the conversation
 * @param party the party; every interaction of the conversation is with this party
 * @param channel the channel; every interaction of the conversation is on this channel
 * @param state where it stands
 * @param openedAt when its earliest interaction occurred
 * @param stateChangedAt when the state last changed: when the host changed it, by the library's clock; when
 *     an inbound interaction reopened it, that interaction's {@code occurredAt}; on creation, the
 *     {@code occurredAt} of the interaction that opened it
 * @param firstInboundAt when the party first wrote in it; empty if it never did
 * @param lastInboundAt when the party last wrote in it; empty if it never did
 * @param lastOutboundAt when the business last wrote in it; empty if it never did
 * @param firstReplyAt when the business first wrote in it at or after {@code firstInboundAt}: the first response;
 *     empty while there is none
 * @param firstReplyBusinessTime the open time of the tenant's business calendar from {@code firstInboundAt} to
 *     {@code firstReplyAt} (the elapsed time when the tenant has no calendar), as computed when the reply was
 *     recorded; present exactly when {@code firstReplyAt} is
 * @param interactionCount how many interactions it holds, at least 1
 * @param version 1 when opened, one more with every change: every interaction recorded in it and every
 *     change of state
 * @param createdAt when the library opened it, by its clock
 * @param updatedAt when it last changed, by the library's clock
 */
public record Conversation(
    TenantId tenantId,
    ConversationId id,
    PartyId party,
    Channel channel,
    ConversationState state,
    Instant openedAt,
    Instant stateChangedAt,
    Optional<Instant> firstInboundAt,
    Optional<Instant> lastInboundAt,
    Optional<Instant> lastOutboundAt,
    Optional<Instant> firstReplyAt,
    Optional<Duration> firstReplyBusinessTime,
    long interactionCount,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  public Conversation {
    requireNonNull(tenantId, "tenantId");
    requireNonNull(id, "id");
    requireNonNull(party, "party");
    requireNonNull(channel, "channel");
    requireNonNull(state, "state");
    requireNonNull(openedAt, "openedAt");
    requireNonNull(stateChangedAt, "stateChangedAt");
    requireNonNull(firstInboundAt, "firstInboundAt");
    requireNonNull(lastInboundAt, "lastInboundAt");
    requireNonNull(lastOutboundAt, "lastOutboundAt");
    requireNonNull(firstReplyAt, "firstReplyAt");
    requireNonNull(firstReplyBusinessTime, "firstReplyBusinessTime");
    if (firstReplyAt.isPresent() != firstReplyBusinessTime.isPresent()) {
      throw new IllegalArgumentException("firstReplyBusinessTime must be present exactly when firstReplyAt is");
    }
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
    if (interactionCount < 1) {
      throw new IllegalArgumentException("interactionCount must be at least 1, was " + interactionCount);
    }
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, was " + version);
    }
  }

  /**
   * Whether the business owes the party a reply: the conversation is not resolved, and the party wrote last
   * (its latest inbound interaction occurred after the latest outbound one, or there is no outbound one).
   * A conversation waiting on the customer may still owe a reply; the response rules pause its deadline.
   */
  public boolean awaitingReply() {
    return state != ConversationState.RESOLVED && lastInboundAt.isPresent()
        && (lastOutboundAt.isEmpty() || lastInboundAt.get().isAfter(lastOutboundAt.get()));
  }

  /** When its latest interaction, in either direction, occurred. */
  public Instant lastInteractionAt() {
    Instant in = lastInboundAt.orElse(openedAt);
    Instant out = lastOutboundAt.orElse(openedAt);
    return in.isAfter(out) ? in : out;
  }
}
