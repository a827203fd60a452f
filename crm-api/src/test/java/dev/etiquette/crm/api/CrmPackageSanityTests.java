package dev.etiquette.crm.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.reflect.ClassPath;
import com.google.common.testing.AbstractPackageSanityTests;
import com.google.common.testing.ClassSanityTester;
import com.google.common.testing.NullPointerTester;
import dev.etiquette.crm.api.party.AttributeDefinition;
import dev.etiquette.crm.api.party.AttributeSchema;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.ConsentId;
import dev.etiquette.crm.api.party.ConsentRecord;
import dev.etiquette.crm.api.party.ConsentStatus;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.LegalBasis;
import dev.etiquette.crm.api.party.Lifecycle;
import dev.etiquette.crm.api.party.LifecycleModel;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.PartyChange;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.party.Preferences;
import dev.etiquette.crm.api.party.QuietWindow;
import dev.etiquette.crm.api.party.RelationshipId;
import dev.etiquette.crm.api.party.RelationshipType;
import dev.etiquette.crm.api.party.StageChange;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * guava-testlib's package sanity checks for one package of crm-api, run by JUnit 5: null checks
 * ({@link NullPointerTester}) on every public constructor and method, {@code equals}/{@code hashCode} of every
 * value, and serialization of every serializable class — over the public API only.
 *
 * <p>{@link AbstractPackageSanityTests} only looks at top-level classes; {@link #nestedTypesAndInterfaces()}
 * adds the nested records (the {@link PartyChange} cases, the {@link AttributeValue} variants, ...) and the
 * static methods of interfaces.
 *
 * <p>The sample values below exist because the testers cannot invent values of types with a format
 * (ids, stage names, ...) or of sealed interfaces (a proxy cannot implement one). Strings are
 * {@code alpha}/{@code beta}, which every id and name format of the API accepts.
 *
 * <p>The name ends in {@code Tests} so that the sanity checks themselves do not check this class.
 */
public abstract class CrmPackageSanityTests extends AbstractPackageSanityTests {

  protected static final Instant T1 = Instant.parse("2026-03-02T09:30:00Z");
  protected static final Instant T2 = Instant.parse("2026-03-03T10:00:00Z");

  private final ClassSanityTester nestedTester = new ClassSanityTester();
  private final NullPointerTester staticTester = new NullPointerTester();

  protected CrmPackageSanityTests() {
    publicApiOnly();
    distinct(String.class, "alpha", "beta");
    // PageRequest's limit must be 1 to 1,000; 0 is not a page size
    distinct(int.class, 1, 2);
    distinct(Instant.class, T1, T2);
    distinct(ZoneId.class, ZoneOffset.UTC, ZoneId.of("Europe/Berlin"));
    distinct(LocalTime.class, LocalTime.of(8, 0), LocalTime.of(21, 0));
    distinct(LocalDate.class, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
    distinct(BigDecimal.class, BigDecimal.ONE, new BigDecimal("2.5"));
    distinct(Throwable.class, new IOException("disk full"), new IllegalStateException("closed"));
    distinct(TenantId.class, TenantId.of("acme"), TenantId.of("globex"));
    distinct(Actor.class, Actor.user("alice"), Actor.system());
    distinct(Violation.class, new Violation("displayName", "", "must not be blank"),
        new Violation("tags[0]", "x", "must be at most 100 characters"));
    distinct(PartyId.class, PartyId.of("p-1"), PartyId.of("p-2"));
    distinct(ConsentId.class, ConsentId.of("c-1"), ConsentId.of("c-2"));
    distinct(RelationshipId.class, RelationshipId.of("r-1"), RelationshipId.of("r-2"));
    distinct(ExternalId.class, ExternalId.of("billing", "42"), ExternalId.of("shop", "C-7"));
    distinct(LifecycleStage.class, LifecycleStage.LEAD, LifecycleStage.CUSTOMER);
    distinct(LifecycleModel.class, LifecycleModel.defaults(),
        new LifecycleModel(List.of(LifecycleStage.LEAD, LifecycleStage.CUSTOMER), Set.of()));
    distinct(RelationshipType.class, RelationshipType.WORKS_FOR, RelationshipType.of("mentors"));
    // named like the String samples, so that a generated map alpha -> definition is a valid schema
    distinct(AttributeDefinition.class, AttributeDefinition.string("alpha"),
        AttributeDefinition.enumeration("beta", "gold", "silver"));
    distinct(AttributeSchema.class, AttributeSchema.empty(),
        AttributeSchema.of(AttributeDefinition.number("revenue")));
    distinct(AttributeValue.class, AttributeValue.of("gold"), AttributeValue.of(42));
    distinct(ContactPoint.class, ContactPoint.email("ada@example.com"), ContactPoint.phone("+442079460958"));
    distinct(QuietWindow.class, QuietWindow.of(LocalTime.of(21, 0), LocalTime.of(8, 0)),
        QuietWindow.of(LocalTime.of(12, 0), LocalTime.of(13, 0)));
    distinct(dev.etiquette.crm.api.calendar.BusinessCalendar.class,
        dev.etiquette.crm.api.calendar.BusinessCalendar.alwaysOpen(ZoneOffset.UTC),
        dev.etiquette.crm.api.calendar.BusinessCalendar.weekdays(ZoneId.of("Europe/Berlin"), LocalTime.of(9, 0),
            LocalTime.of(17, 0)));
    distinct(Preferences.class, Preferences.none(), Preferences.none().withTimeZone(ZoneId.of("Europe/Berlin")));
    distinct(ConsentDraft.class, ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "web form"),
        ConsentDraft.optOut(Channel.SMS, Purpose.MARKETING, "call"));
    distinct(ConsentRecord.class,
        new ConsentRecord(ConsentId.of("c-1"), Channel.EMAIL, Purpose.MARKETING, ConsentStatus.OPTED_IN,
            LegalBasis.CONSENT, T1, "web form", T1, Optional.empty(), Optional.empty(), T1, Optional.empty()),
        new ConsentRecord(ConsentId.of("c-2"), Channel.EMAIL, Purpose.MARKETING, ConsentStatus.OPTED_OUT,
            LegalBasis.CONSENT, T2, "call", T2, Optional.empty(), Optional.empty(), T2,
            Optional.of(ConsentId.of("c-1"))));
    StageChange first = new StageChange(Optional.empty(), LifecycleStage.LEAD, T1, Actor.system(), false,
        Optional.empty());
    distinct(StageChange.class, first, new StageChange(Optional.of(LifecycleStage.LEAD), LifecycleStage.CUSTOMER,
        T2, Actor.user("alice"), false, Optional.empty()));
    distinct(Lifecycle.class, Lifecycle.none(), Lifecycle.none().plus(first));
    distinct(FieldChange.class, new FieldChange("displayName", Optional.of("Ada"), Optional.of("Ada L.")),
        new FieldChange("tags", Optional.empty(), Optional.of("vip")));
    distinct(PartyChange.class, new PartyChange.Rename("Ada"), new PartyChange.AddTag("vip"));
    distinct(PartyQuery.AttributeMatch.class, new PartyQuery.AttributeMatch("tier", AttributeValue.choice("gold")),
        new PartyQuery.AttributeMatch("beta", AttributeValue.of(true)));
    distinct(PartyQuery.class, PartyQuery.all(), PartyQuery.all().withTag("vip"));
    distinct(dev.etiquette.crm.api.party.Party.class, party("p-1", "Ada"), party("p-2", "Grace"));
    distinct(dev.etiquette.crm.api.calendar.CalendarChoice.class, dev.etiquette.crm.api.calendar.CalendarChoice.business(),
        dev.etiquette.crm.api.calendar.CalendarChoice.team("support"));
    distinct(dev.etiquette.crm.api.interaction.InteractionId.class,
        dev.etiquette.crm.api.interaction.InteractionId.of("i-1"),
        dev.etiquette.crm.api.interaction.InteractionId.of("i-2"));
    distinct(dev.etiquette.crm.api.contact.ContactId.class, dev.etiquette.crm.api.contact.ContactId.of("k-1"),
        dev.etiquette.crm.api.contact.ContactId.of("k-2"));
    distinct(dev.etiquette.crm.api.rules.FrequencyCap.class,
        dev.etiquette.crm.api.rules.FrequencyCap.of("weekly", Purpose.MARKETING, 3,
            dev.etiquette.crm.api.rules.CapWindow.rolling(java.time.Duration.ofDays(7))),
        dev.etiquette.crm.api.rules.FrequencyCap.of("daily", Purpose.SALES, Channel.PHONE, 1,
            dev.etiquette.crm.api.rules.CapWindow.calendarDays(1)));
    distinct(dev.etiquette.crm.api.interaction.ConversationId.class,
        dev.etiquette.crm.api.interaction.ConversationId.of("ZD-1"),
        dev.etiquette.crm.api.interaction.ConversationId.of("<a@b.example>"));
  }

  /** Sets two distinct sample values of {@code type} for the package checks and the nested-type checks. */
  private static dev.etiquette.crm.api.party.Party party(String id, String name) {
    return new dev.etiquette.crm.api.party.Party(TenantId.of("acme"), PartyId.of(id),
        dev.etiquette.crm.api.party.PartyKind.PERSON, name, Set.of(), Set.of(), List.of(), Preferences.none(),
        List.of(), false, Lifecycle.none(), Optional.empty(), Optional.empty(), Set.of(), java.util.Map.of(), 1, T1, T1);
  }

  protected final <T> void distinct(Class<T> type, T first, T second) {
    setDistinctValues(type, first, second);
    nestedTester.setDistinctValues(type, first, second);
    staticTester.setDefault(type, first);
  }

  /** A tester with the same sample values, for checks a subclass adds. */
  protected final ClassSanityTester classTester() {
    return nestedTester;
  }

  /** A null tester with the same sample values as defaults, for checks a subclass adds. */
  protected final NullPointerTester nullTester() {
    return staticTester;
  }

  /** The package whose classes this test checks: its own. */
  private String packageName() {
    return getClass().getPackageName();
  }

  @Test
  public void nullsAreRejectedByEveryPublicConstructorAndMethod() throws Exception {
    testNulls();
  }

  @Test
  public void valuesHaveConsistentEqualsAndHashCode() throws Exception {
    testEquals();
  }

  @Test
  public void serializableClassesSurviveSerialization() throws Exception {
    testSerializable();
  }

  /**
   * Nested public classes (records inside sealed interfaces, builders are covered where they can be made)
   * and the static methods of public interfaces, which {@link AbstractPackageSanityTests} skips.
   */
  @Test
  public void nestedTypesAndInterfaces() throws Exception {
    List<Class<?>> checked = new ArrayList<>();
    for (Class<?> type : publicTypesOfThePackage()) {
      if (type.isInterface()) {
        staticTester.testStaticMethods(type, NullPointerTester.Visibility.PUBLIC);
        checked.add(type);
      } else if (type.getEnclosingClass() != null && !type.isEnum()) {
        // a nested class: AbstractPackageSanityTests only covers top-level ones
        nestedTester.testNulls(type);
        if (definesEquals(type)) {
          nestedTester.testEquals(type);
        }
        checked.add(type);
      }
    }
    assertThat(checked).as("nested types and interfaces of " + packageName()).isNotEmpty();
  }

  /** Every public top-level type of the package and, recursively, their public nested types. */
  protected final List<Class<?>> publicTypesOfThePackage() throws IOException {
    List<Class<?>> found = new ArrayList<>();
    Deque<Class<?>> toVisit = new ArrayDeque<>();
    for (ClassPath.ClassInfo info : ClassPath.from(getClass().getClassLoader()).getTopLevelClasses(packageName())) {
      Class<?> type = info.load();
      if (Modifier.isPublic(type.getModifiers()) && !type.getSimpleName().endsWith("Test")
          && !type.getSimpleName().endsWith("Tests")) {
        toVisit.add(type);
      }
    }
    while (!toVisit.isEmpty()) {
      Class<?> type = toVisit.pop();
      found.add(type);
      for (Class<?> nested : type.getDeclaredClasses()) {
        if (Modifier.isPublic(nested.getModifiers())) {
          toVisit.add(nested);
        }
      }
    }
    return found;
  }

  private static boolean definesEquals(Class<?> type) {
    try {
      return !type.getDeclaredMethod("equals", Object.class).isSynthetic();
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
