package dev.etiquette.crm.examples.jsonfiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.obligation.DueWork;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationQuery;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.examples.rules.SupportDeskRules;
import dev.etiquette.crm.testkit.RecordingNotificationPort;
import dev.etiquette.crm.testkit.TestClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example adapter keeps obligations, rule sets and notifications, and reads them back from its files. */
class JsonFileStorageObligationsTest {

  static final ZoneId LONDON = ZoneId.of("Europe/London");

  @TempDir
  Path directory;

  @Test
  void keepsObligationsRuleSetsAndNotificationsAcrossARestart() {
    TestClock clock = TestClock.startingAt(Instant.parse("2026-01-09T15:00:00Z")); // Friday 15:00 in London
    RecordingNotificationPort notifications = new RecordingNotificationPort();
    AtomicLong ids = new AtomicLong();
    Crm crm = Crm.builder().clock(clock).storage(new JsonFileStorage(directory)).notifications(notifications)
        .idGenerator(type -> type + "-" + ids.incrementAndGet()).build();
    CrmTenant desk = crm.tenant(TenantId.of("desk"));
    desk.configure(desk.settings().withZone(LONDON)
        .withCalendar(BusinessCalendar.weekdays(LONDON, LocalTime.of(9, 0), LocalTime.of(17, 0))));
    desk.rules().publish(SupportDeskRules.ruleSet());
    Party ada = desk.parties().create(PartyDraft.person("Ada").roles(Role.CUSTOMER).build());
    desk.interactions().record(InteractionDraft.inbound(ada.id(), Channel.EMAIL, Purpose.SERVICE)
        .conversation("T-1").build());
    Obligation opened = desk.obligations().ofConversation(ConversationId.of("T-1")).get(0);
    // 4 business hours: Friday 15:00-17:00, then Monday 09:00-11:00
    assertThat(opened.dueAt()).isEqualTo(Instant.parse("2026-01-12T11:00:00Z"));

    clock.set(Instant.parse("2026-01-12T11:00:00Z"));
    assertThat(crm.processDue()).isEqualTo(new DueWork(0, 1, 1, 0));
    assertThat(crm.processDue()).isEqualTo(DueWork.NONE);
    assertThat(notifications.all()).extracting(n -> n.kind()).containsExactly(NotificationKind.OBLIGATION_WARNING,
        NotificationKind.OBLIGATION_BREACHED);

    Crm reopened = Crm.builder().clock(clock).storage(new JsonFileStorage(directory)).build();
    CrmTenant again = reopened.tenant(TenantId.of("desk"));
    Obligation breached = again.obligations().get(opened.id());
    assertThat(breached).isEqualTo(desk.obligations().get(opened.id()));
    assertThat(breached.state()).isEqualTo(ObligationState.BREACHED);
    assertThat(again.rules().history("support-desk").orElseThrow().versions()).containsExactly(
        SupportDeskRules.ruleSet());
    List<Obligation> outstanding = again.obligations().search(ObligationQuery.outstanding(), PageRequest.first(10))
        .items();
    assertThat(outstanding).containsExactly(breached);
  }
}
