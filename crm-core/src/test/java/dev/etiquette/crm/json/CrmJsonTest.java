package dev.etiquette.crm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.ConsentId;
import dev.etiquette.crm.api.party.ConsentRecord;
import dev.etiquette.crm.api.party.ConsentStatus;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.LegalBasis;
import dev.etiquette.crm.api.party.Lifecycle;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyChange;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyKind;
import dev.etiquette.crm.api.party.PartyUpdate;
import dev.etiquette.crm.api.party.PhoneNumber;
import dev.etiquette.crm.api.party.PostalAddress;
import dev.etiquette.crm.api.party.Preferences;
import dev.etiquette.crm.api.party.QuietWindow;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.party.SocialHandle;
import dev.etiquette.crm.api.party.StageChange;
import dev.etiquette.crm.api.party.Website;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrmJsonTest {

  // ------------------------------------------------------------------------------------------------ the format

  @Nested
  class Format {

    /** The format of a party, every nested type included, byte for byte. Changing it breaks stored JSON. */
    @Test
    void aPartyHasThePinnedShape() {
      String expected = "{\"tenantId\":\"acme\",\"id\":\"p-42\",\"kind\":\"PERSON\",\"displayName\":\"Ada Lovelace\","
          + "\"roles\":[\"CUSTOMER\",\"PARTNER\"],"
          + "\"externalIds\":[{\"system\":\"billing\",\"value\":\"A-1001\"}],"
          + "\"contactPoints\":["
          + "{\"type\":\"email\",\"address\":\"ada@example.com\",\"label\":\"work\",\"primary\":true},"
          + "{\"type\":\"phone\",\"number\":\"+14155550123\",\"primary\":true},"
          + "{\"type\":\"postal\",\"lines\":[\"12 Analytical Row\"],\"locality\":\"London\",\"postalCode\":\"N1 9GU\","
          + "\"country\":\"GB\",\"label\":\"home\",\"primary\":true},"
          + "{\"type\":\"website\",\"url\":\"https://ada.example.org/\",\"primary\":true},"
          + "{\"type\":\"social\",\"network\":\"mastodon\",\"handle\":\"@ada@example.social\",\"primary\":true}],"
          + "\"preferences\":{\"timeZone\":\"Europe/London\",\"locale\":\"en-GB\",\"preferredChannel\":\"EMAIL\","
          + "\"quietHours\":{\"EMAIL\":[{\"start\":\"22:30\",\"end\":\"23:59:59\"}],"
          + "\"PHONE\":[{\"start\":\"21:00\",\"end\":\"08:00\"}]}},"
          + "\"consents\":["
          + "{\"id\":\"c-1\",\"channel\":\"EMAIL\",\"purpose\":\"MARKETING\",\"status\":\"OPTED_IN\",\"legalBasis\":\"CONSENT\","
          + "\"capturedAt\":\"2024-01-31T09:30:00Z\",\"source\":\"signup form\",\"effectiveFrom\":\"2024-01-31T09:30:00Z\","
          + "\"doubleOptInConfirmedAt\":\"2024-01-31T09:35:12.500Z\",\"recordedAt\":\"2024-01-31T09:30:00Z\"},"
          + "{\"id\":\"c-2\",\"channel\":\"EMAIL\",\"purpose\":\"MARKETING\",\"status\":\"OPTED_OUT\",\"legalBasis\":\"CONSENT\","
          + "\"capturedAt\":\"2024-03-01T12:00:00.123456Z\",\"source\":\"unsubscribe link\","
          + "\"effectiveFrom\":\"2024-03-01T12:00:00.123456Z\",\"recordedAt\":\"2024-03-01T12:00:01Z\",\"supersedes\":\"c-1\"}],"
          + "\"doNotContact\":false,"
          + "\"lifecycle\":{\"history\":["
          + "{\"to\":\"lead\",\"at\":\"2024-01-31T09:30:00Z\",\"actor\":\"system\",\"forced\":false},"
          + "{\"from\":\"lead\",\"to\":\"customer\",\"at\":\"2024-02-15T16:00:00Z\",\"actor\":\"u-7\",\"forced\":false}]},"
          + "\"owner\":\"u-7\","
          + "\"tags\":[\"analytics\",\"vip\"],"
          + "\"attributes\":{\"birthday\":{\"type\":\"date\",\"value\":\"1815-12-10\"},"
          + "\"newsletter\":{\"type\":\"boolean\",\"value\":true},"
          + "\"nickname\":{\"type\":\"string\",\"value\":\"The Enchantress of Numbers\"},"
          + "\"score\":{\"type\":\"number\",\"value\":0.1000000000000000055511151231257827},"
          + "\"tier\":{\"type\":\"enum\",\"value\":\"gold\"}},"
          + "\"version\":3,\"createdAt\":\"2024-01-31T09:30:00Z\",\"updatedAt\":\"2024-03-01T12:00:01Z\"}";

      assertThat(CrmJson.toJson(ada())).isEqualTo(expected);
      assertThat(CrmJson.fromJson(expected, Party.class)).isEqualTo(ada());
    }

    @Test
    void theTypeNamesArePinned() {
      assertThat(DomainTypes.sealed(ContactPoint.class).subtypes()).containsExactlyInAnyOrderEntriesOf(Map.of(
          "email", EmailAddress.class, "phone", PhoneNumber.class, "postal", PostalAddress.class,
          "website", Website.class, "social", SocialHandle.class));
      assertThat(DomainTypes.sealed(AttributeValue.class).subtypes()).containsExactlyInAnyOrderEntriesOf(Map.of(
          "string", AttributeValue.StringValue.class, "number", AttributeValue.NumberValue.class,
          "boolean", AttributeValue.BooleanValue.class, "date", AttributeValue.DateValue.class,
          "enum", AttributeValue.EnumValue.class));
      Map<String, Class<?>> changes = new LinkedHashMap<>();
      changes.put("rename", PartyChange.Rename.class);
      changes.put("add_role", PartyChange.AddRole.class);
      changes.put("remove_role", PartyChange.RemoveRole.class);
      changes.put("add_external_id", PartyChange.AddExternalId.class);
      changes.put("remove_external_id", PartyChange.RemoveExternalId.class);
      changes.put("add_contact_point", PartyChange.AddContactPoint.class);
      changes.put("remove_contact_point", PartyChange.RemoveContactPoint.class);
      changes.put("make_primary", PartyChange.MakePrimary.class);
      changes.put("set_preferences", PartyChange.SetPreferences.class);
      changes.put("set_do_not_contact", PartyChange.SetDoNotContact.class);
      changes.put("assign_owner", PartyChange.AssignOwner.class);
      changes.put("assign_team", PartyChange.AssignTeam.class);
      changes.put("add_tag", PartyChange.AddTag.class);
      changes.put("remove_tag", PartyChange.RemoveTag.class);
      changes.put("set_attribute", PartyChange.SetAttribute.class);
      changes.put("remove_attribute", PartyChange.RemoveAttribute.class);
      assertThat(DomainTypes.sealed(PartyChange.class).subtypes()).containsExactlyInAnyOrderEntriesOf(changes);
    }

    @Test
    void aPartyUpdateIsAListOfTypedChanges() {
      PartyUpdate update = PartyUpdate.builder().rename("Ada King").addRole(Role.VENDOR).clearOwner()
          .attribute("score", AttributeValue.of(new BigDecimal("12.50"))).build();

      assertThat(CrmJson.toJson(update)).isEqualTo("{\"changes\":["
          + "{\"type\":\"rename\",\"displayName\":\"Ada King\"},"
          + "{\"type\":\"add_role\",\"role\":\"VENDOR\"},"
          + "{\"type\":\"assign_owner\"},"
          + "{\"type\":\"set_attribute\",\"name\":\"score\",\"value\":{\"type\":\"number\",\"value\":12.5}}]}");
    }

    @Test
    void idsAreStringsAndEmptyOptionalsAreLeftOut() {
      assertThat(CrmJson.toJson(TenantId.of("acme"))).isEqualTo("\"acme\"");
      assertThat(CrmJson.toJson(Actor.system())).isEqualTo("\"system\"");
      assertThat(CrmJson.toJson(LifecycleStage.LEAD)).isEqualTo("\"lead\"");
      assertThat(CrmJson.toJson(PageRequest.first(50))).isEqualTo("{\"limit\":50}");
      assertThat(CrmJson.fromJson("{\"limit\":50,\"cursor\":null}", PageRequest.class)).isEqualTo(PageRequest.first(50));
    }

    @Test
    void numbersAreExactEvenBeyondDoubleRangeAndPrecision() {
      for (String number : List.of("0.1000000000000000055511151231257827", "1E+38", "-1.5E-37",
          "12345678901234567890123456789.123456789")) {
        AttributeValue value = AttributeValue.of(new BigDecimal(number));
        String json = CrmJson.toJson(value);
        assertThat(json).isEqualTo("{\"type\":\"number\",\"value\":" + number + "}");
        assertThat(CrmJson.fromJson(json, AttributeValue.class)).isEqualTo(value);
      }
      assertThat(CrmJson.fromJson("{\"type\":\"number\",\"value\":1.000}", AttributeValue.class))
          .isEqualTo(AttributeValue.of(1));
    }

    @Test
    void numbersBeyondTheAttributeBoundsAreRejectedNotExpanded() {
      for (String number : List.of("1E+999999999", "1E+400", "-1.5E-400", "123456789012345678901234567890.123456789")) {
        assertThatThrownBy(() -> CrmJson.fromJson("{\"type\":\"number\",\"value\":" + number + "}",
            AttributeValue.class))
            .isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.getMessage()).contains("at most 38 significant digits"));
      }
    }

    @Test
    void pagesAndPageRequestsReadWithTheirElementType() {
      Page<PartyId> page = new Page<>(List.of(PartyId.of("p-1"), PartyId.of("p-2")), Optional.of("next-1"));
      String json = CrmJson.toJson(page);

      assertThat(json).isEqualTo("{\"items\":[\"p-1\",\"p-2\"],\"nextCursor\":\"next-1\"}");
      assertThat(CrmJson.fromJson(json, new TypeReference<Page<PartyId>>() {})).isEqualTo(page);
      assertThat(CrmJson.fromJson("{\"nextCursor\":\"x\",\"items\":[]}", new TypeReference<Page<Party>>() {}))
          .isEqualTo(new Page<Party>(List.of(), Optional.of("x")));
      assertThat(CrmJson.fromJson("{\"cursor\":\"next-1\",\"limit\":20}", PageRequest.class))
          .isEqualTo(PageRequest.after("next-1", 20));
    }

    @Test
    void pageItemsOfTheHostsOwnTypesAreReadByJackson() {
      Page<Order> page = new Page<>(List.of(new Order("sku-1", 2)), Optional.empty());
      String json = CrmJson.toJson(page);

      assertThat(json).isEqualTo("{\"items\":[{\"quantity\":2,\"sku\":\"sku-1\"}]}");
      assertThat(CrmJson.fromJson(json, new TypeReference<Page<Order>>() {})).isEqualTo(page);
      ValidationException e = catchThrowableOfType(ValidationException.class,
          () -> CrmJson.fromJson("{\"items\":[{\"sku\":\"a\",\"quantity\":2},{\"sku\":\"b\",\"quantity\":\"x\"}]}",
              new TypeReference<Page<Order>>() {}));
      assertThat(e.violations()).singleElement().satisfies(v -> {
        assertThat(v.path()).isEqualTo("$.items[1].quantity (line 1, column 58)");
        assertThat(v.message()).contains("int");
      });
    }

    @Test
    void aPlainObjectMapperWithTheModuleWritesInstantsAsStringsAndReadsEverything() throws Exception {
      ObjectMapper plain = new ObjectMapper().registerModule(CrmJson.module());
      assertThat(plain.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)).isTrue();

      String json = plain.writeValueAsString(ada());

      assertThat(json).isEqualTo(CrmJson.toJson(ada())).contains("\"createdAt\":\"2024-01-31T09:30:00Z\"");
      assertThat(plain.readValue(json, Party.class)).isEqualTo(ada());
      assertThat(plain.readValue("[{\"type\":\"email\",\"address\":\"a@b.co\",\"primary\":false}]",
          new TypeReference<List<ContactPoint>>() {})).containsExactly(ContactPoint.email("a@b.co"));
    }

    @Test
    void crmApiValuesInsideTheHostsOwnTypesAndIdsAsMapKeys() {
      Envelope envelope = new Envelope(PartyId.of("p-1"), Map.of(PartyId.of("p-2"), "note"), ada());
      String json = CrmJson.toJson(envelope);

      assertThat(json).startsWith("{\"notes\":{\"p-2\":\"note\"},\"owner\":\"p-1\",\"party\":{\"tenantId\":\"acme\"");
      assertThat(CrmJson.fromJson(json, Envelope.class)).isEqualTo(envelope);

      String badTenant = json.replace("\"tenantId\":\"acme\"", "\"tenantId\":\"no way\"");
      ValidationException e = catchThrowableOfType(ValidationException.class,
          () -> CrmJson.fromJson(badTenant, Envelope.class));
      assertThat(e.violations()).singleElement().extracting(Violation::path)
          .isEqualTo("$.party.tenantId: tenantId (line 1, column 59)");
    }

    @Test
    void moduleAndMappers() {
      assertThat(CrmJson.module()).isSameAs(CrmJson.module());
      assertThat(CrmJson.newObjectMapper()).isNotSameAs(CrmJson.newObjectMapper());
      assertThat(CrmJson.module().getModuleName()).isEqualTo("etiquette-crm");
    }
  }

  // ------------------------------------------------------------------------------------------------ errors

  @Nested
  class Errors {

    @Test
    void aWrongValueIsReportedWithItsPathLineAndColumn() {
      String json = """
          {
            "kind": "PERSON",
            "roles": [42],
            "displayName": "Ada",
            "externalIds": [],
            "contactPoints": [
              {"type": "email", "address": "ada@example.com", "primary": true},
              {"type": "phone", "number": 4155550123, "primary": false}
            ],
            "preferences": {"quietHours": {}},
            "consents": [],
            "doNotContact": false,
            "tags": [],
            "attributes": {}
          }""";

      ValidationException e = catchThrowableOfType(ValidationException.class,
          () -> CrmJson.fromJson(json, PartyDraft.class));

      assertThat(e.violations()).containsExactly(
          new Violation("$.roles[0] (line 3, column 13)", "42",
              "expected one of CUSTOMER, PROSPECT, PARTNER, VENDOR, EMPLOYEE, STAKEHOLDER, got a number"),
          new Violation("$.contactPoints[1].number (line 8, column 33)", "4***(10 chars)",
              "expected a string, got a number"));
    }

    @Test
    void everyMissingPropertyIsReportedAtOnce() {
      ValidationException e = catchThrowableOfType(ValidationException.class,
          () -> CrmJson.fromJson("{\"tenantId\": \"acme\", \"id\": \"p-1\", \"kind\": \"PERSON\"}", Party.class));

      assertThat(e.violations()).extracting(Violation::path).containsExactly(
          "$.displayName (line 1, column 1)", "$.roles (line 1, column 1)", "$.externalIds (line 1, column 1)",
          "$.contactPoints (line 1, column 1)", "$.preferences (line 1, column 1)", "$.consents (line 1, column 1)",
          "$.doNotContact (line 1, column 1)", "$.lifecycle (line 1, column 1)", "$.tags (line 1, column 1)",
          "$.attributes (line 1, column 1)", "$.version (line 1, column 1)", "$.createdAt (line 1, column 1)",
          "$.updatedAt (line 1, column 1)");
      assertThat(e.violations()).allSatisfy(v -> {
        assertThat(v.value()).isEqualTo("(missing)");
        assertThat(v.message()).startsWith("is required: expected ");
      });
    }

    @Test
    void unknownPropertiesFail() {
      ValidationException e = catchThrowableOfType(ValidationException.class,
          () -> CrmJson.fromJson("{\"limit\": 5, \"offset\": 10}", PageRequest.class));

      assertThat(e.violations()).containsExactly(new Violation("$.offset (line 1, column 14)", "offset",
          "is not a property of PageRequest: expected one of limit, cursor"));
    }

    @Test
    void anInvalidTenantIdComesOutWithTheJsonPathPrefixed() {
      String json = "{\n  \"tenantId\": \"-acme\",\n  \"sequence\": 1\n}";

      ValidationException e = catchThrowableOfType(ValidationException.class,
          () -> CrmJson.fromJson(json, TenantSettings.class));

      assertThat(e.violations()).contains(new Violation("$.tenantId: tenantId (line 2, column 15)", "-acme",
          "must be 1 to 64 characters from [A-Za-z0-9._-], starting with a letter or digit"));
      assertThat(e.violations()).extracting(Violation::path).contains("$.sequence (line 3, column 3)",
          "$.zone (line 1, column 1)");
    }

    @Test
    void whatAConstructorRejectsKeepsItsOwnPathAfterTheJsonPath() {
      String json = "{\"tenantId\":\"acme\",\"zone\":\"UTC\",\"lifecycle\":{\"path\":[\"lead\",\"lead\"],"
          + "\"exits\":[\"lead\"]},\"attributes\":{\"definitions\":{\"tier\":{\"name\":\"rank\",\"type\":\"STRING\","
          + "\"allowedValues\":[]}}},\"relationshipTypes\":[],\"teamCalendars\":{}}";

      ValidationException e = catchThrowableOfType(ValidationException.class,
          () -> CrmJson.fromJson(json, TenantSettings.class));

      assertThat(e.violations()).containsExactly(
          new Violation("$.lifecycle: lifecycle.path[1] (line 1, column 45)", "lead", "is repeated"),
          new Violation("$.lifecycle: lifecycle.exits (line 1, column 45)", "lead", "is also on the path"),
          new Violation("$.attributes: attributes.tier (line 1, column 100)", "rank",
              "the key must be the definition's name"));
    }

    @Test
    void wrongJsonTypesAreNotCoerced() {
      assertThat(violation("{\"limit\": \"5\"}", PageRequest.class)).isEqualTo(new Violation(
          "$.limit (line 1, column 11)", "5", "expected an integer from -2147483648 to 2147483647, got a string"));
      assertThat(violation("{\"limit\": 5.0}", PageRequest.class).message()).startsWith("expected an integer");
      assertThat(violation("{\"limit\": 5000000000}", PageRequest.class).message()).startsWith("is out of range");
      assertThat(violation("{\"type\":\"boolean\",\"value\":\"true\"}", AttributeValue.class).path())
          .isEqualTo("$.value (line 1, column 27)");
      assertThat(violation("{\"type\":\"string\",\"value\":1}", AttributeValue.class).message())
          .isEqualTo("expected a string, got a number");
      assertThat(violation("[\"acme\"]", TenantId.class).message())
          .isEqualTo("expected a string (a tenant id), got an array");
    }

    @Test
    void malformedValuesOfKnownTypes() {
      assertThat(violation("{\"start\":\"25:00\",\"end\":\"08:00\"}", QuietWindow.class)).isEqualTo(new Violation(
          "$.start (line 1, column 10)", "25:00",
          "is not an ISO-8601 local time: expected a local time string such as \"21:00\" or \"08:30:15\""));
      assertThat(violation("{\"start\":\"08:00\",\"end\":\"08:00\"}", QuietWindow.class).path())
          .isEqualTo("$: quietWindow (line 1, column 1)");
      assertThat(violation("{\"quietHours\":{\"FAX\":[]}}", Preferences.class).path())
          .isEqualTo("$.quietHours.FAX (line 1, column 16)");
      assertThat(violation("{\"timeZone\":\"Mars/Olympus\",\"quietHours\":{}}", Preferences.class).message())
          .startsWith("is not a known time zone");
      assertThat(violation("{\"locale\":\"not a tag\",\"quietHours\":{}}", Preferences.class).message())
          .startsWith("is not a well-formed language tag");
      assertThat(violation("{\"type\":\"date\",\"value\":\"2024-02-30\"}", AttributeValue.class).message())
          .startsWith("is not an ISO-8601 date");
      assertThat(violation("{\"tenantId\":\"a\",\"sequence\":1,\"recordType\":\"party\",\"recordId\":\"p\","
          + "\"action\":\"CREATED\",\"actor\":\"system\",\"at\":1700000000,\"changes\":[]}",
          dev.etiquette.crm.api.party.AuditEntry.class)).isEqualTo(new Violation("$.at (line 1, column 107)",
          "1700000000", "expected an ISO-8601 instant string such as \"2024-01-31T09:30:00Z\", got a number"));
    }

    @Test
    void sealedTypesNeedAKnownTypeWhereverItIs() {
      assertThat(violation("{\"changes\":[{\"role\":\"VENDOR\"}]}", PartyUpdate.class)).satisfies(v -> {
        assertThat(v.path()).isEqualTo("$.changes[0].type (line 1, column 13)");
        assertThat(v.message()).startsWith("is required: expected one of rename, add_role,");
      });
      assertThat(violation("{\"changes\":[{\"role\":\"VENDOR\",\"type\":\"add_rol\"}]}", PartyUpdate.class))
          .isEqualTo(new Violation("$.changes[0].type (line 1, column 37)", "add_rol",
              "is not a known type: expected one of rename, add_role, remove_role, add_external_id, "
                  + "remove_external_id, add_contact_point, remove_contact_point, make_primary, set_preferences, "
                  + "set_do_not_contact, assign_owner, assign_team, add_tag, remove_tag, set_attribute, "
                  + "remove_attribute"));
      assertThat(CrmJson.fromJson("{\"changes\":[{\"role\":\"VENDOR\",\"type\":\"add_role\"}]}", PartyUpdate.class))
          .isEqualTo(PartyUpdate.builder().addRole(Role.VENDOR).build());
      assertThat(violation("{\"type\":\"phone\",\"address\":\"a@b.co\",\"primary\":false}", EmailAddress.class))
          .isEqualTo(new Violation("$.type (line 1, column 9)", "phone", "expected \"email\""));
      assertThat(CrmJson.fromJson("{\"address\":\"a@b.co\",\"primary\":false}", EmailAddress.class))
          .isEqualTo(ContactPoint.email("a@b.co"));
    }

    @Test
    void malformedJsonGivesItsLineAndColumn() {
      ValidationException e = catchThrowableOfType(ValidationException.class,
          () -> CrmJson.fromJson("{\n  \"limit\" 5\n}", PageRequest.class));

      assertThat(e.violations()).singleElement().satisfies(v -> {
        assertThat(v.path()).isEqualTo("$.limit (line 2, column 11)");
        assertThat(v.value()).isEqualTo("5");
        assertThat(v.message()).contains("was expecting a colon");
      });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "[", "{\"limit\":", "{\"limit\":5", "{\"limit\":5}}", "{\"limit\":5} x",
        "{'limit':5}", "{limit:5}", "{\"limit\":05}", "{\"limit\":NaN}", "{\"limit\":+5}", "\u0000", "nul",
        "{\"limit\":5,}", "{\"limit\":5,\"limit\":6}", "\"\\uZZZZ\"", "[1,2]", "null", "true", "5", "\"5\""})
    void noJacksonExceptionEscapes(String json) {
      assertThatThrownBy(() -> CrmJson.fromJson(json, PageRequest.class))
          .isExactlyInstanceOf(ValidationException.class)
          .satisfies(t -> assertThat(((ValidationException) t).violations())
              .allSatisfy(v -> assertThat(v.path()).startsWith("$")));
      assertThatThrownBy(() -> CrmJson.fromJson(json, new TypeReference<Page<Party>>() {}))
          .isExactlyInstanceOf(ValidationException.class);
    }

    @Test
    void repeatedPropertiesAndSetItemsFail() {
      assertThat(violation("{\"limit\":5,\"limit\":6}", PageRequest.class)).satisfies(v -> {
        assertThat(v.path()).startsWith("$.limit (line 1, column ");
        assertThat(v.value()).isEqualTo("limit");
        assertThat(v.message()).startsWith("Duplicate field 'limit'");
      });
      assertThat(violation("{\"path\":[\"lead\"],\"exits\":[\"churned\",\"churned\"]}",
          dev.etiquette.crm.api.party.LifecycleModel.class)).isEqualTo(new Violation("$.exits[1] (line 1, column 37)",
          "churned", "is repeated: a set holds each value once"));
    }

    @Test
    void aPlainMapperGetsAJsonMappingExceptionWithPathAndLocation() {
      ObjectMapper plain = new ObjectMapper().registerModule(CrmJson.module());

      JsonMappingException e = catchThrowableOfType(JsonMappingException.class,
          () -> plain.readValue("{\"limit\":5,\n\"limit\":6, \"x\":1}", PageRequest.class));

      assertThat(e.getPathReference()).contains("\"limit\"");
      assertThat(e.getLocation().getLineNr()).isEqualTo(2);
      assertThat(e.getOriginalMessage()).contains("$.limit (line 2, column 1) 'limit': is repeated")
          .contains("$.x (line 2, column 12) 'x': is not a property of PageRequest");
    }

    @Test
    void jsonNullIsNeverReturned() {
      assertThat(violation("null", Party.class)).isEqualTo(
          new Violation("$ (line 1, column 1)", "null", "expected an object (Party), got null"));
      assertThat(violation("\n  null ", Party.class).path()).isEqualTo("$ (line 2, column 3)");
      assertThat(violation("{\"items\":[null],\"nextCursor\":null}", new TypeReference<Page<Party>>() {}))
          .isEqualTo(new Violation("$.items[0] (line 1, column 11)", "null",
              "must not be null: expected an object (Party)"));
    }

    @Test
    void personalDataIsMaskedInViolations() {
      ValidationException e = catchThrowableOfType(ValidationException.class, () -> CrmJson.fromJson(
          "{\"type\":\"email\",\"address\":[\"ada@example.com\"],\"primary\":\"ada@example.com\"}", ContactPoint.class));

      assertThat(e.violations()).extracting(Violation::value).containsExactly("[1 items]", "a***@example.com");
      assertThat(e.getMessage()).doesNotContain("ada@");
    }

    @Test
    void pathsQuoteKeysThatAreNotIdentifiers() {
      assertThat(violation("{\"kind\":\"PERSON\",\"displayName\":\"A\",\"roles\":[],\"externalIds\":[],"
          + "\"contactPoints\":[],\"preferences\":{\"quietHours\":{}},\"consents\":[],\"doNotContact\":false,"
          + "\"tags\":[],\"attributes\":{\"tier 'two'\":{\"type\":\"colour\"}}}", PartyDraft.class).path())
          .isEqualTo("$.attributes['tier \\'two\\''].type (line 1, column 195)");
    }

    @Test
    void writingSomethingJacksonCannotWriteIsAValidationException() {
      assertThatThrownBy(() -> CrmJson.toJson(new Page<>(List.of(new Object()), Optional.empty())))
          .isExactlyInstanceOf(ValidationException.class)
          .hasMessageContaining("$.items[0]");
    }

    @Test
    void nullArgumentsAreNullPointerExceptionsNamingTheParameter() {
      assertThatThrownBy(() -> CrmJson.toJson(null)).isExactlyInstanceOf(NullPointerException.class)
          .hasMessage("value");
      assertThatThrownBy(() -> CrmJson.fromJson(null, Party.class)).isExactlyInstanceOf(NullPointerException.class)
          .hasMessage("json");
      assertThatThrownBy(() -> CrmJson.fromJson("{}", (Class<Party>) null))
          .isExactlyInstanceOf(NullPointerException.class).hasMessage("type");
      assertThatThrownBy(() -> CrmJson.fromJson(null, new TypeReference<Party>() {}))
          .isExactlyInstanceOf(NullPointerException.class).hasMessage("json");
      assertThatThrownBy(() -> CrmJson.fromJson("{}", (TypeReference<Party>) null))
          .isExactlyInstanceOf(NullPointerException.class).hasMessage("type");
    }

    private Violation violation(String json, Class<?> type) {
      ValidationException e = catchThrowableOfType(ValidationException.class, () -> CrmJson.fromJson(json, type));
      assertThat(e).as("reading %s", json).isNotNull();
      assertThat(e.violations()).hasSize(1);
      return e.violations().get(0);
    }

    private Violation violation(String json, TypeReference<?> type) {
      ValidationException e = catchThrowableOfType(ValidationException.class, () -> CrmJson.fromJson(json, type));
      assertThat(e).as("reading %s", json).isNotNull();
      assertThat(e.violations()).hasSize(1);
      return e.violations().get(0);
    }
  }

  // ------------------------------------------------------------------------------------------------ fixtures

  /** A host application's own type, inside a crm-api page. */
  record Order(String sku, int quantity) {}

  /** A host application's own type holding crm-api values. */
  record Envelope(PartyId owner, Map<PartyId, String> notes, Party party) {}

  /** A party with every nested type. */
  static Party ada() {
    Instant created = Instant.parse("2024-01-31T09:30:00Z");
    ConsentId first = ConsentId.of("c-1");
    return new Party(
        TenantId.of("acme"), PartyId.of("p-42"), PartyKind.PERSON, "Ada Lovelace",
        EnumSet.of(Role.CUSTOMER, Role.PARTNER),
        Set.of(ExternalId.of("billing", "A-1001")),
        List.of(
            new EmailAddress("ada@example.com", Optional.of("work"), true),
            new PhoneNumber("+14155550123", Optional.empty(), true),
            new PostalAddress(List.of("12 Analytical Row"), "London", Optional.empty(), Optional.of("N1 9GU"), "GB",
                Optional.of("home"), true),
            new Website("https://ada.example.org/", Optional.empty(), true),
            new SocialHandle("mastodon", "@ada@example.social", Optional.empty(), true)),
        Preferences.none().withTimeZone(ZoneId.of("Europe/London")).withLocale(Locale.UK)
            .withPreferredChannel(Channel.EMAIL)
            .withQuietHours(Channel.PHONE, QuietWindow.of(LocalTime.of(21, 0), LocalTime.of(8, 0)))
            .withQuietHours(Channel.EMAIL, QuietWindow.of(LocalTime.of(22, 30), LocalTime.of(23, 59, 59))),
        List.of(
            new ConsentRecord(first, Channel.EMAIL, Purpose.MARKETING, ConsentStatus.OPTED_IN, LegalBasis.CONSENT,
                created, "signup form", created, Optional.empty(),
                Optional.of(Instant.parse("2024-01-31T09:35:12.5Z")), created, Optional.empty()),
            new ConsentRecord(ConsentId.of("c-2"), Channel.EMAIL, Purpose.MARKETING, ConsentStatus.OPTED_OUT,
                LegalBasis.CONSENT, Instant.parse("2024-03-01T12:00:00.123456Z"), "unsubscribe link",
                Instant.parse("2024-03-01T12:00:00.123456Z"), Optional.empty(), Optional.empty(),
                Instant.parse("2024-03-01T12:00:01Z"), Optional.of(first))),
        false,
        Lifecycle.none()
            .plus(new StageChange(Optional.empty(), LifecycleStage.LEAD, created, Actor.system(), false,
                Optional.empty()))
            .plus(new StageChange(Optional.of(LifecycleStage.LEAD), LifecycleStage.CUSTOMER,
                Instant.parse("2024-02-15T16:00:00Z"), Actor.user("u-7"), false, Optional.empty())),
        Optional.of("u-7"), Optional.empty(),
        Set.of("vip", "analytics"),
        Map.of(
            "tier", AttributeValue.choice("gold"),
            "score", AttributeValue.of(new BigDecimal("0.1000000000000000055511151231257827")),
            "newsletter", AttributeValue.of(true),
            "birthday", AttributeValue.of(LocalDate.of(1815, 12, 10)),
            "nickname", AttributeValue.of("The Enchantress of Numbers")),
        3, created, Instant.parse("2024-03-01T12:00:01Z"));
  }
}
