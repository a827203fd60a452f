package dev.etiquette.crm.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code crm-api} what its POM says it is: values, user-facing interfaces, ports and exceptions, with
 * no implementation, no adapter, no persistence technology and no serialization library in it.
 */
class ApiArchitectureTest {

  private static final String API = "dev.etiquette.crm.api..";

  private static JavaClasses api;

  @BeforeAll
  static void importApi() {
    api = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.etiquette.crm.api");
  }

  @Test
  void theImportSeesTheWholeApi() {
    // guards the rules below against passing vacuously on an empty import
    assertContains(api, CrmTenant.class, dev.etiquette.crm.api.party.Party.class,
        dev.etiquette.crm.api.interaction.Interaction.class, dev.etiquette.crm.api.spi.Storage.class,
        dev.etiquette.crm.api.calendar.BusinessCalendar.class);
  }

  @Test
  void apiDependsOnlyOnItselfTheJdkGuavaAndBeanValidation() {
    // an allow-list: crm-core (dev.etiquette.crm, ..internal.., ..json..), any adapter, logging,
    // Hibernate, libphonenumber and Jackson are all outside it
    ArchRule rule = classes().that().resideInAPackage(API)
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            API, "java..", "com.google.common..", "jakarta.validation..")
        .because("crm-api holds values, interfaces, ports and exceptions only; implementations live in"
            + " crm-core and the adapters, which depend on crm-api and never the other way round");
    rule.check(api);
  }

  @Test
  void apiDoesNotUseJdbc() {
    noClasses().that().resideInAPackage(API)
        .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
        .because("storage technology belongs to adapters; a StorageException carries an SQLException only"
            + " as its cause")
        .check(api);
  }

  @Test
  void apiCarriesNoJacksonAnnotationsOrTypes() {
    noClasses().that().resideInAPackage(API)
        .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
        .because("the Jackson module in crm-core carries the JSON mapping (mix-ins), so the domain stays free"
            + " of a serialization library")
        .check(api);
  }

  @Test
  void apiDoesNotDependOnImplementationPackages() {
    noClasses().that().resideInAPackage(API)
        .should().dependOnClassesThat().resideInAnyPackage("..internal..", "..impl..")
        .check(api);
  }

  @Test
  void apiDoesNotDependOnTheCoreEntryPoint() {
    noClasses().that().resideInAPackage(API)
        .should().dependOnClassesThat().resideInAPackage("dev.etiquette.crm")
        .check(api);
  }

  @Test
  void valuesAndUserFacingInterfacesDoNotKnowTheStoragePorts() {
    // the ports (spi) are written in terms of the values, not the other way round
    noClasses().that().resideInAnyPackage("dev.etiquette.crm.api", "dev.etiquette.crm.api.party",
            "dev.etiquette.crm.api.calendar", "dev.etiquette.crm.api.interaction")
        .should().dependOnClassesThat().resideInAPackage("dev.etiquette.crm.api.spi..")
        .check(api);
  }

  @Test
  void storagePortsAreInterfacesAndTheirDataIsRecords() {
    classes().that().resideInAPackage("dev.etiquette.crm.api.spi..")
        .and().doNotHaveSimpleName("package-info")
        .should().beInterfaces().orShould().beAssignableTo(Record.class).orShould().beEnums()
        .because("ports are small interfaces that adapters implement, and what crosses them is immutable values"
            + " (records, and enums such as FactStore.TimeBasis);"
            + " no implementation lives in the spi package")
        .check(api);
  }

  @Test
  void everyExceptionBelongsToTheOneUncheckedHierarchy() {
    classes().that().resideInAPackage(API).and().areAssignableTo(Throwable.class)
        .should().beAssignableTo(CrmException.class)
        .because("public calls throw one unchecked hierarchy rooted at CrmException")
        .check(api);
  }

  @Test
  void concreteExceptionsAreFinal() {
    classes().that().resideInAPackage(API).and().areAssignableTo(CrmException.class)
        .and().doNotHaveModifier(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)
        .should().haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL)
        .check(api);
  }

  @Test
  void apiUsesNoLoggingAndNoStandardStreams() {
    com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(api);
    com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(api);
  }

  private static void assertContains(JavaClasses classes, Class<?>... expected) {
    for (Class<?> type : expected) {
      if (!classes.contain(type)) {
        throw new AssertionError("the import does not contain " + type.getName() + "; it holds "
            + classes.stream().map(JavaClass::getName).toList());
      }
    }
  }
}
