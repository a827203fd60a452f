package dev.etiquette.crm.measure;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiAssessment;
import dev.etiquette.crm.api.measure.KpiDefinition;
import dev.etiquette.crm.api.measure.KpiReport;
import dev.etiquette.crm.api.measure.Measurement;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import dev.etiquette.crm.api.measure.Report;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a {@link Report} for programs (JSON) and for spreadsheets (CSV). Both are deterministic: equal reports give
 * identical text. Numbers are written in plain decimal notation, without exponent and without trailing zeros
 * ({@code 87.5}, {@code 100}, {@code 0.00001}); a value that is absent (a period without data, a KPI never measured)
 * is {@code null} in JSON and an empty field in CSV, never zero.
 *
 * <h2>JSON</h2>
 *
 * <p>One object (RFC 8259), laid out with two-space indentation and one member per line (shown more compactly
 * here):
 *
 * <pre>{@code
 * {
 *   "tenant": "acme",
 *   "at": "2026-06-03T09:00:00Z",
 *   "vision": "Customers hear from us fast and stay with us",
 *   "objectives": [
 *     {
 *       "id": "respond-fast",
 *       "title": "Answer every customer within the hour",
 *       "status": "AT_RISK",
 *       "kpis": [
 *         {
 *           "id": "frt-p90", "name": "First response time, 90th percentile",
 *           "definition": "first_response_time", "parameters": {"statistic": "p90"},
 *           "unit": "MINUTES", "direction": "LOWER_IS_BETTER",
 *           "baseline": 240, "target": 60, "deadline": "2026-12-31", "owner": "alice", "cadence": "MONTHLY",
 *           "period": {"start": "2026-05-01", "end": "2026-06-01", "zone": "Europe/Berlin"},
 *           "measured": true, "value": 75.5, "takenAt": "2026-06-01T01:00:00Z",
 *           "status": "AT_RISK", "stale": false, "overdue": null,
 *           "projected": 63.2, "slopePerDay": -0.41, "points": 4,
 *           "inputs": {"answered": 412}, "breakdown": {},
 *           "previous": [{"start": "2026-04-01", "end": "2026-05-01", "value": 90}]
 *         }
 *       ]
 *     }
 *   ]
 * }
 * }</pre>
 *
 * <p>{@code period} is the last closed period of the KPI's cadence at the report's instant; {@code measured} says
 * whether it has a measurement, whose value (or {@code null} when the period had no data), time taken, inputs and
 * breakdown follow (absent ones are {@code null}, {@code {}}). {@code previous} lists earlier measurements, newest
 * first. {@code overdue} is the start date of the period whose measurement is overdue when the KPI is
 * {@code stale}. {@code projected} is the trend's value at the deadline ({@code null} without data).
 *
 * <h2>CSV</h2>
 *
 * <p>RFC 4180: a header line, then one line per KPI, in the order of the objectives and their KPIs; lines end with
 * CRLF; a field holding a comma, a double quote, CR or LF is enclosed in double quotes, with double quotes doubled.
 * The columns:
 *
 * <pre>
 * objective,kpi,definition,unit,direction,baseline,target,deadline,owner,cadence,period,value,status,stale,projected,previous,inputs
 * respond-fast,frt-p90,first_response_time(statistic=p90),MINUTES,LOWER_IS_BETTER,240,60,2026-12-31,alice,MONTHLY,2026-05-01/2026-06-01,75.5,AT_RISK,false,63.2,2026-04-01/2026-05-01=90,answered=412
 * </pre>
 *
 * <p>{@code objective} and {@code kpi} are ids; {@code definition} is the name with its parameters in parentheses;
 * {@code period} is {@code start/end} (end exclusive); {@code value} is empty when the period was not measured or
 * had no data; {@code previous} is {@code start/end=value} per earlier measurement, newest first, separated by
 * {@code ;} (the value empty when it had none); {@code inputs} is {@code name=count} separated by {@code ;}. A text
 * field that a spreadsheet would take for a formula (it begins with {@code =}, {@code +}, {@code -}, {@code @}, a tab
 * or CR: an owner or a definition's parameter chosen by a user) is written with a {@code '} before it.
 */
public final class Reports {

  /** The CSV header line's fields. */
  public static final List<String> CSV_COLUMNS = List.of("objective", "kpi", "definition", "unit", "direction",
      "baseline", "target", "deadline", "owner", "cadence", "period", "value", "status", "stale", "projected",
      "previous", "inputs");

  private Reports() {}

  // ---------------------------------------------------------------------------------------------------- JSON

  /**
   * The report as JSON, in the layout the class documentation shows, ending with a line feed.
   *
   * @throws NullPointerException if {@code report} is null
   */
  public static String toJson(Report report) {
    requireNonNull(report, "report");
    Json out = new Json();
    out.open('{');
    out.field("tenant").string(report.tenantId().value());
    out.field("at").string(report.at().toString());
    out.field("vision").string(report.vision());
    out.field("objectives").open('[');
    for (Report.ObjectiveReport objective : report.objectives()) {
      out.item().open('{');
      out.field("id").string(objective.objective().id());
      out.field("title").string(objective.objective().title());
      out.field("status").string(objective.status().name());
      out.field("kpis").open('[');
      for (KpiReport line : objective.kpis()) {
        out.item();
        kpi(out, line);
      }
      out.close(']');
      out.close('}');
    }
    out.close(']');
    out.close('}');
    return out.text.append('\n').toString();
  }

  private static void kpi(Json out, KpiReport line) {
    Kpi kpi = line.kpi();
    KpiAssessment assessment = line.assessment();
    out.open('{');
    out.field("id").string(kpi.id());
    out.field("name").string(kpi.name());
    out.field("definition").string(kpi.definition().name());
    out.field("parameters").strings(kpi.definition().parameters());
    out.field("unit").string(line.unit().name());
    out.field("direction").string(kpi.direction().name());
    out.field("baseline").number(kpi.baseline());
    out.field("target").number(kpi.target());
    out.field("deadline").string(kpi.deadline().toString());
    out.field("owner").string(kpi.owner());
    out.field("cadence").string(kpi.cadence().name());
    out.field("period").open('{');
    out.field("start").string(line.period().start().toString());
    out.field("end").string(line.period().end().toString());
    out.field("zone").string(line.period().zone().getId());
    out.close('}');
    Optional<Measurement> current = line.current();
    out.field("measured").literal(String.valueOf(current.isPresent()));
    out.field("value").number(current.flatMap(Measurement::value));
    out.field("takenAt").string(current.map(m -> m.takenAt().toString()));
    out.field("status").string(assessment.status().name());
    out.field("stale").literal(String.valueOf(assessment.stale()));
    out.field("overdue").string(assessment.overdue().map(p -> p.start().toString()));
    out.field("projected").number(assessment.projected());
    out.field("slopePerDay").number(assessment.slopePerDay());
    out.field("points").literal(String.valueOf(assessment.points()));
    out.field("inputs").counts(current.map(m -> m.result().inputs()).orElse(Map.of()));
    out.field("breakdown").numbers(current.map(m -> m.result().breakdown()).orElse(Map.of()));
    out.field("previous").open('[');
    for (Measurement previous : line.previous()) {
      out.item().open('{');
      out.field("start").string(previous.period().start().toString());
      out.field("end").string(previous.period().end().toString());
      out.field("value").number(previous.value());
      out.close('}');
    }
    out.close(']');
    out.close('}');
  }

  /** A small JSON writer: objects and arrays laid out one member per line, two spaces per level. */
  private static final class Json {
    final StringBuilder text = new StringBuilder();
    /** Per open object or array: whether it has a member yet. */
    private final List<Boolean> hasMember = new ArrayList<>();

    Json open(char bracket) {
      text.append(bracket);
      hasMember.add(false);
      return this;
    }

    Json close(char bracket) {
      boolean any = hasMember.remove(hasMember.size() - 1);
      if (any) {
        newline();
      }
      text.append(bracket);
      return this;
    }

    /** Starts the next member of the current object. */
    Json field(String name) {
      item();
      quoted(name);
      text.append(": ");
      return this;
    }

    /** Starts the next item of the current array. */
    Json item() {
      int last = hasMember.size() - 1;
      if (hasMember.get(last)) {
        text.append(',');
      }
      hasMember.set(last, true);
      newline();
      return this;
    }

    private void newline() {
      text.append('\n');
      text.append("  ".repeat(hasMember.size()));
    }

    void string(String value) {
      quoted(value);
    }

    void string(Optional<String> value) {
      if (value.isPresent()) {
        quoted(value.get());
      } else {
        text.append("null");
      }
    }

    void number(double value) {
      text.append(plain(value));
    }

    void number(Optional<Double> value) {
      text.append(value.map(Reports::plain).orElse("null"));
    }

    void literal(String literal) {
      text.append(literal);
    }

    void strings(Map<String, String> map) {
      if (map.isEmpty()) {
        text.append("{}");
        return;
      }
      open('{');
      map.forEach((key, value) -> field(key).string(value));
      close('}');
    }

    void counts(Map<String, Long> map) {
      if (map.isEmpty()) {
        text.append("{}");
        return;
      }
      open('{');
      map.forEach((key, value) -> field(key).literal(String.valueOf(value)));
      close('}');
    }

    void numbers(Map<String, Double> map) {
      if (map.isEmpty()) {
        text.append("{}");
        return;
      }
      open('{');
      map.forEach((key, value) -> field(key).number(value));
      close('}');
    }

    /** A JSON string: quotes, backslashes and control characters escaped, and U+2028/U+2029 too. */
    private void quoted(String value) {
      text.append('"');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '"' -> text.append("\\\"");
          case '\\' -> text.append("\\\\");
          case '\n' -> text.append("\\n");
          case '\r' -> text.append("\\r");
          case '\t' -> text.append("\\t");
          default -> {
            if (c < 0x20 || c == '\u2028' || c == '\u2029') {
              text.append(String.format("\\u%04x", (int) c));
            } else {
              text.append(c);
            }
          }
        }
      }
      text.append('"');
    }
  }

  // ----------------------------------------------------------------------------------------------------- CSV

  /**
   * The report as CSV (RFC 4180, CRLF line ends), with the header line {@link #CSV_COLUMNS} and one line per KPI.
   *
   * @throws NullPointerException if {@code report} is null
   */
  public static String toCsv(Report report) {
    requireNonNull(report, "report");
    StringBuilder out = new StringBuilder();
    line(out, CSV_COLUMNS);
    for (Report.ObjectiveReport objective : report.objectives()) {
      for (KpiReport line : objective.kpis()) {
        Kpi kpi = line.kpi();
        KpiAssessment assessment = line.assessment();
        List<String> previous = new ArrayList<>();
        for (Measurement m : line.previous()) {
          previous.add(period(m.period()) + "=" + m.value().map(Reports::plain).orElse(""));
        }
        List<String> inputs = new ArrayList<>();
        line.current().ifPresent(m -> m.result().inputs().forEach((name, count) -> inputs.add(name + "=" + count)));
        line(out, List.of(
            objective.objective().id(),
            kpi.id(),
            text(definition(kpi.definition())),
            line.unit().name(),
            kpi.direction().name(),
            plain(kpi.baseline()),
            plain(kpi.target()),
            kpi.deadline().toString(),
            text(kpi.owner()),
            kpi.cadence().name(),
            period(line.period()),
            line.current().flatMap(Measurement::value).map(Reports::plain).orElse(""),
            assessment.status().name(),
            String.valueOf(assessment.stale()),
            assessment.projected().map(Reports::plain).orElse(""),
            String.join(";", previous),
            text(String.join(";", inputs))));
      }
    }
    return out.toString();
  }

  /** {@code first_response_time(statistic=p90,time=elapsed)}, or the name alone without parameters. */
  private static String definition(KpiDefinition definition) {
    if (definition.parameters().isEmpty()) {
      return definition.name();
    }
    List<String> parameters = new ArrayList<>();
    definition.parameters().forEach((key, value) -> parameters.add(key + "=" + value));
    return definition.name() + "(" + String.join(",", parameters) + ")";
  }

  private static String period(MeasurementPeriod period) {
    return period.start() + "/" + period.end();
  }

  /** A user's text, with a {@code '} before it if a spreadsheet would read it as a formula. */
  private static String text(String value) {
    if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
      return "'" + value;
    }
    return value;
  }

  private static void line(StringBuilder out, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String field = fields.get(i);
      if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\r') >= 0
          || field.indexOf('\n') >= 0) {
        out.append('"').append(field.replace("\"", "\"\"")).append('"');
      } else {
        out.append(field);
      }
    }
    out.append("\r\n");
  }

  /** A double in plain decimal notation, without exponent or trailing zeros: {@code 87.5}, {@code 100}. */
  static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
