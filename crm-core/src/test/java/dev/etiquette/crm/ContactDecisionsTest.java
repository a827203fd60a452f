package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.contact.ContactCheck;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactReceipt;
import dev.etiquette.crm.api.contact.ContactRequest;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.contact.RuleVerdict;
import dev.etiquette.crm.api.contact.Verdict;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.ConsentId;
import dev.etiquette.crm.api.party.LegalBasis;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.Preferences;
import dev.etiquette.crm.api.party.QuietWindow;
import dev.etiquette.crm.api.rules.CapWindow;
import dev.etiquette.crm.api.rules.ConsentRegime;
import dev.etiquette.crm.api.rules.ContactRules;
import dev.etiquette.crm.api.rules.FrequencyCap;
import dev.etiquette.crm.api.rules.RuleRef;
import dev.etiquette.crm.api.rules.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Contact decisions with hand-computed expectations, through the whole library on the in-memory storage. Each
 * test says in its name and comments why the answer is what it is.
 */
class ContactDecisionsTest {

  static final Instant RULES_FROM = Instant.parse("2026-01-01T00:00:00Z");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T12:00:00Z"));
  final CrmTenant acme = Crm.builder().clock(clock).build().tenant(TenantId.of("acme"), Actor.user("ann"));

  ContactDecisionsTest() {
    acme.configure(acme.settings().withZone(NEW_YORK));
  }

  void publish(ContactRules rules) {
    acme.rules().publish(RuleSet.builder("etiquette", 1, RULES_FROM).contact(rules).build());
  }

  Party customer(ZoneId zone, ConsentDraft... consents) {
    PartyDraft.Builder draft = PartyDraft.person("Ada").email("ada@example.com")
        .preferences(Preferences.none().withTimeZone(zone));
    for (ConsentDraft consent : consents) {
      draft.consent(consent);
    }
    return acme.parties().create(draft.build());
  }

  static ConsentDraft marketingEmailOptIn() {
    return ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "signup form")
        .capturedAt(Instant.parse("2025-12-01T00:00:00Z"));
  }

  ContactReceipt decide(PartyId party, Channel channel, Purpose purpose, String at) {
    return acme.contacts().decide(ContactRequest.of(party, channel, purpose, Instant.parse(at)));
  }

  ContactEntry reserve(PartyId party, Channel channel, Purpose purpose, String at) {
    return acme.contacts().reserve(ContactRequest.of(party, channel, purpose, Instant.parse(at)));
  }

  static RuleVerdict verdictOf(ContactReceipt receipt, ContactCheck check) {
    return receipt.rules().stream().filter(r -> r.check() == check).findFirst().orElseThrow();
  }

  @Nested
  class FrequencyCaps {

    @Test
    void aContactExactlyTheWindowEarlierNoLongerCounts() {
      // 2 marketing e-mails per rolling 7 days. Contacts on Mar 2 and Mar 3 at 12:00 UTC.
      publish(ContactRules.builder(ConsentRegime.OPT_IN)
          .cap(FrequencyCap.of("weekly", Purpose.MARKETING, 2, CapWindow.rolling(Duration.ofDays(7)))).build());
      Party ada = customer(ZoneId.of("UTC"), marketingEmailOptIn());
      assertThat(reserve(ada.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-02T12:00:00Z").status())
          .isEqualTo(ContactStatus.RESERVED);
      assertThat(reserve(ada.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-03T12:00:00Z").status())
          .isEqualTo(ContactStatus.RESERVED);

      // One microsecond before Mar 9 12:00 both count: (Mar 2 11:59:59.999999, Mar 9 11:59:59.999999].
      ContactReceipt before = decide(ada.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-09T11:59:59.999999Z");
      assertThat(before.verdict()).isEqualTo(Verdict.DENY);
      assertThat(verdictOf(before, ContactCheck.FREQUENCY_CAP).reason()).startsWith("2 of 2 MARKETING contacts");
      assertThat(verdictOf(before, ContactCheck.FREQUENCY_CAP).rule())
          .contains(new RuleRef("etiquette", 1, "weekly"));
      assertThat(before.nextAllowedAt()).contains(Instant.parse("2026-03-09T12:00:00Z"));

      // Exactly 7 days after the first: (Mar 2 12:00, Mar 9 12:00] no longer holds it.
      ContactReceipt at = decide(ada.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-09T12:00:00Z");
      assertThat(at.verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(verdictOf(at, ContactCheck.FREQUENCY_CAP).reason()).startsWith("1 of 2 MARKETING contacts");
    }

    @Test
    void aCalendarDayCapResetsAtTheCustomersMidnightInTokyo() {
      publish(ContactRules.builder(ConsentRegime.OPT_IN)
          .cap(FrequencyCap.of("daily", Purpose.MARKETING, 1, CapWindow.calendarDays(1))).build());
      Party kenji = customer(ZoneId.of("Asia/Tokyo"), marketingEmailOptIn());
      // 14:30 UTC is 23:30 on Mar 10 in Tokyo (UTC+9).
      reserve(kenji.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-10T14:30:00Z");

      ContactReceipt lateSameDay = decide(kenji.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-10T14:59:59Z");
      assertThat(lateSameDay.verdict()).isEqualTo(Verdict.DENY);
      // Midnight of Mar 11 in Tokyo is 15:00 UTC on Mar 10.
      assertThat(lateSameDay.nextAllowedAt()).contains(Instant.parse("2026-03-10T15:00:00Z"));
      assertThat(decide(kenji.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-10T15:00:00Z").verdict())
          .isEqualTo(Verdict.ALLOW);
      // Mar 9 15:30 UTC is 00:30 JST on Mar 10, the contact's own local date (though another UTC date): denied.
      assertThat(decide(kenji.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-09T15:30:00Z").verdict())
          .isEqualTo(Verdict.DENY);
      // Mar 9 14:59 UTC is 23:59 JST on Mar 9: another local date, and the contact on Mar 10 is in no window of
      // one day that holds Mar 9.
      assertThat(decide(kenji.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-09T14:59:00Z").verdict())
          .isEqualTo(Verdict.ALLOW);
    }

    @Test
    void aCalendarDayCapInAucklandOnTheNightItsClocksGoBack() {
      // Pacific/Auckland leaves daylight time on Sunday 2026-04-05 at 03:00 NZDT (UTC+13) -> 02:00 NZST (UTC+12).
      publish(ContactRules.builder(ConsentRegime.OPT_IN)
          .cap(FrequencyCap.of("daily", Purpose.MARKETING, 1, CapWindow.calendarDays(1))).build());
      Party aroha = customer(ZoneId.of("Pacific/Auckland"), marketingEmailOptIn());
      // 10:30 UTC on Apr 4 is 23:30 NZDT on Saturday Apr 4.
      reserve(aroha.id(), Channel.EMAIL, Purpose.MARKETING, "2026-04-04T10:30:00Z");

      ContactReceipt saturday = decide(aroha.id(), Channel.EMAIL, Purpose.MARKETING, "2026-04-04T10:45:00Z");
      assertThat(saturday.verdict()).isEqualTo(Verdict.DENY);
      // Sunday starts at 00:00 NZDT = 11:00 UTC on Apr 4.
      assertThat(saturday.nextAllowedAt()).contains(Instant.parse("2026-04-04T11:00:00Z"));
      // Sunday, 25 hours long: its last minute, 23:59 NZST, is 11:59 UTC on Apr 5; still one contact allowed.
      reserve(aroha.id(), Channel.EMAIL, Purpose.MARKETING, "2026-04-04T11:00:00Z");
      ContactReceipt sundayNight = decide(aroha.id(), Channel.EMAIL, Purpose.MARKETING, "2026-04-05T11:59:00Z");
      assertThat(sundayNight.verdict()).isEqualTo(Verdict.DENY);
      assertThat(sundayNight.nextAllowedAt()).contains(Instant.parse("2026-04-05T12:00:00Z"));
    }

    @Test
    void capsCountEveryChannelAndSenderButNotExemptReleasedOrDeniedEntries() {
      publish(ContactRules.builder(ConsentRegime.OPT_OUT)
          .cap(FrequencyCap.of("two-a-day", Purpose.MARKETING, 2, CapWindow.calendarDays(1))).build());
      Party ada = customer(NEW_YORK);
      ContactEntry sms = acme.as(Actor.user("bob")).contacts()
          .reserve(ContactRequest.of(ada.id(), Channel.SMS, Purpose.MARKETING, Instant.parse("2026-03-02T14:00:00Z")));
      ContactEntry receiptMail = reserve(ada.id(), Channel.EMAIL, Purpose.TRANSACTIONAL, "2026-03-02T14:05:00Z");
      ContactEntry released = reserve(ada.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-02T14:10:00Z");
      acme.contacts().release(released.id());
      ContactEntry email = reserve(ada.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-02T15:00:00Z");
      ContactEntry third = reserve(ada.id(), Channel.PHONE, Purpose.MARKETING, "2026-03-02T16:00:00Z");

      assertThat(sms.status()).isEqualTo(ContactStatus.RESERVED);
      assertThat(sms.sender()).isEqualTo(Actor.user("bob"));
      assertThat(receiptMail.receipt().exemption()).contains(Purpose.TRANSACTIONAL);
      assertThat(receiptMail.counted()).isFalse();
      assertThat(email.status()).isEqualTo(ContactStatus.RESERVED);
      assertThat(third.status()).isEqualTo(ContactStatus.DENIED);
      // The denied entry keeps its receipt, and it is not counted either: still exactly two of two.
      assertThat(verdictOf(decide(ada.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-02T17:00:00Z"),
          ContactCheck.FREQUENCY_CAP).reason()).startsWith("2 of 2 MARKETING contacts");
      assertThat(acme.contacts().ofParty(ada.id(), Instant.parse("2026-03-02T00:00:00Z"),
              Instant.parse("2026-03-03T00:00:00Z"), PageRequest.first(10)).items())
          .extracting(ContactEntry::status)
          .containsExactly(ContactStatus.RESERVED, ContactStatus.RESERVED, ContactStatus.RELEASED,
              ContactStatus.RESERVED, ContactStatus.DENIED);
    }
  }

  @Nested
  class QuietHours {

    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    Party caller() {
      publish(ContactRules.builder(ConsentRegime.OPT_OUT)
          .quietHours(Channel.PHONE, QuietWindow.of(LocalTime.of(21, 0), LocalTime.of(8, 0))).build());
      return customer(LOS_ANGELES);
    }

    @Test
    void aNightAcrossMidnightEndsAtEightLocalOnTheSpringForwardNight() {
      Party ada = caller();
      // Sat Mar 7 22:00 PST (UTC-8) = Mar 8 06:00 UTC. Clocks jump 02:00 -> 03:00 that night; 08:00 PDT (UTC-7)
      // on Sunday is 15:00 UTC: a night one hour shorter.
      ContactReceipt night = decide(ada.id(), Channel.PHONE, Purpose.SALES, "2026-03-08T06:00:00Z");
      assertThat(night.verdict()).isEqualTo(Verdict.DENY);
      assertThat(verdictOf(night, ContactCheck.QUIET_HOURS).reason())
          .contains("2026-03-07T22:00", "America/Los_Angeles", "21:00-08:00");
      assertThat(night.nextAllowedAt()).contains(Instant.parse("2026-03-08T15:00:00Z"));
      // 02:30 does not exist that night; 03:30 PDT (10:30 UTC) is quiet too, with the same end.
      assertThat(decide(ada.id(), Channel.PHONE, Purpose.SALES, "2026-03-08T10:30:00Z").nextAllowedAt())
          .contains(Instant.parse("2026-03-08T15:00:00Z"));
    }

    @Test
    void aNightAcrossMidnightEndsAtEightLocalOnTheFallBackNight() {
      Party ada = caller();
      // Sat Oct 31 22:00 PDT (UTC-7) = Nov 1 05:00 UTC. Clocks fall back 02:00 -> 01:00; 08:00 PST (UTC-8) on
      // Sunday is 16:00 UTC: a night one hour longer.
      ContactReceipt night = decide(ada.id(), Channel.PHONE, Purpose.SALES, "2026-11-01T05:00:00Z");
      assertThat(night.nextAllowedAt()).contains(Instant.parse("2026-11-01T16:00:00Z"));
      // 01:30 happens twice; the second time (PST, 09:30 UTC) is quiet with the same end.
      assertThat(decide(ada.id(), Channel.PHONE, Purpose.SALES, "2026-11-01T09:30:00Z").nextAllowedAt())
          .contains(Instant.parse("2026-11-01T16:00:00Z"));
    }

    @Test
    void theWindowIsClosedAtItsStartAndOpenAtItsEnd() {
      Party ada = caller();
      // Mon Mar 2: 20:59:59 PST = 04:59:59 UTC Tue; 21:00 = 05:00 UTC; 08:00 PST = 16:00 UTC.
      assertThat(decide(ada.id(), Channel.PHONE, Purpose.SALES, "2026-03-03T04:59:59Z").verdict())
          .isEqualTo(Verdict.ALLOW);
      assertThat(decide(ada.id(), Channel.PHONE, Purpose.SALES, "2026-03-03T05:00:00Z").verdict())
          .isEqualTo(Verdict.DENY);
      assertThat(decide(ada.id(), Channel.PHONE, Purpose.SALES, "2026-03-03T16:00:00Z").verdict())
          .isEqualTo(Verdict.ALLOW);
      // E-mail has no quiet hours in these rules.
      assertThat(decide(ada.id(), Channel.EMAIL, Purpose.SALES, "2026-03-03T05:00:00Z").verdict())
          .isEqualTo(Verdict.ALLOW);
    }

    @Test
    void thePartysOwnQuietHoursReplaceTheRulesDefaultsForTheirChannel() {
      publish(ContactRules.builder(ConsentRegime.OPT_OUT)
          .quietHours(Channel.PHONE, QuietWindow.of(LocalTime.of(21, 0), LocalTime.of(8, 0))).build());
      Party owl = acme.parties().create(PartyDraft.person("Owl").preferences(Preferences.none()
          .withTimeZone(LOS_ANGELES).withQuietHours(Channel.PHONE, QuietWindow.of(LocalTime.of(9, 0),
              LocalTime.of(13, 0)))).build());
      // 22:00 PST is fine for this night owl; 10:00 PST is not.
      assertThat(decide(owl.id(), Channel.PHONE, Purpose.SALES, "2026-03-03T06:00:00Z").verdict())
          .isEqualTo(Verdict.ALLOW);
      ContactReceipt morning = decide(owl.id(), Channel.PHONE, Purpose.SALES, "2026-03-03T18:00:00Z");
      assertThat(verdictOf(morning, ContactCheck.QUIET_HOURS).rule()).isEmpty();
      assertThat(morning.nextAllowedAt()).contains(Instant.parse("2026-03-03T21:00:00Z"));
    }
  }

  @Nested
  class Consent {

    @Test
    void anExpiredConsentDeniesForGood() {
      publish(ContactRules.builder(ConsentRegime.OPT_IN).build());
      Party ada = customer(NEW_YORK, marketingEmailOptIn()
          .effective(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z")));
      ContactReceipt receipt = decide(ada.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-01T00:00:00Z");
      assertThat(receipt.verdict()).isEqualTo(Verdict.DENY);
      assertThat(receipt.consent()).isEmpty();
      assertThat(verdictOf(receipt, ContactCheck.CONSENT).reason()).contains("no consent record holds");
      assertThat(receipt.nextAllowedAt()).isEmpty();
      // While it held, it allowed, and the receipt names it.
      ContactReceipt january = decide(ada.id(), Channel.EMAIL, Purpose.MARKETING, "2026-01-15T00:00:00Z");
      assertThat(january.verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(january.consent()).hasValueSatisfying(c -> {
        assertThat(c.id()).isEqualTo(ConsentId.of("1"));
        assertThat(c.legalBasis()).isEqualTo(LegalBasis.CONSENT);
        assertThat(c.effectiveTo()).contains(Instant.parse("2026-02-01T00:00:00Z"));
      });
    }

    @Test
    void aConsentNotYetInForceGivesItsStartAsTheNextAllowedInstant() {
      publish(ContactRules.builder(ConsentRegime.OPT_IN).build());
      Party ada = customer(NEW_YORK, marketingEmailOptIn()
          .effective(Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2027-04-01T00:00:00Z")));
      assertThat(decide(ada.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-01T00:00:00Z").nextAllowedAt())
          .contains(Instant.parse("2026-04-01T00:00:00Z"));
    }

    @Test
    void theOptOutRegimeAllowsWithoutARecordAndTheOptInRegimeDoesNot() {
      Party silent = customer(NEW_YORK);
      Party optedOut = customer(NEW_YORK, ConsentDraft.optOut(Channel.EMAIL, Purpose.MARKETING, "unsubscribe link"));
      publish(ContactRules.builder(ConsentRegime.OPT_IN).regime(Purpose.SALES, ConsentRegime.OPT_OUT).build());

      assertThat(decide(silent.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-03T15:00:00Z").verdict())
          .isEqualTo(Verdict.DENY);
      ContactReceipt sales = decide(silent.id(), Channel.EMAIL, Purpose.SALES, "2026-03-03T15:00:00Z");
      assertThat(sales.verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(verdictOf(sales, ContactCheck.CONSENT).reason()).contains("opt-out regime");
      ContactReceipt out = decide(optedOut.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-03T15:00:00Z");
      assertThat(out.verdict()).isEqualTo(Verdict.DENY);
      assertThat(verdictOf(out, ContactCheck.CONSENT).reason()).contains("OPTED_OUT");
      assertThat(out.nextAllowedAt()).isEmpty();
    }

    @Test
    void doubleOptInCountsFromItsConfirmation() {
      publish(ContactRules.builder(ConsentRegime.OPT_IN).doubleOptIn(Purpose.MARKETING).build());
      Party unconfirmed = customer(NEW_YORK, marketingEmailOptIn());
      Party confirmed = customer(NEW_YORK, marketingEmailOptIn()
          .doubleOptInConfirmedAt(Instant.parse("2026-03-01T10:00:00Z")));
      assertThat(decide(unconfirmed.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-06T00:00:00Z").nextAllowedAt())
          .isEmpty();
      assertThat(decide(confirmed.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-06T00:00:00Z").verdict())
          .isEqualTo(Verdict.ALLOW);
      // Asked about an instant before the confirmation, the answer is the confirmation.
      ContactReceipt early = decide(confirmed.id(), Channel.EMAIL, Purpose.MARKETING, "2026-02-20T00:00:00Z");
      assertThat(verdictOf(early, ContactCheck.CONSENT).reason()).contains("double opt-in is not confirmed");
      assertThat(early.nextAllowedAt()).contains(Instant.parse("2026-03-01T10:00:00Z"));
    }
  }

  @Nested
  class DoNotContact {

    @Test
    void deniesMarketingForGoodButALegalNoticeIsExemptAndStillEnteredInTheLedger() {
      publish(ContactRules.builder(ConsentRegime.OPT_OUT).build());
      Party ada = acme.parties().create(PartyDraft.person("Ada").doNotContact(true).build());

      ContactReceipt marketing = decide(ada.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-03T15:00:00Z");
      assertThat(marketing.verdict()).isEqualTo(Verdict.DENY);
      assertThat(verdictOf(marketing, ContactCheck.DO_NOT_CONTACT).verdict()).isEqualTo(Verdict.DENY);
      assertThat(marketing.nextAllowedAt()).isEmpty();

      ContactEntry notice = reserve(ada.id(), Channel.LETTER, Purpose.LEGAL, "2026-03-03T15:00:00Z");
      assertThat(notice.status()).isEqualTo(ContactStatus.RESERVED);
      assertThat(notice.receipt().exemption()).contains(Purpose.LEGAL);
      assertThat(notice.receipt().rules()).extracting(RuleVerdict::check).containsExactly(ContactCheck.EXEMPTION);
      assertThat(acme.contacts().confirm(notice.id()).status()).isEqualTo(ContactStatus.SENT);
      assertThat(acme.contacts().find(notice.id())).hasValueSatisfying(e -> {
        assertThat(e.status()).isEqualTo(ContactStatus.SENT);
        assertThat(e.version()).isEqualTo(2);
      });
    }
  }

  @Nested
  class NextAllowedInstant {

    @Test
    void mustSatisfyACapAndQuietHoursTogether() {
      // At most one sales call per rolling 25 hours; no calls 20:00-08:00 New York time.
      publish(ContactRules.builder(ConsentRegime.OPT_OUT)
          .cap(FrequencyCap.of("one-call", Purpose.SALES, Channel.PHONE, 1, CapWindow.rolling(Duration.ofHours(25))))
          .quietHours(Channel.PHONE, QuietWindow.of(LocalTime.of(20, 0), LocalTime.of(8, 0))).build());
      Party ada = customer(NEW_YORK);
      // Tue Mar 3 19:30 EST = 00:30 UTC Wed.
      reserve(ada.id(), Channel.PHONE, Purpose.SALES, "2026-03-04T00:30:00Z");

      // Wed 09:00 EST: the cap allows from Wed 20:30 EST, which is quiet until Thu 08:00 EST = 13:00 UTC.
      ContactReceipt wednesday = decide(ada.id(), Channel.PHONE, Purpose.SALES, "2026-03-04T14:00:00Z");
      assertThat(wednesday.denials()).extracting(RuleVerdict::check).containsExactly(ContactCheck.FREQUENCY_CAP);
      assertThat(verdictOf(wednesday, ContactCheck.FREQUENCY_CAP).allowedFrom())
          .contains(Instant.parse("2026-03-05T01:30:00Z"));
      assertThat(wednesday.nextAllowedAt()).contains(Instant.parse("2026-03-05T13:00:00Z"));

      // Wed 20:15 EST: both deny (the cap until 20:30); quiet hours end Thu 08:00, when the cap allows too.
      ContactReceipt night = decide(ada.id(), Channel.PHONE, Purpose.SALES, "2026-03-05T01:15:00Z");
      assertThat(night.denials()).extracting(RuleVerdict::check)
          .containsExactly(ContactCheck.FREQUENCY_CAP, ContactCheck.QUIET_HOURS);
      assertThat(night.nextAllowedAt()).contains(Instant.parse("2026-03-05T13:00:00Z"));
      assertThat(decide(ada.id(), Channel.PHONE, Purpose.SALES, "2026-03-05T13:00:00Z").verdict())
          .isEqualTo(Verdict.ALLOW);
    }
  }

  @Nested
  class Reservations {

    @Test
    void aReleasedSlotIsFreeAgainAndStatusesMoveOnlyForward() {
      publish(ContactRules.builder(ConsentRegime.OPT_OUT)
          .cap(FrequencyCap.of("one", Purpose.MARKETING, 1, CapWindow.calendarDays(1))).build());
      Party ada = customer(NEW_YORK);
      ContactEntry first = reserve(ada.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-03T15:00:00Z");
      assertThat(reserve(ada.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-03T16:00:00Z").status())
          .isEqualTo(ContactStatus.DENIED);
      assertThat(acme.contacts().release(first.id()).status()).isEqualTo(ContactStatus.RELEASED);
      assertThat(acme.contacts().release(first.id()).version()).isEqualTo(2);
      assertThatThrownBy(() -> acme.contacts().confirm(first.id())).isInstanceOf(ValidationException.class)
          .hasMessageContaining("RELEASED");
      ContactEntry second = reserve(ada.id(), Channel.EMAIL, Purpose.MARKETING, "2026-03-03T17:00:00Z");
      assertThat(second.status()).isEqualTo(ContactStatus.RESERVED);
      acme.contacts().confirm(second.id());
      assertThatThrownBy(() -> acme.contacts().release(second.id())).isInstanceOf(ValidationException.class);
    }

    @Test
    void anUnknownPartyOrEntryIsNotFound() {
      assertThatThrownBy(() -> decide(PartyId.of("nobody"), Channel.EMAIL, Purpose.MARKETING, "2026-03-03T15:00:00Z"))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> reserve(PartyId.of("nobody"), Channel.EMAIL, Purpose.MARKETING, "2026-03-03T15:00:00Z"))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> acme.contacts().confirm(dev.etiquette.crm.api.contact.ContactId.of("none")))
          .isInstanceOf(NotFoundException.class);
    }

    @Test
    void withoutContactRulesTheDefaultsApply() {
      Party ada = customer(NEW_YORK, marketingEmailOptIn());
      ContactReceipt receipt = acme.contacts().decide(ada.id(), Channel.EMAIL, Purpose.MARKETING);
      assertThat(receipt.verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(receipt.request().at()).isEqualTo(clock.instant());
      assertThat(verdictOf(receipt, ContactCheck.CONSENT).rule()).isEmpty();
      assertThat(decide(ada.id(), Channel.SMS, Purpose.MARKETING, "2026-03-03T15:00:00Z").verdict())
          .isEqualTo(Verdict.DENY);
      assertThat(receipt.exemption()).isEqualTo(Optional.empty());
    }
  }
}
