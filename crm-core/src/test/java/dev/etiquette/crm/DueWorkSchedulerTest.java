package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.rules.ResponseRule;
import dev.etiquette.crm.api.rules.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The scheduler {@code Crm} provides calls {@code processDue()} on its own thread. The test moves the library's
 * clock past a deadline and waits, with a timeout, for the breach's notification; it never sleeps.
 */
class DueWorkSchedulerTest {

  @Test
  void theSchedulerBreachesAnObligationOnceItsDeadlineHasPassedByTheLibrarysClock() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    CountDownLatch breached = new CountDownLatch(1);
    Crm crm = Crm.builder().clock(clock).notifications(d -> {
      if (d.notification().kind() == NotificationKind.OBLIGATION_BREACHED) {
        breached.countDown();
      }
    }).build();
    CrmTenant acme = crm.tenant(TenantId.of("acme"), Actor.user("alice"));
    acme.rules().publish(RuleSet.builder("desk", 1, Instant.parse("2026-01-01T00:00:00Z"))
        .rule(ResponseRule.firstResponse("first").within(Duration.ofHours(1)).calendar(CalendarChoice.elapsed())
            .assignee(Assignee.team("support")).build())
        .build());
    Party ada = acme.parties().create(PartyDraft.person("Ada").build());
    acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.EMAIL, Purpose.SERVICE)
        .conversation("c-1").occurredAt(clock.instant()).build());

    try (DueWorkScheduler scheduler = crm.startScheduler(Duration.ofMillis(5))) {
      assertThat(breached.await(200, TimeUnit.MILLISECONDS)).as("no breach before the deadline").isFalse();
      clock.advance(Duration.ofHours(1));
      assertThat(breached.await(30, TimeUnit.SECONDS)).as("breach after the deadline").isTrue();
      assertThat(scheduler.failures()).isZero();
    }
    assertThat(acme.obligations().ofConversation(ConversationId.of("c-1")).get(0).state())
        .isEqualTo(ObligationState.BREACHED);
  }

  @Test
  void thePeriodMustBePositive() {
    Crm crm = Crm.builder().build();
    assertThatThrownBy(() -> crm.startScheduler(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("period");
  }
}
