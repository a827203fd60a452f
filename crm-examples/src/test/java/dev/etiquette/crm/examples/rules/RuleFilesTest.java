package dev.etiquette.crm.examples.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.json.CrmJson;
import dev.etiquette.crm.json.RuleSetJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * The example rule files, the JSON Schema and the reader agree: each example is exactly what its Java rule set
 * writes, and is valid against the schema; every rule set is valid against the schema; a file broken in a way the
 * schema describes is rejected by both; what the schema cannot say (listed in docs/rules.md) is rejected by the
 * reader alone; and whatever the reader accepts, the schema accepts.
 */
class RuleFilesTest {

  private static final ObjectMapper TREES = new ObjectMapper();
  private static final Schema SCHEMA = schema();

  private static Schema schema() {
    try (InputStream in = RuleFilesTest.class.getResourceAsStream("/rules/rules.schema.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Error> schemaErrors(String json) {
    return SCHEMA.validate(json, InputFormat.JSON);
  }

  private static String resource(String name) {
    try (InputStream in = RuleFilesTest.class.getResourceAsStream("/rules/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------------------------------------ the examples

  @Example
  void theSupportDeskFileIsTheSupportDeskRuleSet() {
    String file = resource("support-desk.json");

    assertThat(SupportDeskRules.load("support-desk.json")).isEqualTo(SupportDeskRules.ruleSet());
    assertThat(file).isEqualTo(RuleSetJson.toJson(SupportDeskRules.ruleSet()));
    assertThat(schemaErrors(file)).isEmpty();
  }

  @Example
  void theKeyAccountFileIsTheKeyAccountRuleSet() {
    String file = resource("key-accounts.json");

    assertThat(SupportDeskRules.load("key-accounts.json")).isEqualTo(KeyAccountRules.ruleSet());
    assertThat(file).isEqualTo(RuleSetJson.toJson(KeyAccountRules.ruleSet()));
    assertThat(schemaErrors(file)).isEmpty();
  }

  @Example
  void theMarketingFileIsTheMarketingRuleSet() {
    String file = resource("marketing.json");

    assertThat(SupportDeskRules.load("marketing.json")).isEqualTo(MarketingRules.ruleSet());
    assertThat(file).isEqualTo(RuleSetJson.toJson(MarketingRules.ruleSet()));
    assertThat(schemaErrors(file)).isEmpty();
  }

  @Example
  void theSchemaOnTheClassPathIsTheOneInTheDocs() throws IOException {
    Path docs = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("rules.schema.json");
    if (Files.exists(docs)) { // run from the module directory, as Maven does
      assertThat(resource("rules.schema.json")).isEqualTo(Files.readString(docs));
    }
    JsonNode schema = TREES.readTree(resource("rules.schema.json"));
    assertThat(schema.get("$schema").textValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }

  @Property(tries = 300)
  void everyRuleSetIsValidAgainstTheSchema(@ForAll RuleSet rules) {
    assertThat(schemaErrors(CrmJson.toJson(rules))).as(CrmJson.toJson(rules)).isEmpty();
  }

  // ------------------------------------------------------------------------------------------------ broken files

  /** One change to the support desk's file per thing the schema says, each rejected by both. */
  private static final Map<String, Consumer<ObjectNode>> BROKEN = Map.ofEntries(
      Map.entry("an unknown property", root -> root.put("colour", "blue")),
      Map.entry("a missing property", root -> rule(root, 0).remove("escalation")),
      Map.entry("a missing name", root -> root.remove("name")),
      Map.entry("a bad name", root -> root.put("name", "-desk")),
      Map.entry("a version of 0", root -> root.put("version", 0)),
      Map.entry("a version as a string", root -> root.put("version", "1")),
      Map.entry("an instant with a time zone name", root -> root.put("effectiveFrom", "2026-01-05T00:00:00 UTC")),
      Map.entry("an empty description", root -> root.put("description", "")),
      Map.entry("an unknown rule type", root -> rule(root, 0).put("type", "response")),
      Map.entry("an unknown kind", root -> rule(root, 0).put("kind", "FIRST")),
      Map.entry("an unknown channel", root -> ((ArrayNode) rule(root, 0).get("channels")).add("FAX")),
      Map.entry("a repeated channel", root -> ((ArrayNode) rule(root, 0).get("channels")).add("EMAIL")),
      Map.entry("no targets", root -> rule(root, 0).putArray("targets")),
      Map.entry("no default target", root -> ((ArrayNode) rule(root, 0).get("targets")).remove(0)),
      Map.entry("a duration in lower case", root -> target(root).put("within", "pt4h")),
      Map.entry("a duration of words", root -> target(root).put("within", "4 hours")),
      Map.entry("a duration as a number", root -> target(root).put("within", 14_400)),
      Map.entry("a duration of zero", root -> target(root).put("within", "PT0S")),
      Map.entry("a negative duration", root -> target(root).put("within", "-PT4H")),
      Map.entry("a duration in weeks", root -> target(root).put("within", "P1W")),
      Map.entry("a blank segment", root -> target(root).put("segment", "  ")),
      Map.entry("a segment of 101 characters", root -> target(root).put("segment", "s".repeat(101))),
      Map.entry("a role with a control character", root -> step(root, 0).put("role", "team\u0007lead")),
      Map.entry("a later escalation step at once", root -> step(root, 1).put("after", "PT0S")),
      Map.entry("a fraction of 1", root -> ((ObjectNode) rule(root, 0).get("warning")).put("fraction", 1)),
      Map.entry("a fraction as a string", root -> ((ObjectNode) rule(root, 0).get("warning")).put("fraction", "0.75")),
      Map.entry("an unknown warning type", root -> ((ObjectNode) rule(root, 0).get("warning")).put("type", "fraction")),
      Map.entry("an unknown assignee type", root -> ((ObjectNode) rule(root, 0).get("assignee")).put("type", "queue")),
      Map.entry("an unknown calendar", root -> ((ObjectNode) rule(root, 0).get("calendar")).put("type", "holiday")),
      Map.entry("a team calendar without a team", root -> ((ObjectNode) rule(root, 0).get("calendar"))
          .put("type", "team")),
      Map.entry("a filter without kinds", root -> ((ObjectNode) rule(root, 2).get("trigger")).remove("kinds")),
      Map.entry("a filter that never matches", root -> ((ObjectNode) rule(root, 2).get("trigger"))
          .putArray("directions").add("OUTBOUND")),
      Map.entry("a bad attribute name", root -> ((ObjectNode) rule(root, 2).get("trigger").get("attributes"))
          .put("1st", "x")),
      Map.entry("an empty attribute value", root -> ((ObjectNode) rule(root, 2).get("trigger").get("attributes"))
          .put("stage", "")),
      Map.entry("a negative delay", root -> rule(root, 2).put("delay", "-P1D")),
      Map.entry("a dormancy rule without stages or roles", root -> rule(root, 3).putArray("stages")),
      Map.entry("a bad stage", root -> ((ArrayNode) rule(root, 3).get("stages")).add("Customer")),
      Map.entry("days of 0", root -> rule(root, 3).put("days", 0)),
      Map.entry("days beyond ten years", root -> rule(root, 3).put("days", 3_651)),
      Map.entry("an unknown role", root -> rule(root, 3).putArray("roles").add("FRIEND")),
      Map.entry("null for a list", root -> rule(root, 3).putNull("cancelWhen")),
      Map.entry("more than 20 escalation steps", root -> {
        ArrayNode steps = rule(root, 3).putArray("escalation");
        for (int i = 0; i < 21; i++) {
          steps.addObject().put("role", "r" + i).put("after", "PT1H");
        }
      }));

  /** Broken in a way only the reader sees (see docs/rules.md, "What it cannot say"). */
  private static final Map<String, Consumer<ObjectNode>> BEYOND_THE_SCHEMA = Map.ofEntries(
      Map.entry("a repeated rule id", root -> rule(root, 1).put("id", "first-response")),
      Map.entry("two targets with the same conditions", root -> ((ArrayNode) rule(root, 0).get("targets"))
          .addObject().put("within", "PT3H")),
      Map.entry("a target's channel the rule does not cover", root -> target(root).put("channel", "SMS")),
      Map.entry("a response rule left without work", root -> ((ArrayNode) root.get("obligations"))
          .add(rule(root, 0).deepCopy().put("id", "again"))),
      Map.entry("a warning offset as long as a target", root -> ((ObjectNode) rule(root, 0).get("warning"))
          .removeAll().put("type", "before_deadline").put("offset", "PT30M")),
      Map.entry("a fraction of ten decimals", root -> ((ObjectNode) rule(root, 0).get("warning"))
          .put("fraction", 0.1234567891)),
      Map.entry("a duration beyond ten years", root -> rule(root, 3).put("within", "P3651D")),
      Map.entry("a version written 1.0", root -> root.put("version", 1.0)),
      Map.entry("a date that does not exist", root -> root.put("effectiveFrom", "2026-02-30T00:00:00Z")));

  private static ObjectNode rule(ObjectNode root, int index) {
    return (ObjectNode) root.get("obligations").get(index);
  }

  /** The first response rule's target that has a segment only. */
  private static ObjectNode target(ObjectNode root) {
    return (ObjectNode) rule(root, 0).get("targets").get(2);
  }

  private static ObjectNode step(ObjectNode root, int index) {
    return (ObjectNode) rule(root, 0).get("escalation").get(index);
  }

  private static String broken(Consumer<ObjectNode> change) throws IOException {
    ObjectNode root = (ObjectNode) TREES.readTree(resource("support-desk.json"));
    change.accept(root);
    return TREES.writeValueAsString(root);
  }

  @Example
  void whatTheSchemaSaysIsWrongTheReaderRejects() throws IOException {
    for (Map.Entry<String, Consumer<ObjectNode>> entry : BROKEN.entrySet()) {
      String json = broken(entry.getValue());
      assertThat(schemaErrors(json)).as(entry.getKey()).isNotEmpty();
      assertThatThrownBy(() -> RuleSetJson.fromJson(json)).as(entry.getKey())
          .isInstanceOf(ValidationException.class);
    }
  }

  @Example
  void whatTheSchemaCannotSayOnlyTheReaderRejects() throws IOException {
    for (Map.Entry<String, Consumer<ObjectNode>> entry : BEYOND_THE_SCHEMA.entrySet()) {
      String json = broken(entry.getValue());
      assertThat(schemaErrors(json)).as(entry.getKey()).isEmpty();
      assertThatThrownBy(() -> RuleSetJson.fromJson(json)).as(entry.getKey())
          .isInstanceOf(ValidationException.class);
    }
    // and the other way round: instants in forms the writer never writes
    for (String instant : List.of("2026-01-05T01:00:00+01:00", "2026-01-05t00:00:00z")) {
      String other = broken(root -> root.put("effectiveFrom", instant));
      assertThat(schemaErrors(other)).as(instant).isNotEmpty();
      assertThat(RuleSetJson.fromJson(other)).isEqualTo(SupportDeskRules.ruleSet());
    }
  }

  // ------------------------------------------------------------------------------------------------ damage

  private static final List<JsonNode> OTHER_VALUES = List.of(
      JsonNodeFactory.instance.textNode("PT4H"), JsonNodeFactory.instance.textNode("P0D"),
      JsonNodeFactory.instance.textNode("x"), JsonNodeFactory.instance.textNode(""),
      JsonNodeFactory.instance.textNode("EMAIL"), JsonNodeFactory.instance.textNode("customer"),
      JsonNodeFactory.instance.numberNode(0), JsonNodeFactory.instance.numberNode(1),
      JsonNodeFactory.instance.numberNode(0.5), JsonNodeFactory.instance.booleanNode(true),
      JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.arrayNode(),
      JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode().put("type", "role").put("name", "r"));

  /** Whatever the reader accepts, the schema accepts: the schema is never stricter than the reader. */
  @Property(tries = 1_000)
  void aDamagedFileTheReaderAcceptsIsValidAgainstTheSchema(@ForAll RuleSet rules, @ForAll Random random)
      throws IOException {
    JsonNode root = TREES.readTree(CrmJson.toJson(rules));
    List<JsonNode[]> slots = new ArrayList<>();
    slots(root, slots);
    for (int changes = 1 + random.nextInt(2); changes > 0 && !slots.isEmpty(); changes--) {
      JsonNode[] slot = slots.get(random.nextInt(slots.size()));
      JsonNode value = OTHER_VALUES.get(random.nextInt(OTHER_VALUES.size())).deepCopy();
      if (slot[0] instanceof ObjectNode parent) {
        String name = slot[1].textValue();
        switch (random.nextInt(3)) {
          case 0 -> parent.remove(name);
          case 1 -> parent.set(name, value);
          default -> parent.set(name + "x", value);
        }
      } else {
        ArrayNode parent = (ArrayNode) slot[0];
        int index = slot[1].intValue();
        if (index < parent.size()) {
          if (random.nextBoolean()) {
            parent.remove(index);
          } else {
            parent.set(index, value);
          }
        }
      }
    }
    String json = TREES.writeValueAsString(root);
    boolean read;
    try {
      RuleSetJson.fromJson(json);
      read = true;
    } catch (ValidationException e) {
      read = false;
    }
    Statistics.collect(read ? "read" : "rejected");
    Statistics.coverage(c -> c.check("read").percentage(p -> p > 2)); // not vacuous
    if (read) {
      assertThat(schemaErrors(json)).as(json).isEmpty();
    }
  }

  private static void slots(JsonNode node, List<JsonNode[]> out) {
    if (node instanceof ObjectNode object) {
      object.properties().forEach(p -> {
        out.add(new JsonNode[] {object, JsonNodeFactory.instance.textNode(p.getKey())});
        slots(p.getValue(), out);
      });
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        out.add(new JsonNode[] {array, JsonNodeFactory.instance.numberNode(i)});
        slots(array.get(i), out);
      }
    }
  }
}
