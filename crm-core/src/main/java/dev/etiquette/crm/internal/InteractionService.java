package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.Maps;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Direction;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.interaction.Interactions;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.spi.StorageTransaction;
import dev.etiquette.crm.api.spi.TimelinePosition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.Set;
import java.util.function.Supplier;

/** {@link Interactions} for one tenant and actor. */
final class InteractionService implements Interactions {

  static final String RECORD_TYPE = "interaction";
  static final String CONVERSATION = "conversation";

  /** How many interactions a search for a conversation's first reply reads at a time. */
  private static final int REPLY_SCAN_PAGE = 200;

  /**
   * How often a recording is repeated when a concurrent one opened the same new conversation first, or
   * changed it in a store that does not lock for update (the loser's transaction is rolled back whole and
   * runs again on the new state).
   */
  static final int CONVERSATION_ATTEMPTS = 10;

  private final CrmRuntime runtime;
  private final TenantId tenant;
  private final Actor actor;
  private final InteractionHook hook;

  InteractionService(CrmRuntime runtime, TenantId tenant, Actor actor, InteractionHook hook) {
    this.runtime = runtime;
    this.tenant = tenant;
    this.actor = actor;
    this.hook = requireNonNull(hook, "hook");
  }

  // ------------------------------------------------------------------------------------------------ recording

  @Override
  public Interaction record(InteractionDraft draft) {
    requireNonNull(draft, "draft");
    return recordRacing(() -> runtime.writeNotifying((tx, outbox) -> record(tx, draft, outbox)));
  }

  @Override
  public Interaction record(InteractionDraft draft, String idempotencyKey) {
    requireNonNull(draft, "draft");
    requireNonNull(idempotencyKey, "idempotencyKey");
    String key = Idempotency.checkKey(idempotencyKey);
    String fingerprint = Idempotency.fingerprint(draft);
    return recordRacing(() -> runtime.writeNotifying((tx, outbox) -> Idempotency.once(tx, tenant, RECORD_TYPE, key,
        fingerprint, id -> tx.interactions().find(tenant, InteractionId.of(id)), () -> record(tx, draft, outbox),
        interaction -> interaction.id().value(), Interaction::recordedAt)));
  }

  /**
   * Runs a recording, again when a concurrent recording opened the same new conversation first (its id
   * caught it) or, in a store whose {@code findForUpdate} does not lock, changed it first (its version
   * caught it), or when a concurrent change of the same party created or changed one of its obligations first;
   * this transaction was rolled back whole.
   */
  private Interaction recordRacing(Supplier<Interaction> recording) {
    return Races.retry(recording, Set.of(CONVERSATION, ObligationEngine.RECORD_TYPE), CONVERSATION_ATTEMPTS);
  }

  /**
   * Records one interaction in {@code tx}: checks it, brings its conversation up to date, stores both and
   * hands them to the hook, all in the one transaction.
   */
  private Interaction record(StorageTransaction tx, InteractionDraft draft, Outbox outbox) {
    Instant now = runtime.now();
    Interaction interaction = InteractionRules.newInteraction(draft, tenant,
        InteractionId.of(runtime.newId(RECORD_TYPE)), actor, now);
    Party party = tx.parties().find(tenant, draft.party())
        .orElseThrow(() -> new NotFoundException(PartyService.RECORD_TYPE, draft.party().value()));
    Optional<Conversation> before = Optional.empty();
    Optional<Conversation> after = Optional.empty();
    if (interaction.conversation().isPresent()) {
      ConversationId id = interaction.conversation().get();
      before = tx.conversations().findForUpdate(tenant, id);
      if (before.isPresent()) {
        List<Violation> violations = new ArrayList<>();
        InteractionRules.checkFits(interaction, before.get(), violations);
        if (!violations.isEmpty()) {
          throw new ValidationException(violations);
        }
        after = Optional.of(firstReply(tx, before.get(), InteractionRules.takeIn(before.get(), interaction, now),
            interaction));
      } else {
        after = Optional.of(InteractionRules.open(interaction, now));
      }
    }
    // the writes, always in this order (conversation, interaction, audit) so that concurrent recordings
    // take their locks in the same order
    if (after.isPresent()) {
      if (before.isPresent()) {
        tx.conversations().update(after.get(), before.get().version());
      } else {
        tx.conversations().insert(after.get());
      }
    }
    tx.interactions().insert(interaction);
    if (after.isPresent() && before.isEmpty()) {
      audit(tx, after.get().id(), AuditAction.CREATED, List.of(
          new FieldChange("party", Optional.empty(), Optional.of(after.get().party().value())),
          new FieldChange("channel", Optional.empty(), Optional.of(after.get().channel().name())),
          new FieldChange("state", Optional.empty(), Optional.of(after.get().state().name()))), now);
    } else if (after.isPresent() && before.get().state() != after.get().state()) {
      audit(tx, after.get().id(), AuditAction.STATE_CHANGED, stateChange(before.get(), after.get()), now);
    }
    // the etiquette rules, in this same transaction: response obligations, their satisfaction and pauses,
    // follow-ups and dormancy check-ins
    hook.recorded(tx, new InteractionRecorded(interaction, party, before, after, actor, now), outbox);
    return interaction;
  }

  @Override
  public Conversation setConversationState(ConversationId id, long expectedVersion, ConversationState state) {
    requireNonNull(id, "id");
    requireNonNull(state, "state");
    return runtime.writeNotifying((tx, outbox) -> {
      Conversation current = tx.conversations().findForUpdate(tenant, id)
          .orElseThrow(() -> new NotFoundException(CONVERSATION, id.value()));
      if (current.version() != expectedVersion) {
        throw new VersionConflictException(CONVERSATION, id.value(), expectedVersion, current.version());
      }
      if (current.state() == state) {
        return current;
      }
      Instant now = runtime.now();
      Conversation changed = InteractionRules.withState(current, state, now);
      tx.conversations().update(changed, expectedVersion);
      audit(tx, id, AuditAction.STATE_CHANGED, stateChange(current, changed), now);
      // the etiquette rules: a pause starts or ends here, a resolution cancels
      hook.stateChanged(tx, new ConversationStateChanged(current, changed, actor, now), outbox);
      return changed;
    });
  }

  /**
   * {@code after} with its first reply brought up to date for {@code interaction}: the earliest outbound
   * interaction at or after the first inbound one, and the tenant calendar's business time between the two (the
   * elapsed time without a calendar), computed again whenever either instant moves. An outbound interaction can
   * only make the reply earlier; an inbound one that moves the first inbound earlier may bring an outbound
   * interaction recorded before it into play, so the conversation's stored interactions are read from the new
   * first inbound on.
   */
  private Conversation firstReply(StorageTransaction tx, Conversation before, Conversation after,
      Interaction interaction) {
    if (after.firstInboundAt().isEmpty()) {
      return after; // no inbound, nothing to reply to
    }
    Instant firstIn = after.firstInboundAt().get();
    boolean inboundMoved = !after.firstInboundAt().equals(before.firstInboundAt());
    Optional<Instant> reply = after.firstReplyAt();
    if (inboundMoved) {
      reply = earliestOutbound(tx, after, firstIn);
    } else if (interaction.direction() == Direction.OUTBOUND && !interaction.occurredAt().isBefore(firstIn)
        && reply.map(r -> interaction.occurredAt().isBefore(r)).orElse(true)) {
      reply = Optional.of(interaction.occurredAt());
    }
    if (!inboundMoved && reply.equals(after.firstReplyAt())) {
      return after;
    }
    Optional<Duration> business = reply.map(r -> SettingsService.settings(tx, tenant).calendar()
        .map(calendar -> calendar.businessTimeBetween(firstIn, r))
        .orElseGet(() -> Duration.between(firstIn, r)));
    return InteractionRules.withFirstReply(after, reply, business);
  }

  /** The earliest stored outbound interaction of the conversation that occurred at or after {@code from}. */
  private Optional<Instant> earliestOutbound(StorageTransaction tx, Conversation conversation, Instant from) {
    if (conversation.lastOutboundAt().map(last -> last.isBefore(from)).orElse(true)) {
      return Optional.empty();
    }
    // "-" is the least id: the first page starts with the interactions at from
    Optional<TimelinePosition> after = Optional.of(new TimelinePosition(from.minusNanos(1), InteractionId.of("-")));
    while (true) {
      List<Interaction> page = tx.interactions().ofConversation(tenant, conversation.id(), after, REPLY_SCAN_PAGE);
      for (Interaction i : page) {
        if (i.direction() == Direction.OUTBOUND && !i.occurredAt().isBefore(from)) {
          return Optional.of(i.occurredAt());
        }
      }
      if (page.size() < REPLY_SCAN_PAGE) {
        return Optional.empty();
      }
      after = Optional.of(TimelinePosition.of(page.get(page.size() - 1)));
    }
  }

  private static List<FieldChange> stateChange(Conversation before, Conversation after) {
    return List.of(new FieldChange("state", Optional.of(before.state().name()), Optional.of(after.state().name())));
  }

  private void audit(StorageTransaction tx, ConversationId id, AuditAction action, List<FieldChange> changes,
      Instant now) {
    tx.audit().append(new AuditEntry(tenant, 0, CONVERSATION, id.value(), action, actor, now, changes));
  }

  // ------------------------------------------------------------------------------------------------ reading

  @Override
  public Interaction get(InteractionId id) {
    return find(id).orElseThrow(() -> new NotFoundException(RECORD_TYPE, id.value()));
  }

  @Override
  public Optional<Interaction> find(InteractionId id) {
    requireNonNull(id, "id");
    return runtime.storage().read(tx -> tx.interactions().find(tenant, id));
  }

  @Override
  public Page<Interaction> timeline(PartyId party, PageRequest page) {
    requireNonNull(party, "party");
    requireNonNull(page, "page");
    return page(tenant + "|timeline|" + party.value(), page,
        (after, limit) -> runtime.storage().read(tx -> tx.interactions().ofParty(tenant, party, after, limit)));
  }

  @Override
  public Conversation conversation(ConversationId id) {
    return findConversation(id).orElseThrow(() -> new NotFoundException(CONVERSATION, id.value()));
  }

  @Override
  public Optional<Conversation> findConversation(ConversationId id) {
    requireNonNull(id, "id");
    return runtime.storage().read(tx -> tx.conversations().find(tenant, id));
  }

  @Override
  public Page<Interaction> conversationTimeline(ConversationId id, PageRequest page) {
    requireNonNull(id, "id");
    requireNonNull(page, "page");
    return page(tenant + "|conversation|" + id.value(), page,
        (after, limit) -> runtime.storage().read(tx -> tx.interactions().ofConversation(tenant, id, after, limit)));
  }

  @Override
  public Map<Channel, Interaction> lastContacts(PartyId party) {
    requireNonNull(party, "party");
    Map<Channel, Interaction> latest = new EnumMap<>(Channel.class);
    for (Interaction interaction : runtime.storage().read(tx -> tx.interactions().lastContacts(tenant, party))) {
      latest.put(interaction.channel(), interaction);
    }
    return Maps.immutableEnumMap(latest);
  }

  /** One page of a timeline, after the cursor's position. */
  private static Page<Interaction> page(String scope, PageRequest page,
      BiFunction<Optional<TimelinePosition>, Integer, List<Interaction>> fetch) {
    return Cursors.timedPage(scope, page, (at, id) -> new TimelinePosition(at, InteractionId.of(id)), fetch,
        Interaction::occurredAt, i -> i.id().value());
  }

}
