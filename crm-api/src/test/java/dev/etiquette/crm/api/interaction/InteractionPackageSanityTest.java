package dev.etiquette.crm.api.interaction;

import com.google.common.testing.ClassSanityTester;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmPackageSanityTests;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.PartyId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Package sanity checks (nulls, equals/hashCode) over the public API of
 * {@code dev.etiquette.crm.api.interaction}: ids, interactions, drafts and conversations.
 */
class InteractionPackageSanityTest extends CrmPackageSanityTests {

  /**
   * Values whose constructors check an invariant across two parameters (an interaction cannot be recorded
   * before it occurred; a conversation's first reply has a business time exactly when it has a first reply).
   * {@link ClassSanityTester} would build invalid ones; they are checked through the factories below instead.
   */
  private static final Set<Class<?>> CROSS_FIELD_INVARIANTS = Set.of(Interaction.class, Conversation.class);

  InteractionPackageSanityTest() {
    ignoreClasses(CROSS_FIELD_INVARIANTS::contains);
  }

  @Test
  public void valuesWithCrossFieldInvariants() throws Exception {
    ClassSanityTester tester = classTester();
    for (Class<?> type : CROSS_FIELD_INVARIANTS) {
      tester.forAllPublicStaticMethods(ValidInstances.class).thatReturn(type).testNulls().testEquals();
      nullTester().testAllPublicConstructors(type);
      nullTester().testAllPublicStaticMethods(type);
    }
  }

  @Test
  public void buildersRejectNulls() throws Exception {
    classTester().forAllPublicStaticMethods(InteractionDraft.class).thatReturn(InteractionDraft.Builder.class)
        .testNulls();
  }

  /** Factories of valid instances, each varying in its parameters. Public for {@link ClassSanityTester}. */
  public static final class ValidInstances {
    private ValidInstances() {}

    /** An interaction with every component free except {@code recordedAt}, a minute after it occurred. */
    public static Interaction interaction(TenantId tenantId, InteractionId id, PartyId party, InteractionKind kind,
        Channel channel, Purpose purpose, Direction direction, Actor actor, Optional<ConversationId> conversation,
        Instant occurredAt, Optional<String> outcome, Map<String, AttributeValue> attributes) {
      return new Interaction(tenantId, id, party, kind, channel, purpose, direction, actor, conversation, occurredAt,
          occurredAt.plus(Duration.ofMinutes(1)), outcome, attributes);
    }

    /** A conversation with every component free, and a first reply with its business time (in milliseconds). */
    public static Conversation conversation(TenantId tenantId, ConversationId id, PartyId party, Channel channel,
        ConversationState state, Instant openedAt, Instant stateChangedAt, Optional<Instant> firstInboundAt,
        Optional<Instant> lastInboundAt, Optional<Instant> lastOutboundAt, Instant firstReplyAt,
        long firstReplyBusinessMillis, long interactionCount, long version, Instant createdAt,
        Instant updatedAt) {
      return new Conversation(tenantId, id, party, channel, state, openedAt, stateChangedAt, firstInboundAt,
          lastInboundAt, lastOutboundAt, Optional.of(firstReplyAt),
          Optional.of(Duration.ofMillis(firstReplyBusinessMillis)),
          interactionCount, version, createdAt, updatedAt);
    }
  }
}
