package dev.etiquette.crm.api.obligation;

import dev.etiquette.crm.api.CrmPackageSanityTests;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.RuleRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Package sanity checks (nulls, equals/hashCode) over the public API of {@code dev.etiquette.crm.api.obligation}:
 * ids, obligations, their events and points, queries and due-work reports.
 */
class ObligationPackageSanityTest extends CrmPackageSanityTests {

  /** Values whose constructors check an invariant across parameters (steps fallen, version at least 1). */
  private static final Set<Class<?>> CROSS_FIELD_INVARIANTS = Set.of(Obligation.class, EscalationPoint.class);

  ObligationPackageSanityTest() {
    ignoreClasses(CROSS_FIELD_INVARIANTS::contains);
    distinct(ObligationId.class, ObligationId.of("o-1"), ObligationId.of("o-2"));
    distinct(InteractionId.class, InteractionId.of("i-1"), InteractionId.of("i-2"));
    distinct(ConversationId.class, ConversationId.of("c-1"), ConversationId.of("c-2"));
    distinct(Duration.class, Duration.ofHours(1), Duration.ofMinutes(90));
    distinct(CalendarChoice.class, CalendarChoice.business(), CalendarChoice.team("alpha"));
    distinct(RuleRef.class, new RuleRef("desk", 1, "first"), new RuleRef("desk", 2, "next"));
    distinct(AssignedTo.class, AssignedTo.owner("alice"), AssignedTo.role("lead"));
    distinct(ObligationEvent.class,
        new ObligationEvent(ObligationEvent.Type.OPENED, T1, T1, "opened", Optional.empty(), Optional.empty(), 1),
        new ObligationEvent(ObligationEvent.Type.BREACHED, T2, T2, "breached", Optional.empty(), Optional.empty(), 2));
  }

  @Test
  public void valuesWithCrossFieldInvariants() throws Exception {
    for (Class<?> type : CROSS_FIELD_INVARIANTS) {
      classTester().forAllPublicStaticMethods(ValidInstances.class).thatReturn(type).testNulls().testEquals();
      nullTester().testAllPublicConstructors(type);
    }
  }

  /** The notification package has one record, checked here with the obligation samples it needs. */
  @Test
  public void notifications() throws Exception {
    classTester().testNulls(Notification.class);
    classTester().testEquals(Notification.class);
  }

  /** Factories of valid instances, each varying in its parameters. Public for the sanity testers. */
  public static final class ValidInstances {
    private ValidInstances() {}

    public static EscalationPoint point(String role, Instant dueAt) {
      return new EscalationPoint(1, role, dueAt);
    }

    /** An obligation with one escalation step not fallen yet, at version 1. */
    public static Obligation obligation(TenantId tenantId, ObligationId id, RuleRef rule, ObligationKind kind,
        PartyId party, Optional<ConversationId> conversation, Optional<String> priority,
        Optional<InteractionId> trigger, String action, AssignedTo assignee, ObligationState state,
        CalendarChoice calendar, Duration target, Instant opensAt, Optional<Instant> warnAt, String role,
        ObligationEvent event) {
      return new Obligation(tenantId, id, rule, kind, party, conversation, priority, trigger, action, assignee,
          state, calendar, target, opensAt, opensAt, Duration.ZERO, Optional.empty(), warnAt, opensAt.plus(target),
          List.of(new EscalationPoint(1, role, opensAt.plus(target))), Optional.empty(), Optional.empty(), 0,
          Optional.empty(), Optional.empty(), List.of(event), 1, opensAt, opensAt);
    }
  }
}
