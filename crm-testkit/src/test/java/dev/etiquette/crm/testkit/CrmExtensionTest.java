package dev.etiquette.crm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import java.time.Duration;
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
  void eachTestStartsAfresh(CrmTenant crm) {
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
