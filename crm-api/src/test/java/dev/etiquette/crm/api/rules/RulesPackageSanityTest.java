package dev.etiquette.crm.api.rules;

import com.google.common.testing.ClassSanityTester;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmPackageSanityTests;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.interaction.InteractionKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Package sanity checks (nulls, equals/hashCode) over the public API of {@code dev.etiquette.crm.api.rules}: the
 * rules, their parts, their builders, rule sets and histories.
 */
class RulesPackageSanityTest extends CrmPackageSanityTests {

  /**
   * Values whose constructors check the whole (unique ids, one name per history), which {@link ClassSanityTester}
   * cannot satisfy with its samples. They are checked below through factories of valid instances.
   */
  private static final Set<Class<?>> CROSS_FIELD_INVARIANTS = Set.of(RuleSet.class, RuleSetHistory.class);

  RulesPackageSanityTest() {
    ignoreClasses(CROSS_FIELD_INVARIANTS::contains);
    distinct(Duration.class, Duration.ofHours(1), Duration.ofMinutes(90));
    distinct(CalendarChoice.class, CalendarChoice.business(), CalendarChoice.team("alpha"));
    distinct(Warning.class, Warning.atFraction("0.75"), Warning.before(Duration.ofMinutes(10)));
    distinct(Assignee.class, Assignee.owner("alpha"), Assignee.role("beta"));
    distinct(CapWindow.class, CapWindow.rolling(Duration.ofDays(7)), CapWindow.calendarDays(1));
    distinct(ContactRules.class, ContactRules.builder(ConsentRegime.OPT_IN).build(),
        ContactRules.builder(ConsentRegime.OPT_OUT).cap(FrequencyCap.of("alpha", Purpose.MARKETING, 2,
            CapWindow.calendarDays(1))).build());
    distinct(EventFilter.class, EventFilter.any(), EventFilter.of(InteractionKind.PURCHASE).build());
    distinct(ResponseTarget.class, ResponseTarget.of(Duration.ofHours(4)),
        ResponseTarget.of(Duration.ofHours(1)).withChannel(Channel.CHAT));
    distinct(EscalationStep.class, EscalationStep.of("alpha", Duration.ZERO),
        EscalationStep.of("beta", Duration.ofHours(2)));
    distinct(ObligationRule.class, RuleSetTest.firstResponse(), RuleSetTest.thankYou());
    distinct(RuleSet.class, RuleSetTest.supportDesk(), ValidInstances.ruleSet("beta", 2, T2));
  }

  @Test
  public void valuesWithCrossFieldInvariants() throws Exception {
    ClassSanityTester tester = classTester();
    for (Class<?> type : CROSS_FIELD_INVARIANTS) {
      tester.forAllPublicStaticMethods(ValidInstances.class).thatReturn(type).testNulls().testEquals();
      nullTester().testAllPublicConstructors(type);
      nullTester().testAllPublicStaticMethods(type);
      nullTester().testAllPublicInstanceMethods(ValidInstances.sample(type));
    }
  }

  @Test
  public void buildersRejectNulls() throws Exception {
    classTester().forAllPublicStaticMethods(RuleSet.class).thatReturn(RuleSet.Builder.class).testNulls();
    classTester().forAllPublicStaticMethods(ResponseRule.class).thatReturn(ResponseRule.Builder.class).testNulls();
    classTester().forAllPublicStaticMethods(FollowUpRule.class).thatReturn(FollowUpRule.Builder.class).testNulls();
    classTester().forAllPublicStaticMethods(DormancyRule.class).thatReturn(DormancyRule.Builder.class).testNulls();
    classTester().forAllPublicStaticMethods(EventFilter.class).thatReturn(EventFilter.Builder.class).testNulls();
  }

  /** Factories of valid instances, each varying in its parameters. Public for {@link ClassSanityTester}. */
  public static final class ValidInstances {
    private ValidInstances() {}

    public static RuleSet ruleSet(String name, int version, Instant effectiveFrom) {
      return new RuleSet(name, version, effectiveFrom, Optional.empty(), List.of(RuleSetTest.thankYou()),
          Optional.empty());
    }

    public static RuleSetHistory history(Instant effectiveFrom) {
      return RuleSetHistory.of(ruleSet("alpha", 1, effectiveFrom));
    }

    static Object sample(Class<?> type) {
      return type == RuleSet.class ? RuleSetTest.supportDesk() : history(T1);
    }
  }
}
