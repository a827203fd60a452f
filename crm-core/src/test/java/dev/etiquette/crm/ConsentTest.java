package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.ConsentRecord;
import dev.etiquette.crm.api.party.ConsentStatus;
import dev.etiquette.crm.api.party.LegalBasis;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyUpdate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsentTest {

  final LifecycleTest.ManualClock clock = new LifecycleTest.ManualClock();
  final CrmTenant acme = Crm.builder().clock(clock).build().tenant(TenantId.of("acme"));
  final Instant t0 = LifecycleTest.T0;

  @Test
  void consentIsAHistoryWhereANewRecordSupersedesAndNeverOverwrites() {
    Party p = acme.parties().create(PartyDraft.person("Ada")
        .consent(ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "signup-form")
            .capturedAt(t0.minus(Duration.ofMinutes(5))).doubleOptInConfirmedAt(t0))
        .build());
    ConsentRecord first = p.consents().get(0);
    assertThat(first.status()).isEqualTo(ConsentStatus.OPTED_IN);
    assertThat(first.legalBasis()).isEqualTo(LegalBasis.CONSENT);
    assertThat(first.effectiveFrom()).isEqualTo(t0.minus(Duration.ofMinutes(5)));
    assertThat(first.doubleOptInConfirmedAt()).contains(t0);
    assertThat(first.recordedAt()).isEqualTo(t0);
    assertThat(first.supersedes()).isEmpty();

    clock.now = t0.plus(Duration.ofDays(30));
    p = acme.parties().recordConsent(p.id(), p.version(), ConsentDraft.optOut(Channel.EMAIL, Purpose.MARKETING, "unsubscribe-link"));
    assertThat(p.consents()).hasSize(2);
    ConsentRecord second = p.consents().get(1);
    assertThat(second.supersedes()).contains(first.id());
    assertThat(p.consents().get(0)).isEqualTo(first);

    assertThat(p.consentAt(Channel.EMAIL, Purpose.MARKETING, t0.plus(Duration.ofDays(1)))).contains(first);
    assertThat(p.consentAt(Channel.EMAIL, Purpose.MARKETING, t0.plus(Duration.ofDays(31)))).contains(second);
    assertThat(p.consentAt(Channel.SMS, Purpose.MARKETING, t0)).isEmpty();
    assertThat(p.latestConsent(Channel.EMAIL, Purpose.MARKETING)).contains(second);
    assertThat(p.version()).isEqualTo(2);
  }

  @Test
  void aConsentWithAValidityPeriodHoldsOnlyInsideIt() {
    Party p = acme.parties().create(PartyDraft.person("Ada").build());
    Instant from = t0.plus(Duration.ofDays(1));
    Instant to = t0.plus(Duration.ofDays(10));
    p = acme.parties().recordConsent(p.id(), p.version(),
        ConsentDraft.optIn(Channel.SMS, Purpose.SALES, "call").withLegalBasis(LegalBasis.LEGITIMATE_INTERESTS).effective(from, to));
    assertThat(p.consentAt(Channel.SMS, Purpose.SALES, from.minusNanos(1000))).isEmpty();
    assertThat(p.consentAt(Channel.SMS, Purpose.SALES, from)).isPresent();
    assertThat(p.consentAt(Channel.SMS, Purpose.SALES, to.minusNanos(1000))).isPresent();
    assertThat(p.consentAt(Channel.SMS, Purpose.SALES, to)).isEmpty();
  }

  @Test
  void inconsistentConsentIsRejectedWithEveryProblem() {
    Party p = acme.parties().create(PartyDraft.person("Ada").build());
    ConsentDraft bad = ConsentDraft.optOut(Channel.EMAIL, Purpose.MARKETING, "")
        .capturedAt(t0.plusSeconds(60))
        .effective(t0.plusSeconds(60), t0)
        .doubleOptInConfirmedAt(t0);
    assertThatThrownBy(() -> acme.parties().recordConsent(p.id(), p.version(), bad))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path)
            .containsExactly("consent.source", "consent.capturedAt", "consent.effectiveTo", "consent.doubleOptInConfirmedAt"));
    assertThat(acme.parties().get(p.id()).consents()).isEmpty();
  }

  @Test
  void doNotContactIsAFlagOnTheParty() {
    Party p = acme.parties().create(PartyDraft.person("Ada").doNotContact(true).build());
    assertThat(p.doNotContact()).isTrue();
    p = acme.parties().update(p.id(), p.version(), PartyUpdate.builder().doNotContact(false).build());
    assertThat(p.doNotContact()).isFalse();
  }
}
