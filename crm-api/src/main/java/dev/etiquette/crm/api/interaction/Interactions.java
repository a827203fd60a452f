package dev.etiquette.crm.api.interaction;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.DuplicateKeyException;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.StorageException;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.party.PartyId;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's interaction timeline: every inbound and outbound touch with its parties, and the
 * conversations they form. Every method reads and changes only the tenant of the
 * {@link dev.etiquette.crm.api.CrmTenant} it came from; a party, interaction or conversation of another
 * tenant is treated exactly as one that does not exist.
 *
 * <p>Interactions are recorded, never changed. Recording one also brings its conversation up to date, in
 * the same atomic step, so that a conversation always agrees with its interactions. Every query is served
 * by an index: recording an interaction and reading a page cost the same whether the tenant holds a
 * thousand interactions or a million.
 *
 * <p>Any method may throw {@link StorageException} when the storage fails; nothing is half-written then.
 */
public interface Interactions {

  /**
   * Records an interaction, with the tenant's actor as its {@link Interaction#actor() actor} and now, by
   * the library's clock, as its {@code recordedAt}.
   *
   * <p>When the draft names a conversation, recording it also updates that conversation in the same atomic
   * step:
   * <ul>
   *   <li>a new conversation id opens a conversation of the draft's party and channel, {@link
   *       ConversationState#OPEN OPEN}, at version 1 (the opening is audited);</li>
   *   <li>an existing conversation must be of the same party and channel; its summary ({@code openedAt},
   *       first and last inbound, last outbound, count) takes the interaction in, and its version grows by
   *       one;</li>
   *   <li>an <em>inbound</em> interaction that occurred after the conversation's {@code stateChangedAt}
   *       reopens a conversation that is {@link ConversationState#WAITING_ON_CUSTOMER WAITING_ON_CUSTOMER}
   *       or {@link ConversationState#RESOLVED RESOLVED}: the party wrote again, so the business has the
   *       next move (as a customer's reply reopens a Zendesk ticket). The change of state is audited.
   *       Outbound interactions never change the state.</li>
   * </ul>
   *
   * <p>The party's last contact on the channel ({@link #lastContacts}) follows in the same step.
   *
   * @return the interaction as stored
   * @throws ValidationException listing every problem with the draft: an {@code occurredAt} in the future
   *     or before 1900, an outcome that is blank, longer than 500 characters or has control characters, a
   *     malformed attribute name, a string attribute longer than 10,000 characters or not well-formed
   *     Unicode, an enum attribute value that is blank, longer than 200 characters or has control
   *     characters, more than {@value InteractionDraft#MAX_ATTRIBUTES} attributes, a survey answer or a
   *     purchase that is not inbound, or a conversation that belongs to another party or channel
   * @throws NotFoundException if the tenant has no such party
   */
  Interaction record(InteractionDraft draft);

  /**
   * Like {@link #record(InteractionDraft)}, but at most once per {@code idempotencyKey}: if an interaction
   * was already recorded with this key in this tenant, that interaction is returned and nothing is
   * recorded. A webhook delivered twice, or a client retrying after a timeout, passes the same key (the
   * message id of an e-mail, the event id of a webhook) and records the interaction once.
   *
   * @param idempotencyKey the client's key for this interaction, 1 to 200 characters, no control
   *     characters
   * @throws ValidationException as {@link #record(InteractionDraft)} does, or if the key was used with a
   *     different draft
   * @throws NotFoundException if the tenant has no such party
   * @throws DuplicateKeyException if a concurrent call with the same key recorded it first and could not be
   *     seen yet (repeating the call returns it)
   */
  Interaction record(InteractionDraft draft, String idempotencyKey);

  /**
   * Returns the interaction with {@code id}.
   *
   * @throws NotFoundException if the tenant has no such interaction
   */
  Interaction get(InteractionId id);

  /** Returns the interaction with {@code id}, or empty if the tenant has none. */
  Optional<Interaction> find(InteractionId id);

  /**
   * Returns one page of a party's timeline, newest first: ordered by {@code occurredAt}, latest first, and
   * among interactions that occurred at the same instant by id, greatest first. The order is on immutable
   * values, so the paging guarantee of {@link PageRequest} holds: an interaction recorded while paging
   * appears if it falls after the page already read (a back-dated one), not otherwise. A party without
   * interactions, or one the tenant does not have, has an empty timeline.
   *
   * @throws ValidationException if the cursor is not one this method returned for the same party
   */
  Page<Interaction> timeline(PartyId party, PageRequest page);

  /**
   * Returns the conversation with {@code id}.
   *
   * @throws NotFoundException if the tenant has no such conversation
   */
  Conversation conversation(ConversationId id);

  /** Returns the conversation with {@code id}, or empty if the tenant has none. */
  Optional<Conversation> findConversation(ConversationId id);

  /**
   * Returns one page of a conversation's interactions, oldest first: ordered by {@code occurredAt}, and
   * among interactions that occurred at the same instant by id. A conversation the tenant does not have is
   * empty.
   *
   * @throws ValidationException if the cursor is not one this method returned for the same conversation
   */
  Page<Interaction> conversationTimeline(ConversationId id, PageRequest page);

  /**
   * The party's latest interaction on each channel, in either direction: per channel, the interaction that
   * comes first in the party's {@link #timeline}. Channels without interactions are absent; the map
   * iterates in the order of {@link Channel}. A party the tenant does not have has none.
   */
  Map<Channel, Interaction> lastContacts(PartyId party);

  /**
   * Sets a conversation's state, as the host application's workflow decides (an agent asks the customer a
   * question: {@link ConversationState#WAITING_ON_CUSTOMER}; the issue is solved:
   * {@link ConversationState#RESOLVED}). The change is audited and gives the conversation a new version and
   * a new {@code stateChangedAt}, now by the library's clock. Setting the state it already has changes
   * nothing and returns it as it is.
   *
   * @param expectedVersion the version the caller read; recording an interaction in the conversation also
   *     changes it, so a state set without having seen the party's latest message is refused
   * @return the conversation as stored
   * @throws NotFoundException if the tenant has no such conversation
   * @throws VersionConflictException if it is no longer at {@code expectedVersion}
   */
  Conversation setConversationState(ConversationId id, long expectedVersion, ConversationState state);
}
