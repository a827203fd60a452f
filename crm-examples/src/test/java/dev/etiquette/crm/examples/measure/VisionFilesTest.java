package dev.etiquette.crm.examples.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.measure.BuiltInKpi;
import dev.etiquette.crm.api.measure.Cadence;
import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiDefinition;
import dev.etiquette.crm.api.measure.KpiDirection;
import dev.etiquette.crm.api.measure.Objective;
import dev.etiquette.crm.api.measure.Vision;
import dev.etiquette.crm.json.VisionJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The example vision file, the JSON Schema ({@code docs/vision.schema.json}) and {@link VisionJson} agree: the example
 * is exactly what its vision writes and is valid against the schema; every vision the reader accepts is valid against
 * the schema; a file broken in a way the schema describes is rejected by both.
 */
class VisionFilesTest {

  private static final ObjectMapper TREES = new ObjectMapper();
  private static final Schema SCHEMA = schema();

  private static Schema schema() {
    try (InputStream in = VisionFilesTest.class.getResourceAsStream("/vision/vision.schema.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Error> schemaErrors(String json) {
    return SCHEMA.validate(json, InputFormat.JSON);
  }

  private static String resource(String name) {
    try (InputStream in = VisionFilesTest.class.getResourceAsStream("/vision/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The vision of {@code vision/customer-care.json}. */
  static Vision customerCare() {
    return new Vision("Customers hear from us within the hour, tell their friends about us, and stay", List.of(
        new Objective("respond-fast", "Answer every customer within the hour", List.of(
            new Kpi("frt-p90", "First response time, 90th percentile, business hours",
                BuiltInKpi.FIRST_RESPONSE_TIME.with(Map.of("statistic", "p90")), KpiDirection.LOWER_IS_BETTER,
                240, 60, LocalDate.of(2026, 12, 31), "alice", Cadence.MONTHLY),
            new Kpi("sla", "SLA compliance", BuiltInKpi.SLA_COMPLIANCE.definition(), KpiDirection.HIGHER_IS_BETTER,
                82.5, 95, LocalDate.of(2026, 12, 31), "alice", Cadence.WEEKLY))),
        new Objective("delight", "Customers recommend us", List.of(
            new Kpi("nps", "Net promoter score", BuiltInKpi.NPS.definition(), KpiDirection.HIGHER_IS_BETTER,
                12, 40, LocalDate.of(2027, 6, 30), "bob", Cadence.QUARTERLY),
            new Kpi("denied", "Contacts refused by the etiquette rules", BuiltInKpi.CONTACTS_DENIED.definition(),
                KpiDirection.LOWER_IS_BETTER, 120, 30, LocalDate.of(2026, 12, 31), "bob", Cadence.MONTHLY))),
        new Objective("keep", "Keep our customers, and earn back what the programme costs", List.of(
            new Kpi("churn", "Churn", BuiltInKpi.CHURN.definition(), KpiDirection.LOWER_IS_BETTER, 4.2, 2.5,
                LocalDate.of(2027, 3, 31), "carol", Cadence.QUARTERLY),
            new Kpi("roi", "Programme ROI", BuiltInKpi.ROI.definition(), KpiDirection.HIGHER_IS_BETTER, -40, 25,
                LocalDate.of(2027, 3, 31), "carol", Cadence.QUARTERLY),
            new Kpi("board-rating", "The board's rating of the programme",
                BuiltInKpi.MANUAL.with(Map.of("unit", "stars")), KpiDirection.HIGHER_IS_BETTER, 2, 4,
                LocalDate.of(2027, 3, 31), "carol", Cadence.QUARTERLY)))));
  }

  @Example
  void theExampleFileIsTheCustomerCareVision() {
    String file = resource("customer-care.json");

    assertThat(VisionJson.fromJson(file)).isEqualTo(customerCare());
    assertThat(file).isEqualTo(VisionJson.toJson(customerCare()));
    assertThat(schemaErrors(file)).isEmpty();
  }

  @Example
  void theSchemaOnTheClassPathIsTheOneInTheDocs() throws IOException {
    Path docs = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("vision.schema.json");
    if (Files.exists(docs)) { // run from the module directory, as Maven does
      assertThat(resource("vision.schema.json")).isEqualTo(Files.readString(docs));
    }
    JsonNode schema = TREES.readTree(resource("vision.schema.json"));
    assertThat(schema.get("$schema").textValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }

  // ------------------------------------------------------------------------------------- any valid vision

  @Provide
  Arbitrary<Kpi> kpis() {
    Arbitrary<String> ids = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
    Arbitrary<KpiDefinition> definitions = Arbitraries.of(BuiltInKpi.class).flatMap(kpi -> {
      List<Arbitrary<Map.Entry<String, String>>> entries = new ArrayList<>();
      kpi.parameters().forEach((name, allowed) -> entries.add(allowed.contains("*")
          ? Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).map(v -> Map.entry(name, v))
          : Arbitraries.of(allowed).map(v -> Map.entry(name, v))));
      if (kpi == BuiltInKpi.CUSTOMERS_BY_STAGE) {
        return Arbitraries.of("any", "customer", "qualified_lead").optional()
            .map(stage -> stage.map(s -> kpi.with(Map.of("stage", s))).orElse(kpi.definition()));
      }
      if (entries.isEmpty()) {
        return Arbitraries.just(kpi.definition());
      }
      return Combinators.combine(entries.stream().map(Arbitrary::optional).toList())
          .as(chosen -> {
            Map<String, String> parameters = new java.util.TreeMap<>();
            chosen.forEach(e -> e.ifPresent(p -> parameters.put(p.getKey(), p.getValue())));
            return kpi.with(parameters);
          });
    });
    Arbitrary<KpiDefinition> custom = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10)
        .map(name -> KpiDefinition.of("x." + name, Map.of("segment", name)));
    Arbitrary<Double> numbers = Arbitraries.doubles().between(-1e6, 1e6).ofScale(3);
    Arbitrary<Double> gaps = Arbitraries.doubles().between(0.001, 1e3).ofScale(3);
    return Combinators.combine(ids, Arbitraries.oneOf(definitions, custom), Arbitraries.of(KpiDirection.class),
        numbers, gaps, Arbitraries.of(Cadence.class), Arbitraries.integers().between(0, 2000))
        .as((id, definition, direction, baseline, gap, cadence, day) -> new Kpi(id, "KPI " + id, definition,
            direction, baseline, direction == KpiDirection.HIGHER_IS_BETTER ? baseline + gap : baseline - gap,
            LocalDate.of(2026, 1, 1).plusDays(day), "owner-" + id, cadence));
  }

  @Provide
  Arbitrary<Vision> visions() {
    return kpis().list().ofMinSize(1).ofMaxSize(6).uniqueElements(Kpi::id)
        .map(kpis -> {
          List<Objective> objectives = new ArrayList<>();
          for (int i = 0; i < kpis.size(); i += 2) {
            objectives.add(new Objective("o" + i, "Objective " + i, kpis.subList(i, Math.min(kpis.size(), i + 2))));
          }
          return new Vision("A statement", objectives);
        });
  }

  @Property(tries = 300)
  void everyVisionTheReaderAcceptsIsValidAgainstTheSchema(@ForAll("visions") Vision vision) {
    String file = VisionJson.toJson(vision);

    assertThat(VisionJson.fromJson(file)).isEqualTo(vision);
    assertThat(schemaErrors(file)).as(file).isEmpty();
  }

  // ------------------------------------------------------------------------------------------ broken files

  private static ObjectNode kpi(ObjectNode root, int objective, int kpi) {
    return (ObjectNode) root.get("objectives").get(objective).get("kpis").get(kpi);
  }

  private static ObjectNode definition(ObjectNode root) {
    return (ObjectNode) kpi(root, 0, 0).get("definition");
  }

  /** One change to the example per thing the schema says, each rejected by the schema and by the reader. */
  private static final Map<String, Consumer<ObjectNode>> BROKEN = Map.ofEntries(
      Map.entry("an unknown property", root -> root.put("colour", "blue")),
      Map.entry("a missing statement", root -> root.remove("statement")),
      Map.entry("a blank statement", root -> root.put("statement", "   ")),
      Map.entry("no objectives", root -> root.putArray("objectives")),
      Map.entry("an objective without KPIs", root -> ((ObjectNode) root.get("objectives").get(0)).putArray("kpis")),
      Map.entry("a bad objective id", root -> ((ObjectNode) root.get("objectives").get(0)).put("id", "Respond")),
      Map.entry("a bad KPI id", root -> kpi(root, 0, 0).put("id", "9lives")),
      Map.entry("a missing owner", root -> kpi(root, 0, 0).remove("owner")),
      Map.entry("an unknown direction", root -> kpi(root, 0, 0).put("direction", "UP")),
      Map.entry("an unknown cadence", root -> kpi(root, 0, 0).put("cadence", "DAILY")),
      Map.entry("a baseline as a string", root -> kpi(root, 0, 0).put("baseline", "240")),
      Map.entry("a deadline with a time", root -> kpi(root, 0, 0).put("deadline", "2026-12-31T00:00:00Z")),
      Map.entry("a deadline in the 13th month", root -> kpi(root, 0, 0).put("deadline", "2026-13-01")),
      Map.entry("a definition without parameters", root -> definition(root).remove("parameters")),
      Map.entry("a bad definition name", root -> definition(root).put("name", "First Response")),
      Map.entry("a parameter a built-in does not take", root ->
          ((ObjectNode) definition(root).get("parameters")).put("colour", "blue")),
      Map.entry("a value a built-in does not allow", root ->
          ((ObjectNode) definition(root).get("parameters")).put("statistic", "p95")),
      Map.entry("a parameter of a KPI that takes none", root ->
          ((ObjectNode) kpi(root, 2, 0).get("definition").get("parameters")).put("window", "30d")),
      Map.entry("a blank parameter value", root ->
          ((ObjectNode) kpi(root, 1, 0).get("definition").get("parameters")).put("survey", " ")),
      Map.entry("a bad stage", root -> {
        ObjectNode definition = (ObjectNode) kpi(root, 1, 1).get("definition");
        definition.put("name", "customers_by_stage");
        ((ObjectNode) definition.get("parameters")).put("stage", "Big Fish");
      }));

  @Example
  void everyBreakageTheSchemaDescribesIsRejectedByBoth() throws IOException {
    for (Map.Entry<String, Consumer<ObjectNode>> broken : BROKEN.entrySet()) {
      ObjectNode root = (ObjectNode) TREES.readTree(resource("customer-care.json"));
      broken.getValue().accept(root);
      String file = TREES.writeValueAsString(root);

      assertThat(schemaErrors(file)).as("schema: " + broken.getKey()).isNotEmpty();
      assertThatThrownBy(() -> VisionJson.fromJson(file)).as("reader: " + broken.getKey())
          .isInstanceOf(ValidationException.class);
    }
  }

  /** What the schema cannot say (docs/measurement.md lists it): the reader alone rejects it. */
  @Example
  void whatOnlyTheReaderChecks() throws IOException {
    List<Consumer<ObjectNode>> readerOnly = List.of(
        root -> kpi(root, 0, 1).put("id", "frt-p90"), // a KPI id twice
        root -> kpi(root, 0, 0).put("target", 300), // a target worse than the baseline
        root -> kpi(root, 0, 0).put("target", 240), // a target equal to the baseline
        root -> kpi(root, 0, 0).put("deadline", "2026-02-30")); // a day that does not exist
    for (Consumer<ObjectNode> change : readerOnly) {
      ObjectNode root = (ObjectNode) TREES.readTree(resource("customer-care.json"));
      change.accept(root);
      String file = TREES.writeValueAsString(root);

      assertThat(schemaErrors(file)).isEmpty();
      assertThatThrownBy(() -> VisionJson.fromJson(file)).isInstanceOf(ValidationException.class);
    }
  }
}
