package dev.etiquette.crm.examples.jsonfiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.measure.BuiltInKpi;
import dev.etiquette.crm.api.measure.Cadence;
import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiDirection;
import dev.etiquette.crm.api.measure.KpiValue;
import dev.etiquette.crm.api.measure.LedgerEntry;
import dev.etiquette.crm.api.measure.Measurement;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import dev.etiquette.crm.api.measure.Objective;
import dev.etiquette.crm.api.measure.Vision;
import dev.etiquette.crm.testkit.MeasurementSamples;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The vision, measurements and ledger survive the file: a new storage over the directory reads them back equal. */
class JsonFileStorageMeasurementTest {

  @Test
  void theVisionMeasurementsAndLedgerAreReadBackFromTheFile() throws IOException {
    Path directory = Files.createTempDirectory("crm-json-measurement");
    TenantId acme = TenantId.of("acme");
    Vision vision = new Vision("Answer quickly \u00e9\u20ac", List.of(new Objective("responsive", "Be responsive",
        List.of(new Kpi("frt", "First response", BuiltInKpi.FIRST_RESPONSE_TIME.with(Map.of("statistic", "p90")),
            KpiDirection.LOWER_IS_BETTER, 0.1 + 0.2, 1e-300, LocalDate.of(2027, 6, 30), "owner-1",
            Cadence.MONTHLY)))));
    Measurement measured = new Measurement("frt", new MeasurementPeriod(LocalDate.of(2026, 10, 1),
        LocalDate.of(2026, 11, 1), MeasurementSamples.PARIS), new KpiValue(Optional.of(2.0 / 3.0),
        Map.of("answered", 6L), Map.of("a", 0.1 + 0.2)), false, Instant.parse("2026-11-01T06:00:00.123456Z"),
        Actor.system(), 2);
    Measurement none = new Measurement("frt", new MeasurementPeriod(LocalDate.of(2026, 11, 1),
        LocalDate.of(2026, 12, 1), MeasurementSamples.PARIS), KpiValue.none(Map.of("answered", 0L)), true,
        Instant.parse("2026-12-01T06:00:00Z"), Actor.user("host"), 1);
    LedgerEntry entry = LedgerEntry.hours("h1", new BigDecimal("12.5"), new BigDecimal("80.25"),
        LocalDate.of(2026, 10, 15), "Training");
    new JsonFileStorage(directory).write(tx -> {
      tx.measurements().putVision(acme, vision);
      tx.measurements().insert(acme, measured);
      tx.measurements().insert(acme, none);
      tx.measurements().addLedgerEntry(acme, entry);
      return null;
    });
    JsonFileStorage reopened = new JsonFileStorage(directory);
    Optional<Vision> readVision = reopened.read(tx -> tx.measurements().vision(acme));
    List<Measurement> history = reopened.read(tx -> tx.measurements().history(acme, "frt"));
    Optional<LedgerEntry> readEntry = reopened.read(tx -> tx.measurements().ledgerEntry(acme, "h1"));
    assertThat(readVision).contains(vision);
    assertThat(history).containsExactly(measured, none);
    assertThat(readEntry).contains(entry);
  }
}
