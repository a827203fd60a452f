package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.party.LifecycleModel;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.StageChange;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** Laws of the lifecycle: no unforced move ever goes backwards, and every accepted move is kept. */
class LifecycleProperties {

  static final LifecycleModel MODEL = LifecycleModel.defaults();
  static final List<LifecycleStage> ALL = List.of(LifecycleStage.SUBSCRIBER, LifecycleStage.LEAD,
      LifecycleStage.QUALIFIED_LEAD, LifecycleStage.OPPORTUNITY, LifecycleStage.CUSTOMER, LifecycleStage.EVANGELIST,
      LifecycleStage.OTHER, LifecycleStage.CHURNED);

  @Property(tries = 300)
  void stageMovesNeverGoBackwardsWithoutForce(@ForAll("moves") List<Tuple2<LifecycleStage, Boolean>> moves) {
    CrmTenant tenant = Crm.builder().build().tenant(TenantId.of("t"));
    Party party = tenant.parties().create(PartyDraft.person("Ada").build());
    int accepted = 0;
    for (Tuple2<LifecycleStage, Boolean> move : moves) {
      Party before = party;
      LifecycleStage to = move.get1();
      boolean force = move.get2();
      Throwable thrown = catchThrowable(() -> {
        if (force) {
          tenant.parties().forceStage(before.id(), before.version(), to, "because");
        } else {
          tenant.parties().moveStage(before.id(), before.version(), to);
        }
      });
      boolean same = before.stage().map(to::equals).orElse(false);
      boolean needsForce = MODEL.needsForce(before.stage(), to);
      if (same || (needsForce && !force)) {
        assertThat(thrown).isInstanceOf(ValidationException.class);
        assertThat(tenant.parties().get(before.id())).isEqualTo(before);
      } else {
        assertThat(thrown).isNull();
        party = tenant.parties().get(before.id());
        accepted++;
      }
    }
    List<StageChange> history = party.lifecycle().history();
    assertThat(history).hasSize(accepted);
    for (StageChange change : history) {
      if (!change.forced() && change.from().isPresent() && !MODEL.exits().contains(change.to())) {
        int from = MODEL.path().indexOf(change.from().get());
        int to = MODEL.path().indexOf(change.to());
        assertThat(from).as("an unforced move leaves a path stage").isGreaterThanOrEqualTo(0);
        assertThat(to).as("an unforced move goes forward").isGreaterThan(from);
      }
      assertThat(change.forced() || change.reason().isEmpty()).isTrue();
    }
  }

  @Provide
  Arbitrary<List<Tuple2<LifecycleStage, Boolean>>> moves() {
    Arbitrary<Boolean> forced = Arbitraries.integers().between(0, 4).map(n -> n == 0);
    return Combinators.combine(Arbitraries.of(ALL), forced).as(Tuple::of).list().ofMaxSize(15);
  }
}
