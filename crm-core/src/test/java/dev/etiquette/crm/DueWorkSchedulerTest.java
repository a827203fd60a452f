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
import dev.etiquette.crm.api.measure.BuiltInKpi;
import dev.etiquette.crm.api.measure.Cadence;
import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiDirection;
import dev.etiquette.crm.api.measure.Objective;
import dev.etiquette.crm.api.measure.Vision;
import dev.etiquette.crm.api.notification.Directory;
import dev.etiquette.crm.api.notification.Subscription;
import dev.etiquette.crm.api.obligation.AssignedTo;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
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

  /** {@code startMeasuring} measures the tenants its supplier names: a manual KPI goes stale, its owner hears. */
  @Test
  void theMeasuringSchedulerTellsAStaleKpisOwner() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    CountDownLatch stale = new CountDownLatch(1);
    Crm crm = Crm.builder().clock(clock)
        .stakeholders(new Directory(List.of(), List.of(Subscription.addressed(Set.of(NotificationKind.KPI_STALE),
            "email", Subscription.Cadence.IMMEDIATE))))
        .notifications(d -> {
          if (d.notification().kind() == NotificationKind.KPI_STALE
              && d.notification().recipient().equals(AssignedTo.owner("carol"))) {
            stale.countDown();
          }
        }).build();
    CrmTenant acme = crm.tenant(TenantId.of("acme"));
    acme.measurement().define(new Vision("Measured", List.of(new Objective("o", "Objective", List.of(
        new Kpi("board", "Board rating", BuiltInKpi.MANUAL.definition(), KpiDirection.HIGHER_IS_BETTER, 1, 5,
            LocalDate.of(2026, 12, 31), "carol", Cadence.MONTHLY))))));

    try (DueWorkScheduler scheduler = crm.startMeasuring(Duration.ofMillis(5), () -> List.of(acme.tenantId()))) {
      assertThat(stale.await(200, TimeUnit.MILLISECONDS)).as("February's value may still come").isFalse();
      clock.advance(Duration.ofHours(15)); // 24 hours after February ended
      assertThat(stale.await(30, TimeUnit.SECONDS)).as("February's value is overdue").isTrue();
      assertThat(scheduler.failures()).isZero();
    }
    assertThatThrownBy(() -> crm.startMeasuring(Duration.ZERO, List::of)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thePeriodMustBePositive() {
    Crm crm = Crm.builder().build();
    assertThatThrownBy(() -> crm.startScheduler(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("period");
  }
}
