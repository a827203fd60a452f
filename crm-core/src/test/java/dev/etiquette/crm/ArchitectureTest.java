package dev.etiquette.crm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import dev.etiquette.crm.api.CrmTenant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the direction of the modules honest: crm-api knows nothing of crm-core, neither knows JDBC, the
 * implementation ({@code ..internal..}) stays out of the public API, and time comes only from the injected
 * clock. The classes of both modules are imported (crm-api is on this module's class path).
 */
class ArchitectureTest {

  private static final String ROOT = "dev.etiquette.crm";
  private static final String API = "dev.etiquette.crm.api..";
  private static final String INTERNAL = "dev.etiquette.crm.internal..";

  /**
   * The public classes of {@code ..internal..}: exactly those the public packages of crm-core (the
   * {@link Crm} entry point) need to reach across the package boundary. Everything else in
   * {@code ..internal..} is package-private. A new public class there must be added here on purpose.
   */
  private static final Set<String> PUBLIC_INTERNAL_CLASSES = Set.of(
      "dev.etiquette.crm.internal.CrmRuntime",        // Crm holds one and builds it
      "dev.etiquette.crm.internal.DefaultCrmTenant",  // Crm.tenant(..) returns one
      "dev.etiquette.crm.internal.InMemoryStorage",   // Crm.Builder's default storage
      "dev.etiquette.crm.internal.ObligationEngineAccess", // Crm.processDue() runs the engine
      "dev.etiquette.crm.internal.RandomIds",         // Crm.Builder's default id generator
      "dev.etiquette.crm.internal.Relay");            // NotificationRelay wraps it

  /**
   * The only classes that may name the system clock, each as the default of a clock the caller can inject: the
   * entry point's builder, and the webhook port's builder and verifier (which read it for a timestamp only).
   */
  private static final Set<String> SYSTEM_CLOCK_DEFAULTS = Set.of(
      "dev.etiquette.crm.Crm$Builder",
      "dev.etiquette.crm.notify.WebhookNotificationPort$Builder",
      "dev.etiquette.crm.notify.WebhookVerifier");

  private static final ArchRule TIME_FROM_THE_CLOCK = noClasses().that().resideInAPackage(ROOT + "..")
      .should().callMethodWhere(readsTheSystemClock())
      .because("every operation takes its now from the Clock given to Crm.builder(); only the builder's"
          + " default may name the system clock");

  private static final ArchRule NO_INTERNAL_TYPES_IN_PUBLIC_SIGNATURES = classes()
      .that().resideInAPackage(ROOT + "..")
      .and().resideOutsideOfPackages(API, INTERNAL)
      .and().arePublic()
      .should(notExposeInternalTypes())
      .because("a user of the library must never see, construct or depend on an internal type");

  private static JavaClasses all;

  @BeforeAll
  static void importClasses() {
    all = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
  }

  @Test
  void theImportSeesBothModules() {
    // guards every rule below against passing vacuously on an empty import
    assertThat(all.contain(Crm.class)).isTrue();
    assertThat(all.contain(CrmTenant.class)).isTrue();
    assertThat(all.contain("dev.etiquette.crm.internal.PartyService")).isTrue();
  }

  @Test
  void nothingInApiOrCoreUsesJdbc() {
    noClasses().that().resideInAPackage(ROOT + "..")
        .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
        .because("JDBC belongs to the JDBC adapter module, never to crm-api or crm-core")
        .check(all);
  }

  @Test
  void apiDoesNotDependOnCore() {
    noClasses().that().resideInAPackage(API)
        .should().dependOnClassesThat(resideInCoreOutsideApi())
        .because("crm-core depends on crm-api, never the other way round")
        .check(all);
  }

  @Test
  void apiDoesNotUseJackson() {
    noClasses().that().resideInAPackage(API)
        .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
        .check(all);
  }

  @Test
  void onlyTheJsonModuleUsesJackson() {
    noClasses().that().resideInAPackage(ROOT + "..").and().resideOutsideOfPackage(ROOT + ".json..")
        .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
        .because("the domain and its implementation stay free of the serialization library;"
            + " the Jackson module (dev.etiquette.crm.json) carries the mapping")
        .allowEmptyShould(true)
        .check(all);
  }

  /**
   * Whether code outside the class's package can name it: it is public, and so is every class it is nested in (a
   * record nested in a package-private interface is implicitly public, yet no one outside can reach it).
   */
  private static boolean accessibleOutsideItsPackage(JavaClass c) {
    return c.getModifiers().contains(JavaModifier.PUBLIC)
        && c.getEnclosingClass().map(ArchitectureTest::accessibleOutsideItsPackage).orElse(true);
  }

  @Test
  void publicClassesOfInternalAreExactlyTheOnesListed() {
    Set<String> publicInternal = all.stream()
        .filter(c -> c.getPackageName().startsWith(ROOT + ".internal"))
        .filter(ArchitectureTest::accessibleOutsideItsPackage)
        .filter(c -> !c.getSimpleName().equals("package-info"))
        .map(JavaClass::getName)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(publicInternal)
        .as("public classes in ..internal.. (make a new one package-private, or list it in"
            + " PUBLIC_INTERNAL_CLASSES with the reason the public API needs it)")
        .containsExactlyInAnyOrderElementsOf(PUBLIC_INTERNAL_CLASSES);
  }

  @Test
  void everyListedPublicInternalClassIsReallyUsedFromOutsideInternal() {
    // keeps the list above from going stale: a class nobody outside ..internal.. uses need not be public
    Set<String> usedFromOutside = new TreeSet<>();
    all.stream()
        .filter(c -> c.getPackageName().startsWith(ROOT))
        .filter(c -> !c.getPackageName().startsWith(ROOT + ".internal"))
        .forEach(c -> c.getDirectDependenciesFromSelf().forEach(d -> {
          if (d.getTargetClass().getPackageName().startsWith(ROOT + ".internal")) {
            usedFromOutside.add(d.getTargetClass().getName());
          }
        }));
    assertThat(usedFromOutside).containsAll(PUBLIC_INTERNAL_CLASSES);
  }

  @Test
  void internalClassesAreUsedOnlyByCore() {
    classes().that().resideInAPackage(INTERNAL)
        .should().onlyHaveDependentClassesThat(resideInCoreOutsideApi())
        .check(all);
  }

  @Test
  void publicApiOfCoreDoesNotExposeInternalTypes() {
    NO_INTERNAL_TYPES_IN_PUBLIC_SIGNATURES.check(all);
  }

  @Test
  void theExposureRuleCatchesAnInternalTypeInAPublicSignature() {
    JavaClasses fixture = new ClassFileImporter().importClasses(ExposesAnInternalType.class);
    assertThatThrownBy(() -> NO_INTERNAL_TYPES_IN_PUBLIC_SIGNATURES.check(fixture))
        .hasMessageContaining("runtime()")
        .hasMessageContaining("tenants(java.util.List)")
        .hasMessageContaining("storage")
        .hasMessageNotContaining("hidden");
  }

  @Test
  void theEntryPointIsFinalWithPrivateConstructors() {
    assertThat(all.get(Crm.class).getModifiers()).contains(JavaModifier.FINAL);
    assertThat(all.get(Crm.class).getConstructors())
        .allSatisfy(c -> assertThat(c.getModifiers()).contains(JavaModifier.PRIVATE));
    assertThat(all.get(Crm.Builder.class).getConstructors())
        .allSatisfy(c -> assertThat(c.getModifiers()).contains(JavaModifier.PRIVATE));
  }

  @Test
  void timeComesOnlyFromTheInjectedClock() {
    TIME_FROM_THE_CLOCK.check(all);
  }

  @Test
  void theClockRuleCatchesAReadOfTheSystemClock() {
    JavaClasses fixture = new ClassFileImporter().importClasses(ReadsTheSystemClock.class);
    assertThatThrownBy(() -> TIME_FROM_THE_CLOCK.check(fixture))
        .hasMessageContaining("Instant.now()")
        .hasMessageContaining("System.currentTimeMillis()")
        .hasMessageContaining("Clock.systemUTC()")
        .hasMessageNotContaining("Instant.now(java.time.Clock)");
  }

  @Test
  void libraryLogsOnlyThroughTheSlf4jApi() {
    noClasses().that().resideInAPackage(ROOT + "..")
        .should().dependOnClassesThat().resideInAnyPackage("java.util.logging..", "org.apache.log4j..",
            "org.apache.logging..", "ch.qos.logback..", "org.slf4j.simple..", "org.slf4j.impl..",
            "org.apache.commons.logging..")
        .check(all);
    GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(all);
  }

  @Test
  void packagesAreFreeOfCycles() {
    SlicesRuleDefinition.slices().matching("dev.etiquette.crm.(*)..")
        .should().beFreeOfCycles()
        .check(all);
  }

  @Test
  void internalDoesNotDependOnTheEntryPoint() {
    noClasses().that().resideInAPackage(INTERNAL)
        .should().dependOnClassesThat().resideInAPackage(ROOT)
        .because("the entry point wires the implementation, not the other way round")
        .check(all);
  }

  // ---------------------------------------------------------------------------------------------------
  // Fixtures that break the rules on purpose, to show the rules are not vacuous. They are test classes,
  // so the import of the library above never sees them.

  @SuppressWarnings("unused")
  static final class ReadsTheSystemClock {
    long everyWayOfReadingTheSystemClock() {
      java.time.Instant a = java.time.Instant.now();
      long b = System.currentTimeMillis();
      java.time.Clock c = java.time.Clock.systemUTC();
      java.time.Instant fine = java.time.Instant.now(c);
      return a.toEpochMilli() + b + fine.toEpochMilli();
    }
  }

  @SuppressWarnings("unused")
  public static class ExposesAnInternalType {
    public dev.etiquette.crm.internal.InMemoryStorage storage;
    private dev.etiquette.crm.internal.InMemoryStorage hidden;

    public dev.etiquette.crm.internal.CrmRuntime runtime() {
      return null;
    }

    public void tenants(List<dev.etiquette.crm.internal.DefaultCrmTenant> tenants) {}

    private dev.etiquette.crm.internal.CrmRuntime hiddenRuntime() {
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------------------

  private static DescribedPredicate<JavaClass> resideInCoreOutsideApi() {
    return DescribedPredicate.describe("reside in crm-core (dev.etiquette.crm.. outside dev.etiquette.crm.api..)",
        c -> (c.getPackageName().equals(ROOT) || c.getPackageName().startsWith(ROOT + "."))
            && !c.getPackageName().startsWith(ROOT + ".api"));
  }

  private static boolean isInternal(JavaClass type) {
    return type.getPackageName().startsWith(ROOT + ".internal");
  }

  private static DescribedPredicate<JavaMethodCall> readsTheSystemClock() {
    return DescribedPredicate.describe("reads the system clock (X.now() without a Clock,"
        + " System.currentTimeMillis/nanoTime, Clock.system* outside the listed defaults)", call -> {
          AccessTarget.MethodCallTarget target = call.getTarget();
          String owner = target.getOwner().getName();
          String name = target.getName();
          List<JavaClass> params = target.getRawParameterTypes();
          if (owner.startsWith("java.time.") && name.equals("now")) {
            return !(params.size() == 1 && params.get(0).isEquivalentTo(java.time.Clock.class));
          }
          if (owner.equals("java.lang.System")) {
            return name.equals("currentTimeMillis") || name.equals("nanoTime");
          }
          if (owner.equals("java.time.Clock") && name.startsWith("system")) {
            return !SYSTEM_CLOCK_DEFAULTS.contains(call.getOriginOwner().getName());
          }
          return false;
        });
  }

  private static ArchCondition<JavaClass> notExposeInternalTypes() {
    return new ArchCondition<>("not expose types of ..internal.. in public or protected signatures") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        Set<String> problems = new LinkedHashSet<>();
        type.getRawSuperclass().filter(ArchitectureTest::isInternal)
            .ifPresent(s -> problems.add("extends " + s.getName()));
        type.getRawInterfaces().stream().filter(ArchitectureTest::isInternal)
            .forEach(i -> problems.add("implements " + i.getName()));
        for (JavaCodeUnit unit : type.getCodeUnits()) {
          if (!visible(unit)) {
            continue;
          }
          Set<JavaClass> involved = new LinkedHashSet<>(unit.getReturnType().getAllInvolvedRawTypes());
          for (JavaType parameter : unit.getParameterTypes()) {
            involved.addAll(parameter.getAllInvolvedRawTypes());
          }
          involved.addAll(unit.getThrowsClause().getTypes());
          involved.stream().filter(ArchitectureTest::isInternal)
              .forEach(t -> problems.add(unit.getFullName() + " uses " + t.getName()));
        }
        for (JavaField field : type.getFields()) {
          if (visible(field)) {
            field.getType().getAllInvolvedRawTypes().stream().filter(ArchitectureTest::isInternal)
                .forEach(t -> problems.add(field.getFullName() + " has type " + t.getName()));
          }
        }
        if (problems.isEmpty()) {
          events.add(SimpleConditionEvent.satisfied(type, type.getName() + " exposes no internal type"));
        } else {
          problems.forEach(p -> events.add(SimpleConditionEvent.violated(type, p)));
        }
      }
    };
  }

  private static boolean visible(JavaMember member) {
    Set<JavaModifier> modifiers = member.getModifiers();
    if (modifiers.contains(JavaModifier.SYNTHETIC)) {
      return false;
    }
    boolean subclassable = !member.getOwner().getModifiers().contains(JavaModifier.FINAL);
    return modifiers.contains(JavaModifier.PUBLIC) || (subclassable && modifiers.contains(JavaModifier.PROTECTED));
  }
}
