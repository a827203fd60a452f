package dev.etiquette.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.notification.Stakeholder;
import dev.etiquette.crm.api.notification.Subscription;
import dev.etiquette.crm.api.notification.Subscription.Audience;
import dev.etiquette.crm.api.notification.Subscription.Cadence;
import dev.etiquette.crm.api.notification.Subscription.Scope;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.party.PartyId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A KPI notification has no party, obligation, contact or rule: the fan-out sends it to its owner and to whoever
 * watches every notification of its kind, never to a party's related stakeholders, and never asks for relations.
 */
class KpiNotificationFanoutTest {

  static final Instant NOW = Instant.parse("2026-04-02T06:00:00Z");

  @Test
  void aNotificationWithoutAPartyReachesItsOwnerAndTheWatchersOnly() {
    Notification stale = new Notification(TenantId.of("acme"), "kpi:frt:stale:2026-03-01",
        NotificationKind.KPI_STALE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of("frt"), AssignedTo.owner("alice"), NOW, NOW, "KPI frt has no measurement for March");
    List<Stakeholder> people = List.of(Stakeholder.internal("alice", "Alice"),
        Stakeholder.internal("maria", "Maria").withRoles("manager"),
        Stakeholder.external("partner", "Partner", PartyId.of("p-1")));
    List<Subscription> subscriptions = List.of(
        Subscription.addressed(Set.of(NotificationKind.KPI_STALE), "email", Cadence.IMMEDIATE),
        new Subscription(Audience.role("manager"), Set.of(NotificationKind.KPI_STALE), "email", Cadence.DAILY,
            Scope.ALL),
        new Subscription(Audience.everyone(), Set.of(NotificationKind.KPI_STALE), "portal", Cadence.IMMEDIATE,
            Scope.RELATED));

    List<Fanout.Planned> planned = Fanout.plan(stale, people, subscriptions, () -> {
      throw new AssertionError("a notification without a party has no related parties to ask for");
    }, NOW);

    assertThat(planned).extracting(p -> p.delivery().key()).containsExactly(
        "kpi:frt:stale:2026-03-01/alice/email",
        "kpi:frt:stale:2026-03-01/maria/email/daily");
    assertThat(planned.get(0).held()).isFalse();
    assertThat(planned.get(1).held()).isTrue();
  }
}
