package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.Preferences;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.rules.ResponseRule;
import dev.etiquette.crm.api.rules.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * First-response deadlines computed by hand, through the whole library: an inbound e-mail at {@code inbound}
 * opens a conversation and a first-response obligation with the target {@code within}, counted in the named
 * calendar; its deadline must be {@code due}. Each case says in its name why the deadline is where it is.
 */
class ResponseDeadlinesTest {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  static final BusinessCalendar NEW_YORK_HOURS = BusinessCalendar.builder(NEW_YORK).weekdays("09:00-17:00")
      .holiday(LocalDate.of(2026, 11, 26)).build();
  /** A split working day with a lunch break. */
  static final BusinessCalendar BERLIN_HOURS = BusinessCalendar.builder(BERLIN).weekdays("08:00-12:00", "13:00-16:00")
      .build();
  static final BusinessCalendar TOKYO_HOURS = BusinessCalendar.weekdays(TOKYO, LocalTime.of(9, 0), LocalTime.of(18, 0));

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("New York, Friday 15:00 EST + 4 h: 2 h on Friday, the weekend and the spring DST change,"
            + " 2 h on Monday to 11:00 EDT", NEW_YORK_HOURS, CalendarChoice.business(), null,
            "2026-03-06T20:00:00Z", Duration.ofHours(4), "2026-03-09T15:00:00Z"),
        Arguments.of("New York, Friday 15:00 EDT + 4 h: 2 h on Friday, the weekend and the autumn DST change,"
            + " 2 h on Monday to 11:00 EST", NEW_YORK_HOURS, CalendarChoice.business(), null,
            "2026-10-30T19:00:00Z", Duration.ofHours(4), "2026-11-02T16:00:00Z"),
        Arguments.of("New York, Wednesday 15:00 + 4 h: 2 h on Wednesday, Thanksgiving is a holiday, 2 h on"
            + " Friday to 11:00", NEW_YORK_HOURS, CalendarChoice.business(), null,
            "2026-11-25T20:00:00Z", Duration.ofHours(4), "2026-11-27T16:00:00Z"),
        Arguments.of("Berlin, Friday 14:00 CET + 4 h: 2 h on Friday, the spring DST change, 2 h on Monday to"
            + " 10:00 CEST", BERLIN_HOURS, CalendarChoice.business(), null,
            "2026-03-27T13:00:00Z", Duration.ofHours(4), "2026-03-30T08:00:00Z"),
        Arguments.of("Berlin, Friday 15:00 CEST + 5 h: 1 h on Friday, the autumn DST change, Monday's morning"
            + " to 12:00 CET, the closing of the stretch it uses up", BERLIN_HOURS, CalendarChoice.business(), null,
            "2026-10-23T13:00:00Z", Duration.ofHours(5), "2026-10-26T11:00:00Z"),
        Arguments.of("Berlin split day, Tuesday 11:00 + 2 h: 1 h before lunch, 1 h after it to 14:00",
            BERLIN_HOURS, CalendarChoice.business(), null,
            "2026-03-10T10:00:00Z", Duration.ofHours(2), "2026-03-10T13:00:00Z"),
        Arguments.of("the customer's own Tokyo hours, for a New York business: Monday 10:00 EDT is 23:00 in Tokyo;"
            + " counting starts Tuesday 09:00 JST, due 13:00 JST", NEW_YORK_HOURS, CalendarChoice.customer(),
            TOKYO_HOURS, "2026-03-09T14:00:00Z", Duration.ofHours(4), "2026-03-10T04:00:00Z"),
        Arguments.of("elapsed time ignores the calendar: Friday 15:00 EST + 4 h is 19:00 EST",
            NEW_YORK_HOURS, CalendarChoice.elapsed(), null,
            "2026-03-06T20:00:00Z", Duration.ofHours(4), "2026-03-07T00:00:00Z"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theDeadlineIsWhereTheCalendarSays(String why, BusinessCalendar business, CalendarChoice choice,
      BusinessCalendar customerHours, String inbound, Duration within, String due) {
    Instant at = Instant.parse(inbound);
    MutableClock clock = new MutableClock(at);
    Crm crm = Crm.builder().clock(clock).build();
    CrmTenant acme = crm.tenant(TenantId.of("acme"), Actor.user("alice"));
    acme.configure(acme.settings().withZone(business.zone()).withCalendar(business));
    acme.rules().publish(RuleSet.builder("desk", 1, Instant.parse("2026-01-01T00:00:00Z"))
        .rule(ResponseRule.firstResponse("first").within(within).calendar(choice).assignee(Assignee.team("support"))
            .build())
        .build());
    Preferences preferences = customerHours == null ? Preferences.none()
        : Preferences.none().withOpeningHours(customerHours);
    Party customer = acme.parties().create(PartyDraft.organization("Kaisha KK").preferences(preferences).build());

    acme.interactions().record(InteractionDraft.inbound(customer.id(), Channel.EMAIL, Purpose.SERVICE)
        .conversation("c-1").occurredAt(at).build());

    Obligation obligation = acme.obligations().ofConversation(ConversationId.of("c-1")).get(0);
    assertThat(obligation.dueAt()).as(why).isEqualTo(Instant.parse(due));
    assertThat(obligation.calendar()).isEqualTo(choice);
  }
}
