package dev.etiquette.crm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.DueWork;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationQuery;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.rules.ResponseRule;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.rules.Warning;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CrmExtension.class)
class CrmExtensionTest {

  @Test
  void givesATenantOnATestClockWithCountingIds(CrmTenant crm, TestClock clock, Crm whole) {
    Party ada = crm.parties().create(PartyDraft.person("Ada").build());
    assertThat(ada.id()).isEqualTo(PartyId.of("party-1"));
    assertThat(ada.createdAt()).isEqualTo(TestClock.DEFAULT_START);
    clock.advance(Duration.ofHours(2));
    Party bo = crm.parties().create(PartyDraft.person("Bo").build());
    assertThat(bo.createdAt()).isEqualTo(TestClock.DEFAULT_START.plus(Duration.ofHours(2)));
    assertThat(whole.tenant(TenantId.of(CrmExtension.TENANT)).parties().get(ada.id())).isEqualTo(ada);
    assertThat(crm.actor().id()).isEqualTo(CrmExtension.ACTOR);
  }

  @Test
  void deliversTheCrmsNotificationsToTheInjectedPort(CrmTenant crm, Crm whole, TestClock clock,
      RecordingNotificationPort notifications) {
    crm.rules().publish(RuleSet.builder("desk", 1, Instant.parse("2026-01-01T00:00:00Z"))
        .rule(ResponseRule.firstResponse("first-response").channels(Channel.EMAIL).within(Duration.ofHours(4))
            .warning(Warning.before(Duration.ofHours(1))).escalate("team_lead", Duration.ofMinutes(30))
            .assignee(Assignee.role("support")).build())
        .build());
    Party ada = crm.parties().create(PartyDraft.person("Ada").build());
    crm.interactions().record(InteractionDraft.inbound(ada.id(), Channel.EMAIL, Purpose.SERVICE)
        .conversation("c-1").build());
    Obligation obligation = crm.obligations().search(ObligationQuery.outstanding(), PageRequest.first(1)).items()
        .get(0);
    assertThat(notifications.all()).isEmpty();

    clock.advance(Duration.ofHours(4).plusMinutes(30)); // elapsed time: the tenant has no business calendar
    assertThat(whole.processDue()).isEqualTo(new DueWork(0, 1, 1, 1));

    assertThat(notifications.ofObligation(obligation.id())).extracting(Notification::kind).containsExactly(
        NotificationKind.OBLIGATION_WARNING, NotificationKind.OBLIGATION_BREACHED,
        NotificationKind.OBLIGATION_ESCALATED);
    assertThat(notifications.to(AssignedTo.role("team_lead"))).singleElement()
        .satisfies(n -> assertThat(n.key()).isEqualTo(obligation.id() + ":escalation:1"));
    notifications.clear();
    assertThat(whole.processDue()).isEqualTo(DueWork.NONE);
    assertThat(notifications.all()).isEmpty();
  }

  @Test
  void eachTestStartsAfresh(CrmTenant crm, RecordingNotificationPort notifications) {
    assertThat(notifications.all()).isEmpty();
    assertThat(crm.parties().create(PartyDraft.person("First").build()).id()).isEqualTo(PartyId.of("party-1"));
  }

  @Test
  void theClockMovesOnlyWhenTold() {
    TestClock clock = TestClock.create();
    assertThat(clock.instant()).isEqualTo(clock.instant());
    assertThat(clock.advance(Duration.ofMinutes(1))).isEqualTo(TestClock.DEFAULT_START.plusSeconds(60));
    assertThat(clock.withZone(java.time.ZoneId.of("Asia/Tokyo")).instant()).isEqualTo(clock.instant());
  }
}
