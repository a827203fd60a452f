package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyUpdate;
import dev.etiquette.crm.api.party.Preferences;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The calendars a tenant keeps (its own, its teams'), a customer's opening hours, and which one a rule uses. */
class CalendarSettingsTest {

  static final Instant NOW = Instant.parse("2026-11-27T16:00:00Z"); // a Friday
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  final BusinessCalendar office = BusinessCalendar.builder(BERLIN).weekdays("09:00-17:00")
      .holiday(LocalDate.of(2026, 12, 25)).build();
  final BusinessCalendar support = BusinessCalendar.builder(BERLIN).weekdays("08:00-20:00").build();
  final BusinessCalendar tokyoOffice = BusinessCalendar.weekdays(TOKYO, LocalTime.of(9, 0), LocalTime.of(18, 0));

  CrmTenant acme;
  Party ada;
  Party kaito;

  @BeforeEach
  void setUp() {
    acme = Crm.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build()
        .tenant(TenantId.of("acme"), Actor.user("alice"));
    ada = acme.parties().create(PartyDraft.person("Ada").build());
    kaito = acme.parties().create(PartyDraft.organization("Kaito KK")
        .preferences(Preferences.none().withOpeningHours(tokyoOffice)).build());
  }

  @Test
  void withoutCalendarsBusinessTimeIsElapsedTime() {
    TenantSettings settings = acme.settings();
    for (CalendarChoice choice : List.of(CalendarChoice.business(), CalendarChoice.team("support"),
        CalendarChoice.customer(), CalendarChoice.elapsed())) {
      BusinessCalendar calendar = settings.calendarFor(choice, ada);
      assertThat(calendar.plusBusinessTime(NOW, Duration.ofHours(4))).as(choice.toString())
          .isEqualTo(NOW.plus(Duration.ofHours(4)));
    }
  }

  @Test
  void eachChoiceNamesItsCalendarAndFallsBackToTheBusinesss() {
    TenantSettings settings = acme.configure(acme.settings().withZone(BERLIN).withCalendar(office)
        .withTeamCalendar("support", support));

    assertThat(settings.calendarFor(CalendarChoice.business(), ada)).isEqualTo(office);
    assertThat(settings.calendarFor(CalendarChoice.team("support"), ada)).isEqualTo(support);
    assertThat(settings.calendarFor(CalendarChoice.team("billing"), ada)).as("a team without hours").isEqualTo(office);
    assertThat(settings.calendarFor(CalendarChoice.customer(), kaito)).isEqualTo(tokyoOffice);
    assertThat(settings.calendarFor(CalendarChoice.customer(), ada)).as("a customer without hours").isEqualTo(office);
    assertThat(settings.calendarFor(CalendarChoice.elapsed(), ada)).isEqualTo(BusinessCalendar.alwaysOpen(BERLIN));

    // Friday 17:00 in Berlin, closing time: four business hours of the office end on Monday at 13:00 (12:00 UTC)
    assertThat(settings.calendarFor(CalendarChoice.business(), ada).plusBusinessTime(NOW, Duration.ofHours(4)))
        .isEqualTo(Instant.parse("2026-11-30T12:00:00Z"));
    // Saturday 01:00 in Tokyo: four hours of Kaito's own end on Monday at 13:00 there (04:00 UTC)
    assertThat(settings.calendarFor(CalendarChoice.customer(), kaito).plusBusinessTime(NOW, Duration.ofHours(4)))
        .isEqualTo(Instant.parse("2026-11-30T04:00:00Z"));
  }

  @Test
  void calendarsAreStoredAndAudited() {
    acme.configure(acme.settings().withCalendar(office).withTeamCalendar("support", support));
    assertThat(acme.settings().calendar()).contains(office);
    assertThat(acme.settings().teamCalendars()).containsOnlyKeys("support");
    assertThat(acme.parties().get(kaito.id()).preferences().openingHours()).contains(tokyoOffice);

    List<AuditEntry> entries = acme.audit().all(PageRequest.first(10)).items();
    assertThat(entries).last().satisfies(e -> assertThat(e.changes()).extracting(FieldChange::field)
        .containsExactly("calendar", "teamCalendars.support"));
    assertThat(entries.get(entries.size() - 1).changes().get(0).after()).contains(
        "Europe/Berlin; MONDAY 09:00-17:00; TUESDAY 09:00-17:00; WEDNESDAY 09:00-17:00; THURSDAY 09:00-17:00;"
            + " FRIDAY 09:00-17:00; holidays 2026-12-25");

    Party updated = acme.parties().update(ada.id(), ada.version(), PartyUpdate.builder()
        .preferences(Preferences.none().withOpeningHours(support)).build());
    List<AuditEntry> adas = acme.audit().ofParty(ada.id(), PageRequest.first(10)).items();
    assertThat(adas.get(adas.size() - 1).changes()).extracting(FieldChange::field)
        .containsExactly("preferences.openingHours");
    assertThat(updated.preferences().openingHours()).contains(support);
  }

  @Test
  void aTeamNameMustBeText() {
    assertThatThrownBy(() -> acme.configure(acme.settings().withTeamCalendar(" ", support)))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path).containsExactly("settings.teamCalendars"));
    assertThat(acme.settings().teamCalendars()).isEmpty();
    assertThat(acme.settings().calendar()).isEqualTo(Optional.empty());
  }
}
