package dev.etiquette.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.spi.NotificationPort;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The place where obligations will be evaluated: the hook runs inside the transaction that records the
 * interaction, sees the conversation before and after, and what it writes commits with the interaction or
 * not at all.
 */
class InteractionHookTest {

  static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
  static final TenantId ACME = TenantId.of("acme");

  CrmRuntime runtime;
  Party ada;

  @BeforeEach
  void setUp() {
    AtomicInteger ids = new AtomicInteger();
    runtime = new CrmRuntime(Clock.fixed(NOW, ZoneOffset.UTC), new InMemoryStorage(),
        type -> type + "-" + ids.incrementAndGet(), 1, Runnable::run, NotificationPort.NONE,
        dev.etiquette.crm.api.spi.StakeholderDirectory.ADDRESSEES, dev.etiquette.crm.notify.RelayPolicy.builder().build());
    ada = new PartyService(runtime, ACME, Actor.system(), PartyHook.NONE).create(PartyDraft.person("Ada").build());
  }

  private InteractionService service(InteractionHook hook) {
    return new InteractionService(runtime, ACME, Actor.user("alice"), hook);
  }

  private static InteractionDraft inbound(Party party) {
    return InteractionDraft.inbound(party.id(), Channel.EMAIL, Purpose.SERVICE).conversation("T-1").build();
  }

  @Test
  void theHookSeesTheRecordingAndWritesInItsTransaction() {
    List<InteractionRecorded> seen = new ArrayList<>();
    InteractionHook hook = new InteractionHook() {
      @Override
      public void recorded(dev.etiquette.crm.api.spi.StorageTransaction tx, InteractionRecorded recorded, Outbox outbox) {
        seen.add(recorded);
        // what an obligation engine does: read its state through tx and write in the same transaction
        assertThat(tx.interactions().find(ACME, recorded.interaction().id())).contains(recorded.interaction());
        assertThat(tx.conversations().find(ACME, ConversationId.of("T-1"))).isEqualTo(recorded.after());
        tx.audit().append(new AuditEntry(ACME, 0, "obligation", "o-" + seen.size(), AuditAction.CREATED,
            recorded.actor(), recorded.now(), List.of()));
      }
    };
    InteractionService interactions = service(hook);
    Interaction first = interactions.record(inbound(ada));
    Interaction second = interactions.record(inbound(ada));
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).interaction()).isEqualTo(first);
    assertThat(seen.get(0).opened()).isTrue();
    assertThat(seen.get(0).before()).isEmpty();
    assertThat(seen.get(1).interaction()).isEqualTo(second);
    assertThat(seen.get(1).opened()).isFalse();
    assertThat(seen.get(1).before().orElseThrow().version()).isEqualTo(1);
    assertThat(seen.get(1).after().orElseThrow().version()).isEqualTo(2);
    assertThat(seen.get(1).now()).isEqualTo(NOW);
    assertThat(new AuditService(runtime, ACME).ofRecord("obligation", "o-2", PageRequest.first(5)).items())
        .hasSize(1);
  }

  @Test
  void aHookThatFailsRollsTheRecordingBack() {
    IllegalStateException boom = new IllegalStateException("rule engine failed");
    InteractionService interactions = service(new InteractionHook() {
      @Override
      public void recorded(dev.etiquette.crm.api.spi.StorageTransaction tx, InteractionRecorded recorded, Outbox outbox) {
        throw boom;
      }
    });
    assertThatThrownBy(() -> interactions.record(inbound(ada))).isSameAs(boom);
    InteractionService plain = service(InteractionHook.NONE);
    assertThat(plain.timeline(ada.id(), PageRequest.first(5)).items()).isEmpty();
    assertThat(plain.findConversation(ConversationId.of("T-1"))).isEmpty();
    assertThat(plain.lastContacts(ada.id())).isEmpty();
    assertThat(new AuditService(runtime, ACME).ofRecord("conversation", "T-1", PageRequest.first(5)).items())
        .isEmpty();
  }

  @Test
  void theHookHearsOfStateChangesThatChangeSomething() {
    List<Object> heard = new ArrayList<>();
    InteractionService interactions = service(new InteractionHook() {
      @Override
      public void recorded(dev.etiquette.crm.api.spi.StorageTransaction tx, InteractionRecorded recorded, Outbox outbox) {
        heard.add(recorded.reopened() ? "reopened" : "recorded");
      }

      @Override
      public void stateChanged(dev.etiquette.crm.api.spi.StorageTransaction tx, ConversationStateChanged changed, Outbox outbox) {
        heard.add(changed.before().state() + "->" + changed.after().state());
      }
    });
    interactions.record(InteractionDraft.inbound(ada.id(), Channel.EMAIL, Purpose.SERVICE).conversation("T-1")
        .occurredAt(NOW.minusSeconds(60)).build());
    interactions.setConversationState(ConversationId.of("T-1"), 1, ConversationState.WAITING_ON_CUSTOMER);
    interactions.setConversationState(ConversationId.of("T-1"), 2, ConversationState.WAITING_ON_CUSTOMER);
    // the state changed at NOW (the fixed clock); an answer must occur after it to reopen
    assertThat(interactions.conversation(ConversationId.of("T-1")).stateChangedAt()).isEqualTo(NOW);
    interactions.record(InteractionDraft.inbound(ada.id(), Channel.EMAIL, Purpose.SERVICE).conversation("T-1")
        .occurredAt(NOW).build());
    assertThat(heard).containsExactly("recorded", "OPEN->WAITING_ON_CUSTOMER", "recorded");
    assertThat(Optional.of(interactions.conversation(ConversationId.of("T-1")).state()))
        .contains(ConversationState.WAITING_ON_CUSTOMER);
  }
}
