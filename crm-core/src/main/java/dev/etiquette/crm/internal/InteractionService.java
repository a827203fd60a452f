package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.Maps;
import com.google.common.hash.Hashing;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.DuplicateKeyException;
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
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.interaction.Interactions;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.spi.IdempotencyRecord;
import dev.etiquette.crm.api.spi.StorageTransaction;
import dev.etiquette.crm.api.spi.TimelinePosition;
import dev.etiquette.crm.json.CrmJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** {@link Interactions} for one tenant and actor. */
final class InteractionService implements Interactions {

  static final String RECORD_TYPE = "interaction";
  static final String CONVERSATION = "conversation";

  /**
   * How often a recording is repeated when a concurrent one changed or opened the same conversation first
   * (the loser's transaction is rolled back whole and runs again on the new state).
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
    return recordRacing(() -> runtime.write(tx -> record(tx, draft)));
  }

  @Override
  public Interaction record(InteractionDraft draft, String idempotencyKey) {
    requireNonNull(draft, "draft");
    requireNonNull(idempotencyKey, "idempotencyKey");
    List<Violation> violations = new ArrayList<>();
    InputValidator.checkText(idempotencyKey, "idempotencyKey", 200, false, violations);
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    // canonical JSON: equal drafts give equal text, whatever order their attributes were put in
    String fingerprint = Hashing.sha256().hashString(CrmJson.toJson(draft), StandardCharsets.UTF_8).toString();
    return recordRacing(() -> runtime.write(tx -> {
      Optional<IdempotencyRecord> earlier = tx.idempotency().find(tenant, RECORD_TYPE, idempotencyKey);
      if (earlier.isPresent()) {
        if (!earlier.get().fingerprint().equals(fingerprint)) {
          throw ValidationException.of("idempotencyKey", idempotencyKey,
              "was used for a different draft on " + earlier.get().createdAt());
        }
        InteractionId id = InteractionId.of(earlier.get().recordId());
        return tx.interactions().find(tenant, id).orElseThrow(() -> new NotFoundException(RECORD_TYPE, id.value()));
      }
      Interaction interaction = record(tx, draft);
      tx.idempotency().insert(new IdempotencyRecord(tenant, idempotencyKey, RECORD_TYPE, interaction.id().value(),
          fingerprint, interaction.recordedAt()));
      return interaction;
    }));
  }

  /**
   * Runs a recording, again when a concurrent recording changed or opened the same conversation first: the
   * conversation's version (or its id, for a new one) caught it, and this transaction was rolled back whole.
   */
  private Interaction recordRacing(java.util.function.Supplier<Interaction> recording) {
    for (int attempt = 1; ; attempt++) {
      try {
        return recording.get();
      } catch (VersionConflictException | DuplicateKeyException e) {
        String type = e instanceof VersionConflictException v ? v.recordType()
            : ((DuplicateKeyException) e).recordType();
        if (!CONVERSATION.equals(type) || attempt >= CONVERSATION_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * Records one interaction in {@code tx}: checks it, brings its conversation up to date, stores both and
   * hands them to the hook, all in the one transaction.
   */
  private Interaction record(StorageTransaction tx, InteractionDraft draft) {
    Instant now = runtime.now();
    Interaction interaction = InteractionRules.newInteraction(draft, tenant,
        InteractionId.of(runtime.newId(RECORD_TYPE)), actor, now);
    if (tx.parties().find(tenant, draft.party()).isEmpty()) {
      throw new NotFoundException(PartyService.RECORD_TYPE, draft.party().value());
    }
    Optional<Conversation> before = Optional.empty();
    Optional<Conversation> after = Optional.empty();
    if (interaction.conversation().isPresent()) {
      ConversationId id = interaction.conversation().get();
      before = tx.conversations().find(tenant, id);
      if (before.isPresent()) {
        List<Violation> violations = new ArrayList<>();
        InteractionRules.checkFits(interaction, before.get(), violations);
        if (!violations.isEmpty()) {
          throw new ValidationException(violations);
        }
        after = Optional.of(InteractionRules.takeIn(before.get(), interaction, now));
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
    // -------------------------------------------------------------------------------------------------
    // Obligation evaluation (etiquette rules, part 2) is called here, in this same transaction:
    // first/next response obligations, their satisfaction, pauses, dormancy and follow-ups.
    hook.recorded(tx, new InteractionHook.Recorded(interaction, before, after, actor, now));
    // -------------------------------------------------------------------------------------------------
    return interaction;
  }

  @Override
  public Conversation setConversationState(ConversationId id, long expectedVersion, ConversationState state) {
    requireNonNull(id, "id");
    requireNonNull(state, "state");
    return runtime.write(tx -> {
      Conversation current = tx.conversations().find(tenant, id)
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
      // -----------------------------------------------------------------------------------------------
      // Obligation evaluation (etiquette rules, part 2): a pause starts or ends here.
      hook.stateChanged(tx, new InteractionHook.StateChanged(current, changed, actor, now));
      // -----------------------------------------------------------------------------------------------
      return changed;
    });
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
        after -> runtime.storage().read(tx -> tx.interactions().ofParty(tenant, party, after, page.limit() + 1)));
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
        after -> runtime.storage().read(tx -> tx.interactions().ofConversation(tenant, id, after, page.limit() + 1)));
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

  /**
   * One page: the items after the cursor's position ({@code limit + 1} fetched, to know whether another
   * page follows), and a cursor holding the last item's position.
   */
  private static Page<Interaction> page(String scope, PageRequest page,
      Function<Optional<TimelinePosition>, List<Interaction>> fetch) {
    Optional<TimelinePosition> after = page.cursor().map(c -> position(Cursors.decode(scope, c), c));
    List<Interaction> found = fetch.apply(after);
    if (found.size() > page.limit()) {
      List<Interaction> items = found.subList(0, page.limit());
      Interaction last = items.get(items.size() - 1);
      return new Page<>(items, Optional.of(Cursors.encode(scope, Cursors.micros(last.occurredAt()) + ":"
          + last.id().value())));
    }
    return new Page<>(found, Optional.empty());
  }

  /** The position a cursor's key {@code <micros>:<id>} names. */
  private static TimelinePosition position(String key, String cursor) {
    int colon = key.indexOf(':');
    try {
      if (colon < 1) {
        throw new IllegalArgumentException("no position");
      }
      return new TimelinePosition(Cursors.instant(Long.parseLong(key.substring(0, colon))),
          InteractionId.of(key.substring(colon + 1)));
    } catch (IllegalArgumentException | ValidationException e) {
      throw ValidationException.of("page.cursor", cursor, "is not a cursor returned by this method");
    }
  }
}
