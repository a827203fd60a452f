package dev.etiquette.crm.measure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.measure.BuiltInKpi;
import dev.etiquette.crm.api.measure.Cadence;
import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiAssessment;
import dev.etiquette.crm.api.measure.KpiDirection;
import dev.etiquette.crm.api.measure.KpiReport;
import dev.etiquette.crm.api.measure.KpiStatus;
import dev.etiquette.crm.api.measure.KpiUnit;
import dev.etiquette.crm.api.measure.KpiValue;
import dev.etiquette.crm.api.measure.Measurement;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import dev.etiquette.crm.api.measure.Objective;
import dev.etiquette.crm.api.measure.Report;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reports as JSON and CSV on a report built by hand: every column, quoting, absent values, hostile text. */
class ReportsTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Instant AT = Instant.parse("2026-06-03T07:00:00Z");

  static MeasurementPeriod month(int m) {
    return Cadence.MONTHLY.periodContaining(LocalDate.of(2026, m, 1), BERLIN);
  }

  static Measurement measurement(String kpi, int month, Double value, Map<String, Long> inputs) {
    return new Measurement(kpi, month(month), new KpiValue(Optional.ofNullable(value), inputs, Map.of()), false,
        month(month).endInstant().plusSeconds(3600), Actor.system(), 1);
  }

  static final Kpi FRT = new Kpi("frt-p90", "First response time, p90",
      BuiltInKpi.FIRST_RESPONSE_TIME.with(Map.of("statistic", "p90", "time", "elapsed")),
      KpiDirection.LOWER_IS_BETTER, 240, 60, LocalDate.of(2026, 12, 31), "alice", Cadence.MONTHLY);
  /** A survey name with a comma and an owner a spreadsheet would run as a formula. */
  static final Kpi NPS = new Kpi("nps", "NPS \"after calls\"", BuiltInKpi.NPS.with(Map.of("survey", "post, call")),
      KpiDirection.HIGHER_IS_BETTER, 12, 40.5, LocalDate.of(2027, 6, 30), "=HYPERLINK(\"x\")", Cadence.MONTHLY);

  static Report report() {
    Measurement may = measurement("frt-p90", 5, 75.5, Map.of("answered", 412L));
    Measurement april = measurement("frt-p90", 4, 90.0, Map.of("answered", 380L));
    Measurement march = measurement("frt-p90", 3, null, Map.of("answered", 0L));
    KpiReport frt = new KpiReport(FRT, KpiUnit.MINUTES, month(5), Optional.of(may), List.of(april, march),
        new KpiAssessment(FRT, KpiStatus.AT_RISK, Optional.of(may), Optional.of(63.25), -0.5, 2, Optional.empty(),
            AT));
    KpiReport nps = new KpiReport(NPS, KpiUnit.SCORE, month(5), Optional.empty(), List.of(),
        new KpiAssessment(NPS, KpiStatus.NO_DATA, Optional.empty(), Optional.empty(), 0, 0, Optional.of(month(5)),
            AT));
    return new Report(TenantId.of("acme"), AT, "Fast, \"kind\"\nand fair", List.of(
        new Report.ObjectiveReport(new Objective("respond", "Answer fast", List.of(FRT)), KpiStatus.AT_RISK,
            List.of(frt)),
        new Report.ObjectiveReport(new Objective("delight", "Delight", List.of(NPS)), KpiStatus.NO_DATA,
            List.of(nps))));
  }

  @Test
  void csvHasAHeaderAndOneQuotedLinePerKpi() {
    String csv = Reports.toCsv(report());

    assertThat(csv).isEqualTo(String.join("\r\n",
        "objective,kpi,definition,unit,direction,baseline,target,deadline,owner,cadence,period,value,status,stale,"
            + "projected,previous,inputs",
        "respond,frt-p90,\"first_response_time(statistic=p90,time=elapsed)\",MINUTES,LOWER_IS_BETTER,240,60,"
            + "2026-12-31,alice,MONTHLY,2026-05-01/2026-06-01,75.5,AT_RISK,false,63.25,"
            + "2026-04-01/2026-05-01=90;2026-03-01/2026-04-01=,answered=412",
        "delight,nps,\"nps(survey=post, call)\",SCORE,HIGHER_IS_BETTER,12,40.5,2027-06-30,\"'=HYPERLINK(\"\"x\"\")\","
            + "MONTHLY,2026-05-01/2026-06-01,,NO_DATA,true,,,",
        ""));
    assertThat(parseCsv(csv)).allSatisfy(row -> assertThat(row).hasSize(Reports.CSV_COLUMNS.size()));
    assertThat(parseCsv(csv).get(2).get(8)).isEqualTo("'=HYPERLINK(\"x\")");
  }

  @Test
  void jsonHasEveryFieldWithNullForWhatIsAbsent() throws Exception {
    String json = Reports.toJson(report());
    JsonNode root = new ObjectMapper().readTree(json);

    assertThat(json).startsWith("{\n  \"tenant\": \"acme\",\n  \"at\": \"2026-06-03T07:00:00Z\",\n"
        + "  \"vision\": \"Fast, \\\"kind\\\"\\nand fair\",\n  \"objectives\": [\n    {\n      \"id\": \"respond\",\n");
    assertThat(json).endsWith("}\n");
    assertThat(root.get("vision").textValue()).isEqualTo("Fast, \"kind\"\nand fair");
    JsonNode frt = root.get("objectives").get(0).get("kpis").get(0);
    assertThat(frt.get("definition").textValue()).isEqualTo("first_response_time");
    assertThat(frt.get("parameters").get("time").textValue()).isEqualTo("elapsed");
    assertThat(frt.get("unit").textValue()).isEqualTo("MINUTES");
    assertThat(frt.get("baseline").intValue()).isEqualTo(240);
    assertThat(frt.get("period").get("start").textValue()).isEqualTo("2026-05-01");
    assertThat(frt.get("period").get("zone").textValue()).isEqualTo("Europe/Berlin");
    assertThat(frt.get("measured").booleanValue()).isTrue();
    assertThat(frt.get("value").doubleValue()).isEqualTo(75.5);
    assertThat(frt.get("takenAt").textValue()).isEqualTo("2026-05-31T23:00:00Z");
    assertThat(frt.get("status").textValue()).isEqualTo("AT_RISK");
    assertThat(frt.get("stale").booleanValue()).isFalse();
    assertThat(frt.get("overdue").isNull()).isTrue();
    assertThat(frt.get("projected").doubleValue()).isEqualTo(63.25);
    assertThat(frt.get("slopePerDay").doubleValue()).isEqualTo(-0.5);
    assertThat(frt.get("points").intValue()).isEqualTo(2);
    assertThat(frt.get("inputs").get("answered").longValue()).isEqualTo(412);
    assertThat(frt.get("previous").get(1).get("value").isNull()).isTrue();
    assertThat(frt.get("previous").get(0).get("value").doubleValue()).isEqualTo(90);
    JsonNode nps = root.get("objectives").get(1).get("kpis").get(0);
    assertThat(nps.get("name").textValue()).isEqualTo("NPS \"after calls\"");
    assertThat(nps.get("owner").textValue()).isEqualTo("=HYPERLINK(\"x\")"); // JSON needs no defusing
    assertThat(nps.get("measured").booleanValue()).isFalse();
    assertThat(nps.get("value").isNull()).isTrue();
    assertThat(nps.get("projected").isNull()).isTrue();
    assertThat(nps.get("overdue").textValue()).isEqualTo("2026-05-01");
    assertThat(nps.get("inputs").size()).isZero();
    assertThat(nps.get("previous").size()).isZero();
    assertThat(Reports.toJson(report())).isEqualTo(json);
  }

  @Test
  void controlCharactersAreEscapedInJson() throws Exception {
    Report hostile = new Report(TenantId.of("acme"), AT, "bell\u0007 tab\t sep\u2028 \\ end", List.of());

    String json = Reports.toJson(hostile);

    assertThat(json).contains("bell\\u0007 tab\\t sep\\u2028 \\\\ end").contains("\"objectives\": []");
    assertThat(new ObjectMapper().readTree(json).get("vision").textValue()).isEqualTo(hostile.vision());
  }

  @Test
  void numbersArePlain() {
    assertThat(Reports.plain(87.5)).isEqualTo("87.5");
    assertThat(Reports.plain(100.0)).isEqualTo("100");
    assertThat(Reports.plain(1e-5)).isEqualTo("0.00001");
    assertThat(Reports.plain(1.5e7)).isEqualTo("15000000");
    assertThat(Reports.plain(-0.0)).isEqualTo("0");
    assertThat(Reports.plain(2.0 / 3)).isEqualTo("0.6666666666666666");
  }

  /** A strict RFC 4180 reader, to check that what is written reads back field by field. */
  static List<List<String>> parseCsv(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (i < csv.length()) {
      char c = csv.charAt(i);
      if (c == '"' && field.length() == 0) {
        i++;
        while (true) {
          char q = csv.charAt(i);
          if (q == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
          } else if (q == '"') {
            i++;
            break;
          } else {
            field.append(q);
            i++;
          }
        }
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
        i++;
      } else if (c == '\r' && csv.charAt(i + 1) == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i += 2;
      } else {
        field.append(c);
        i++;
      }
    }
    return rows;
  }
}
