package dev.etiquette.crm.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyUpdate;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast path of {@link CrmJson#fromJson} and of the module's deserializers: it reads valid documents
 * itself, and hands everything else to the strict reader, whose reports must come out exactly as they do
 * without the fast path.
 */
class FastReaderTest {

  private static final String ADA = CrmJson.toJson(CrmJsonTest.ada());
  /** A host application's mapper with the module (fast path first), and one with the strict reader alone. */
  private static final ObjectMapper HOST = new ObjectMapper().registerModule(CrmJson.module());
  private static final ObjectMapper HOST_STRICT = new ObjectMapper().registerModule(CrmModule.STRICT);

  /** A host application's own type around a party, to read the party from the middle of a stream. */
  record Envelope(String note, Party party, int count) {}

  // ------------------------------------------------------------------------------------------------ valid

  @Nested
  class ValidDocumentsAreReadByTheFastPath {

    @Test
    void aPartyWithEveryNestedType() {
      assertThat(CrmJson.fromJsonFast(ADA, Party.class)).contains(CrmJsonTest.ada());
      assertThat(CrmJson.fromJson(ADA, Party.class)).isEqualTo(CrmJson.fromJsonStrict(ADA, Party.class));
    }

    @Test
    void aPartyInsideAHostMapperIsBoundWithoutGivingUp() throws Exception {
      // what DomainDeserializer does, without its fallback: proves the module's path is the fast one
      try (JsonParser parser = HOST.createParser(ADA)) {
        parser.nextToken();
        JavaType type = HOST.constructType(Party.class);
        assertThat(FastReader.read(new TokenRecorder(parser), type, HOST.getTypeFactory()))
            .isEqualTo(CrmJsonTest.ada());
      }
    }

    @Test
    void nullAndAMissingPropertyAreBothAnEmptyOptional() {
      assertThat(CrmJson.fromJsonFast("{\"limit\":5,\"cursor\":null}", PageRequest.class))
          .contains(PageRequest.first(5));
      assertThat(CrmJson.fromJsonFast("{\"limit\":5}", PageRequest.class)).contains(PageRequest.first(5));
      assertThat(CrmJson.fromJsonFast("{\"type\":\"assign_owner\",\"owner\":null}",
          dev.etiquette.crm.api.party.PartyChange.class))
          .contains(new dev.etiquette.crm.api.party.PartyChange.AssignOwner(Optional.empty()));
    }

    @Test
    void propertiesInAnyOrderAndARecordWithItsOwnTypeName() {
      assertThat(CrmJson.fromJsonFast("{\"cursor\":\"c\",\"limit\":5}", PageRequest.class))
          .contains(PageRequest.after("c", 5));
      assertThat(CrmJson.fromJsonFast("{\"primary\":false,\"type\":\"email\",\"address\":\"a@b.co\"}",
          EmailAddress.class)).contains(ContactPoint.email("a@b.co"));
    }

    @Test
    void numbersAreReadExactlyAsTheStrictReaderReadsThem() {
      for (String number : List.of("1", "1.0", "1.000", "1e2", "1E+2", "100", "-0", "-0.0", "0.1000000000000000055511151231257827",
          "12345678901234567890123456789.123456789", "1E-38")) {
        String json = "{\"type\":\"number\",\"value\":" + number + "}";
        assertThat(CrmJson.fromJsonFast(json, AttributeValue.class)).as(json)
            .contains(CrmJson.fromJsonStrict(json, AttributeValue.class))
            .contains(AttributeValue.of(new BigDecimal(number)));
      }
      for (String sequence : List.of("1", "9223372036854775807", "999999999999999999", "1000000000000000000")) {
        String json = "{\"tenantId\":\"a\",\"sequence\":" + sequence + ",\"recordType\":\"party\",\"recordId\":\"p\","
            + "\"action\":\"CREATED\",\"actor\":\"system\",\"at\":\"2024-01-31T09:30:00Z\",\"changes\":[]}";
        assertThat(CrmJson.fromJsonFast(json, AuditEntry.class)).as(json)
            .contains(CrmJson.fromJsonStrict(json, AuditEntry.class))
            .hasValueSatisfying(e -> assertThat(e.sequence()).isEqualTo(Long.parseLong(sequence)));
      }
    }

    @Test
    void escapedAndNonAsciiTextIsTheParsersText() {
      String json = "{\"type\":\"string\",\"value\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\u0000 \\u202e \u4e2d\"}";
      assertThat(CrmJson.fromJsonFast(json, AttributeValue.class))
          .contains(AttributeValue.of("caf\u00e9 \ud83d\ude00 \"q\" \\ \u0000 \u202e \u4e2d"))
          .contains(CrmJson.fromJsonStrict(json, AttributeValue.class));
    }

    @Test
    void instantsTheJdkAcceptsBeyondTheWrittenFormAreReadAsTheJdkReadsThem() {
      for (String at : List.of("2024-01-31T09:30:00+01:00", "2024-01-31t09:30:00z", "2024-01-31T09:30:00.100Z")) {
        String json = "{\"tenantId\":\"a\",\"sequence\":1,\"recordType\":\"party\",\"recordId\":\"p\","
            + "\"action\":\"CREATED\",\"actor\":\"system\",\"at\":\"" + at + "\",\"changes\":[]}";
        assertThat(outcome(() -> CrmJson.fromJsonFast(json, AuditEntry.class).orElseThrow())).as(at)
            .isEqualTo(outcome(() -> CrmJson.fromJsonStrict(json, AuditEntry.class)));
      }
    }

    @Test
    void anEmptyPageOfAHostTypeNeedsNoHostReader() {
      assertThat(CrmJson.fromJsonFast("{\"items\":[]}", new TypeReference<Page<CrmJsonTest.Order>>() {}))
          .contains(new Page<>(List.of(), Optional.empty()));
    }

    @Test
    void listsOfCrmApiValuesAreReadByJacksonWithTheFastModule() {
      String json = CrmJson.toJson(List.of(new FieldChange("displayName", Optional.of("A"), Optional.empty())));
      assertThat(CrmJson.fromJson(json, new TypeReference<List<FieldChange>>() {}))
          .containsExactly(new FieldChange("displayName", Optional.of("A"), Optional.empty()));
      // not a crm-api type: the fast path of CrmJson leaves it to the mapper, whose module reads the items
      assertThat(CrmJson.fromJsonFast(json, new TypeReference<List<FieldChange>>() {})).isEmpty();
    }
  }

  // ------------------------------------------------------------------------------------------------ fallback

  /** Documents the fast path gives up on, and what each one tests. */
  static Stream<Arguments> fallbacks() {
    List<Arguments> cases = new ArrayList<>();
    cases.add(party("an unknown property", ADA.replace("\"doNotContact\":false", "\"doNotContact\":false,\"nick\":1")));
    cases.add(party("a repeated property", ADA.replace("\"version\":3", "\"version\":3,\"version\":3")));
    cases.add(party("a repeated map key", ADA.replace("\"tier\":", "\"tier\":{\"type\":\"boolean\",\"value\":true},\"tier\":")));
    cases.add(party("a repeated type", ADA.replace("{\"type\":\"email\",", "{\"type\":\"email\",\"type\":\"email\",")));
    cases.add(party("a repeated type, once where it is", ADA.replace("{\"type\":\"email\",\"address\":\"ada@example.com\"",
        "{\"type\":\"email\",\"address\":\"ada@example.com\",\"type\":\"email\"")));
    cases.add(party("a missing property", ADA.replace("\"kind\":\"PERSON\",", "")));
    cases.add(party("a missing collection", ADA.replace("\"tags\":[\"analytics\",\"vip\"],", "")));
    cases.add(party("a string for a long", ADA.replace("\"version\":3", "\"version\":\"3\"")));
    cases.add(party("a decimal for a long", ADA.replace("\"version\":3", "\"version\":3.0")));
    cases.add(party("an exponent for a long", ADA.replace("\"version\":3", "\"version\":3e0")));
    cases.add(party("a long out of range", ADA.replace("\"version\":3", "\"version\":9223372036854775808")));
    cases.add(party("a long far out of range", ADA.replace("\"version\":3", "\"version\":-99999999999999999999999")));
    cases.add(party("a number for a boolean", ADA.replace("\"doNotContact\":false", "\"doNotContact\":0")));
    cases.add(party("a number for an instant", ADA.replace("\"createdAt\":\"2024-01-31T09:30:00Z\"", "\"createdAt\":1706693400")));
    cases.add(party("an impossible instant", ADA.replace("\"createdAt\":\"2024-01-31T09:30:00Z\"", "\"createdAt\":\"2024-02-30T09:30:00Z\"")));
    cases.add(party("an impossible date", ADA.replace("1815-12-10", "1815-13-10")));
    cases.add(party("an impossible local time", ADA.replace("\"22:30\"", "\"24:30\"")));
    cases.add(party("an unknown zone", ADA.replace("Europe/London", "Mars/Olympus")));
    cases.add(party("an ill-formed locale", ADA.replace("en-GB", "not a tag")));
    cases.add(party("a string for a set", ADA.replace("\"roles\":[\"CUSTOMER\",\"PARTNER\"]", "\"roles\":\"CUSTOMER\"")));
    cases.add(party("null for a string", ADA.replace("\"displayName\":\"Ada Lovelace\"", "\"displayName\":null")));
    cases.add(party("null in a list", ADA.replace("\"tags\":[\"analytics\",\"vip\"]", "\"tags\":[null]")));
    cases.add(party("null for a record", withTree(tree -> tree.putNull("lifecycle"))));
    cases.add(party("null in a set of records", ADA.replace("[{\"system\":\"billing\",\"value\":\"A-1001\"}]", "[null]")));
    cases.add(party("an object for a string", withTree(tree -> tree.putObject("displayName"))));
    cases.add(party("an array for a record", withTree(tree -> tree.putArray("preferences"))));
    cases.add(party("an unknown enum constant", ADA.replace("\"kind\":\"PERSON\"", "\"kind\":\"ROBOT\"")));
    cases.add(party("an enum constant in lower case", ADA.replace("\"kind\":\"PERSON\"", "\"kind\":\"person\"")));
    cases.add(party("an unknown enum map key", ADA.replace("\"PHONE\":[", "\"FAX\":[")));
    cases.add(party("a repeated set item", ADA.replace("[\"CUSTOMER\",\"PARTNER\"]", "[\"CUSTOMER\",\"CUSTOMER\"]")));
    cases.add(party("an unknown subtype", ADA.replace("{\"type\":\"phone\"", "{\"type\":\"fax\"")));
    cases.add(party("a subtype name that is not a string", ADA.replace("{\"type\":\"phone\"", "{\"type\":7")));
    cases.add(party("the type of a sealed value not first", ADA.replace("{\"type\":\"phone\",\"number\":\"+14155550123\"",
        "{\"number\":\"+14155550123\",\"type\":\"phone\"")));
    cases.add(party("no type at all", ADA.replace("{\"type\":\"phone\",", "{")));
    cases.add(party("what a constructor rejects", ADA.replace("\"tenantId\":\"acme\"", "\"tenantId\":\"-acme\"")));
    cases.add(party("what a constructor rejects, deep", ADA.replace("{\"start\":\"21:00\",\"end\":\"08:00\"}",
        "{\"start\":\"08:00\",\"end\":\"08:00\"}")));
    cases.add(party("a version the constructor rejects", ADA.replace("\"version\":3", "\"version\":0")));
    cases.add(party("a number the constructor rejects", ADA.replace("0.1000000000000000055511151231257827", "1E+400")));
    cases.add(party("an invalid escape", ADA.replace("\"Ada Lovelace\"", "\"Ada \\uZZZZ\"")));
    cases.add(party("a syntax error late in the document", ADA.replace("\"version\":3", "\"version\" 3")));
    cases.add(party("a syntax error early in the document", ADA.replace("\"kind\":", "\"kind\"")));
    cases.add(party("trailing content", ADA + " x"));
    cases.add(party("a second value", ADA + "{}"));
    cases.add(party("a truncated document", ADA.substring(0, ADA.length() / 2)));
    cases.add(party("an array", "[" + ADA + "]"));
    cases.add(party("null", "null"));
    cases.add(party("nothing", "  "));
    cases.add(Arguments.of("an int out of range", "{\"limit\":2147483648}", PageRequest.class));
    cases.add(Arguments.of("an int out of range that is 1 in 32 bits", "{\"limit\":4294967297}", PageRequest.class));
    cases.add(Arguments.of("an int with a fraction", "{\"limit\":5.0}", PageRequest.class));
    cases.add(Arguments.of("a number with leading zeros", "{\"limit\":05}", PageRequest.class));
    cases.add(Arguments.of("a limit the constructor rejects", "{\"limit\":0}", PageRequest.class));
    cases.add(Arguments.of("a repeated change type", "{\"changes\":[{\"type\":\"rename\",\"type\":\"rename\","
        + "\"displayName\":\"A\"}]}", PartyUpdate.class));
    cases.add(Arguments.of("an own type name that is wrong", "{\"type\":\"phone\",\"address\":\"a@b.co\",\"primary\":false}",
        EmailAddress.class));
    return cases.stream();
  }

  /** The party's JSON, changed as a tree. */
  private static String withTree(java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> change) {
    try {
      var tree = (com.fasterxml.jackson.databind.node.ObjectNode) HOST.readTree(ADA);
      change.accept(tree);
      return HOST.writeValueAsString(tree);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Arguments party(String what, String json) {
    if (json.equals(ADA)) {
      throw new IllegalArgumentException("the replacement for '" + what + "' changed nothing");
    }
    return Arguments.of(what, json, Party.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fallbacks")
  void theFastPathGivesUpAndFromJsonReportsWhatTheStrictReaderReports(String what, String json, Class<?> type) {
    assertThat(CrmJson.fromJsonFast(json, type)).as(what).isEmpty();
    Object strict = outcome(() -> CrmJson.fromJsonStrict(json, type));
    assertThat(outcome(() -> CrmJson.fromJson(json, type))).as(what).isEqualTo(strict);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fallbacks")
  void aHostMapperReportsWhatItReportsWithTheStrictReaderAlone(String what, String json, Class<?> type) {
    assertThat(outcome(() -> HOST.readValue(json, type))).as(what)
        .isEqualTo(outcome(() -> HOST_STRICT.readValue(json, type)));
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    assertThat(outcome(() -> HOST.readValue(bytes, type))).as(what + ", from bytes")
        .isEqualTo(outcome(() -> HOST_STRICT.readValue(bytes, type)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fallbacks")
  void aHostMapperReportsTheSameInTheMiddleOfItsOwnType(String what, String json, Class<?> type) {
    if (type != Party.class) {
      return;
    }
    String envelope = "{\"note\":\"n\",\n  \"party\": " + json + ",\n  \"count\": 2}";
    assertThat(outcome(() -> HOST.readValue(envelope, Envelope.class))).as(what)
        .isEqualTo(outcome(() -> HOST_STRICT.readValue(envelope, Envelope.class)));
    assertThat(outcome(() -> CrmJson.fromJson(envelope, Envelope.class))).as(what)
        .isEqualTo(outcome(() -> CrmJson.fromJsonStrict(envelope, Envelope.class)));
  }

  @Test
  void aPageOfAHostTypeIsLeftToTheStrictReaderWhichHandsItsItemsToJackson() {
    String json = "{\"items\":[{\"sku\":\"a\",\"quantity\":2}]}";
    TypeReference<Page<CrmJsonTest.Order>> type = new TypeReference<>() {};
    assertThat(CrmJson.fromJsonFast(json, type)).isEmpty();
    assertThat(CrmJson.fromJson(json, type)).isEqualTo(CrmJson.fromJsonStrict(json, type))
        .isEqualTo(new Page<>(List.of(new CrmJsonTest.Order("a", 2)), Optional.empty()));
  }

  @Test
  void aValidDocumentReadFromATreeIsReadAsTheStrictReaderReadsIt() throws Exception {
    // a TreeTraversingParser: no text offsets, numbers from nodes (the plain mapper's tree holds the
    // decimal as a double, so both readers read 0.1 for the score)
    var tree = HOST.readTree(ADA);
    assertThat(HOST.treeToValue(tree, Party.class)).isEqualTo(HOST_STRICT.treeToValue(tree, Party.class))
        .extracting(p -> p.attributes().get("score")).isEqualTo(AttributeValue.of(new BigDecimal("0.1")));
    var bad = HOST.readTree(ADA.replace("\"version\":3", "\"version\":3.5"));
    assertThat(outcome(() -> HOST.treeToValue(bad, Party.class)))
        .isEqualTo(outcome(() -> HOST_STRICT.treeToValue(bad, Party.class)))
        .asString().contains("expected an integer").contains("\"version\"");
  }

  /** The value read, or what was thrown: its class, message and, for a validation exception, violations. */
  static Object outcome(Callable<?> read) {
    try {
      return read.call();
    } catch (ValidationException e) {
      return e.getClass().getName() + ": " + e.getMessage() + " " + e.violations();
    } catch (Exception e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }
}
