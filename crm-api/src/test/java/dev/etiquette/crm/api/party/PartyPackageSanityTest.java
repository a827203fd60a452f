package dev.etiquette.crm.api.party;

import com.google.common.testing.ClassSanityTester;
import dev.etiquette.crm.api.CrmPackageSanityTests;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Package sanity checks (nulls, equals/hashCode) over the public API of {@code dev.etiquette.crm.api.party}:
 * the customer-record values, drafts, updates, queries and the audit values.
 */
class PartyPackageSanityTest extends CrmPackageSanityTests {

  /**
   * Values whose constructors check an invariant across two parameters. {@link ClassSanityTester} fills
   * every parameter of a type with the same sample, so it builds invalid ones (a quiet window that starts
   * when it ends, a lifecycle whose exit is on its path, a string attribute with allowed values, a party
   * updated before it was created) and reports the exception as a failure. They are checked below instead,
   * through factories that keep the invariant.
   */
  private static final Set<Class<?>> CROSS_FIELD_INVARIANTS =
      Set.of(QuietWindow.class, LifecycleModel.class, AttributeDefinition.class, Party.class);

  PartyPackageSanityTest() {
    ignoreClasses(CROSS_FIELD_INVARIANTS::contains);
  }

  @Test
  public void valuesWithCrossFieldInvariants() throws Exception {
    ClassSanityTester tester = classTester();
    for (Class<?> type : CROSS_FIELD_INVARIANTS) {
      // instance methods and equals/hashCode, on valid instances built by the factories below
      tester.forAllPublicStaticMethods(ValidInstances.class).thatReturn(type).testNulls().testEquals();
      // constructors and static methods reject nulls, one parameter at a time
      nullTester().testAllPublicConstructors(type);
      nullTester().testAllPublicStaticMethods(type);
    }
    // AttributeDefinition's own factories keep the invariant when given values (an enum gets one)
    tester.forAllPublicStaticMethods(AttributeDefinition.class).thatReturn(AttributeDefinition.class).testEquals();
  }

  @Test
  public void buildersRejectNulls() throws Exception {
    classTester().forAllPublicStaticMethods(PartyDraft.class).thatReturn(PartyDraft.Builder.class).testNulls();
    classTester().forAllPublicStaticMethods(PartyUpdate.class).thatReturn(PartyUpdate.Builder.class).testNulls();
  }

  /** Factories of valid instances, each varying in its parameters. Public for {@link ClassSanityTester}. */
  public static final class ValidInstances {
    private ValidInstances() {}

    public static QuietWindow quietWindow(LocalTime start) {
      return QuietWindow.of(start, start.plusHours(1));
    }

    public static QuietWindow quietWindowEndingAt(LocalTime end) {
      return QuietWindow.of(end.minusMinutes(30), end);
    }

    public static LifecycleModel lifecycleThrough(LifecycleStage stage) {
      return new LifecycleModel(List.of(LifecycleStage.SUBSCRIBER, stage), Set.of(LifecycleStage.CHURNED));
    }

    public static LifecycleModel lifecycleExitingTo(LifecycleStage exit) {
      return new LifecycleModel(List.of(LifecycleStage.SUBSCRIBER), Set.of(exit));
    }

    /** A party with every component free except {@code updatedAt}, which is a day after {@code createdAt}. */
    public static Party party(dev.etiquette.crm.api.TenantId tenantId, PartyId id, PartyKind kind, String displayName,
        Set<Role> roles, Set<ExternalId> externalIds, List<ContactPoint> contactPoints, Preferences preferences,
        List<ConsentRecord> consents, boolean doNotContact, Lifecycle lifecycle, java.util.Optional<String> owner,
        java.util.Optional<String> team, Set<String> tags, java.util.Map<String, AttributeValue> attributes,
        long version, java.time.Instant createdAt) {
      return new Party(tenantId, id, kind, displayName, roles, externalIds, contactPoints, preferences, consents,
          doNotContact, lifecycle, owner, team, tags, attributes, version, createdAt,
          createdAt.plus(java.time.Duration.ofDays(1)));
    }

    public static AttributeDefinition attribute(String name, AttributeType type) {
      return type == AttributeType.ENUM
          ? new AttributeDefinition(name, type, Set.of("gold"))
          : new AttributeDefinition(name, type, Set.of());
    }
  }
}
