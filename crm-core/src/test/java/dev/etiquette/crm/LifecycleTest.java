package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.party.LifecycleModel;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.StageChange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final ManualClock clock = new ManualClock();
  final CrmTenant acme = Crm.builder().clock(clock).build().tenant(TenantId.of("acme"), Actor.user("sam"));

  @Test
  void movesForwardAreTimestampedAndKept() {
    Party p = acme.parties().create(PartyDraft.person("Ada").stage(LifecycleStage.LEAD).build());
    clock.now = T0.plus(Duration.ofDays(3));
    p = acme.parties().moveStage(p.id(), p.version(), LifecycleStage.OPPORTUNITY);
    clock.now = T0.plus(Duration.ofDays(10));
    p = acme.parties().moveStage(p.id(), p.version(), LifecycleStage.CUSTOMER);

    assertThat(p.stage()).contains(LifecycleStage.CUSTOMER);
    assertThat(p.lifecycle().history()).extracting(StageChange::to, StageChange::at).containsExactly(
        org.assertj.core.groups.Tuple.tuple(LifecycleStage.LEAD, T0),
        org.assertj.core.groups.Tuple.tuple(LifecycleStage.OPPORTUNITY, T0.plus(Duration.ofDays(3))),
        org.assertj.core.groups.Tuple.tuple(LifecycleStage.CUSTOMER, T0.plus(Duration.ofDays(10))));
    assertThat(p.lifecycle().history()).allSatisfy(c -> {
      assertThat(c.actor()).isEqualTo(Actor.user("sam"));
      assertThat(c.forced()).isFalse();
    });
    assertThat(p.lifecycle().stageAt(T0.plus(Duration.ofDays(5)))).contains(LifecycleStage.OPPORTUNITY);
    assertThat(p.lifecycle().stageAt(T0.minusSeconds(1))).isEmpty();
    assertThat(p.lifecycle().firstReached(LifecycleStage.CUSTOMER)).contains(T0.plus(Duration.ofDays(10)));
  }

  @Test
  void backwardMovesNeedForceAndAReason() {
    Party p = acme.parties().create(PartyDraft.person("Ada").stage(LifecycleStage.CUSTOMER).build());
    Party at = p;
    assertThatThrownBy(() -> acme.parties().moveStage(at.id(), at.version(), LifecycleStage.LEAD))
        .isInstanceOf(ValidationException.class).hasMessageContaining("needs a forced move");
    assertThatThrownBy(() -> acme.parties().forceStage(at.id(), at.version(), LifecycleStage.LEAD, " "))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.violations().get(0).path()).isEqualTo("reason"));
    assertThat(acme.parties().get(p.id())).isEqualTo(p);

    Party forced = acme.parties().forceStage(p.id(), p.version(), LifecycleStage.LEAD, "signed by mistake");
    StageChange last = forced.lifecycle().history().get(1);
    assertThat(last.forced()).isTrue();
    assertThat(last.reason()).contains("signed by mistake");
    assertThat(last.from()).contains(LifecycleStage.CUSTOMER);
  }

  @Test
  void churnedCanBeEnteredFromAnyStageButLeavingItNeedsForce() {
    Party p = acme.parties().create(PartyDraft.person("Ada").stage(LifecycleStage.SUBSCRIBER).build());
    p = acme.parties().moveStage(p.id(), p.version(), LifecycleStage.CHURNED);
    Party churned = p;
    assertThatThrownBy(() -> acme.parties().moveStage(churned.id(), churned.version(), LifecycleStage.CUSTOMER))
        .isInstanceOf(ValidationException.class);
    p = acme.parties().forceStage(p.id(), p.version(), LifecycleStage.CUSTOMER, "won back");
    assertThat(p.stage()).contains(LifecycleStage.CUSTOMER);
  }

  @Test
  void unknownAndCurrentStagesAreRejected() {
    Party p = acme.parties().create(PartyDraft.person("Ada").stage(LifecycleStage.LEAD).build());
    assertThatThrownBy(() -> acme.parties().moveStage(p.id(), p.version(), LifecycleStage.of("vip")))
        .isInstanceOf(ValidationException.class).hasMessageContaining("is not a stage");
    assertThatThrownBy(() -> acme.parties().moveStage(p.id(), p.version(), LifecycleStage.LEAD))
        .isInstanceOf(ValidationException.class).hasMessageContaining("current stage");
    assertThatThrownBy(() -> acme.parties().create(PartyDraft.person("Bo").stage(LifecycleStage.of("vip")).build()))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aPartyWithoutAStageMayEnterAny() {
    Party p = acme.parties().create(PartyDraft.person("Ada").build());
    assertThat(p.stage()).isEmpty();
    p = acme.parties().moveStage(p.id(), p.version(), LifecycleStage.EVANGELIST);
    assertThat(p.stage()).contains(LifecycleStage.EVANGELIST);
  }

  @Test
  void aTenantConfiguresItsOwnModel() {
    LifecycleStage trial = LifecycleStage.of("trial");
    LifecycleStage paying = LifecycleStage.of("paying");
    LifecycleStage lost = LifecycleStage.of("lost");
    acme.configure(acme.settings().withLifecycle(new LifecycleModel(List.of(trial, paying), Set.of(lost))));
    Party p = acme.parties().create(PartyDraft.person("Ada").stage(trial).build());
    p = acme.parties().moveStage(p.id(), p.version(), paying);
    Party at = p;
    assertThatThrownBy(() -> acme.parties().moveStage(at.id(), at.version(), trial)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> acme.parties().moveStage(at.id(), at.version(), LifecycleStage.CUSTOMER))
        .isInstanceOf(ValidationException.class);
    assertThat(acme.parties().moveStage(p.id(), p.version(), lost).stage()).contains(lost);
  }

  @Test
  void modelsAreChecked() {
    assertThatThrownBy(() -> new LifecycleModel(List.of(), Set.of())).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> new LifecycleModel(List.of(LifecycleStage.LEAD, LifecycleStage.LEAD), Set.of()))
        .isInstanceOf(ValidationException.class).hasMessageContaining("repeated");
    assertThatThrownBy(() -> new LifecycleModel(List.of(LifecycleStage.LEAD), Set.of(LifecycleStage.LEAD)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("also on the path");
    assertThat(LifecycleModel.defaults().needsForce(Optional.of(LifecycleStage.OTHER), LifecycleStage.CHURNED)).isFalse();
  }
}
