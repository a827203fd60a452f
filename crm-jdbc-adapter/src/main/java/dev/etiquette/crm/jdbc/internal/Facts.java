package dev.etiquette.crm.jdbc.internal;

import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.contact.RuleVerdict;
import dev.etiquette.crm.api.contact.Verdict;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.obligation.EscalationPoint;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.StageChange;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The fact columns and rows the measurement aggregates read, computed from the records the stores write: one
 * place for the write paths of {@link JdbcTransaction} and {@link JdbcContacts} and for the backfill of the rows
 * written before schema version 6 ({@link MeasurementFactsBackfill}), so that both give the same facts.
 */
final class Facts {

  /** The longest survey name the {@code survey} column holds; a KPI parameter is at most as long. */
  static final int MAX_SURVEY = 200;
  /** The longest denial label the {@code denied_by} column holds. */
  static final int MAX_DENIAL_LABEL = 200;

  private static final BigDecimal MIN_SCORE = BigDecimal.valueOf(-1_000);
  private static final BigDecimal MAX_SCORE = BigDecimal.valueOf(1_000);

  private Facts() {}

  /** {@code firstReplyAt − firstInboundAt} in whole milliseconds, rounded down; empty without a reply. */
  static Optional<Long> firstReplyMillis(Conversation c) {
    if (c.firstReplyAt().isEmpty() || c.firstInboundAt().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(c.firstInboundAt().get(), c.firstReplyAt().get()).toMillis());
  }

  /** The business time to the first reply in whole milliseconds, rounded down; empty without a reply. */
  static Optional<Long> firstReplyBusinessMillis(Conversation c) {
    if (c.firstReplyAt().isEmpty() || c.firstInboundAt().isEmpty()) {
      return Optional.empty();
    }
    return c.firstReplyBusinessTime().map(Duration::toMillis);
  }

  /** Of a resolved conversation, {@code stateChangedAt − openedAt} in whole milliseconds, rounded down. */
  static Optional<Long> resolutionMillis(Conversation c) {
    if (c.state() != ConversationState.RESOLVED) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(c.openedAt(), c.stateChangedAt()).toMillis());
  }

  /**
   * The label a denied entry counts under: {@code <rule set>/<rule>} of its receipt's first denial when that names
   * a rule, else the denial's check in lower case; {@code unknown} for a receipt that names no denying rule. Empty
   * unless the entry is DENIED.
   */
  static Optional<String> deniedBy(ContactEntry entry) {
    if (entry.status() != ContactStatus.DENIED) {
      return Optional.empty();
    }
    for (RuleVerdict verdict : entry.receipt().rules()) {
      if (verdict.verdict() == Verdict.DENY) {
        String label = verdict.rule().map(r -> r.ruleSet() + "/" + r.rule())
            .orElseGet(() -> verdict.check().name().toLowerCase(Locale.ROOT));
        if (label.length() > MAX_DENIAL_LABEL) {
          throw new IllegalArgumentException("the denial label of contact " + entry.id() + " is longer than "
              + MAX_DENIAL_LABEL + " characters");
        }
        return Optional.of(label);
      }
    }
    return Optional.of("unknown");
  }

  /** A survey answer: the survey's name and the score. */
  record SurveyAnswer(String survey, int score) {}

  /**
   * The survey answer an interaction gives: of a SURVEY_ANSWER, its string attribute {@code survey} (at most
   * {@link #MAX_SURVEY} characters) and its number attribute {@code score} when that is a whole number from
   * -1,000 to 1,000; else empty.
   */
  static Optional<SurveyAnswer> surveyAnswer(Interaction i) {
    if (i.kind() != InteractionKind.SURVEY_ANSWER
        || !(i.attributes().get("survey") instanceof AttributeValue.StringValue name)
        || name.value().length() > MAX_SURVEY
        || !(i.attributes().get("score") instanceof AttributeValue.NumberValue number)) {
      return Optional.empty();
    }
    BigDecimal n = number.value();
    if (n.signum() != 0 && n.stripTrailingZeros().scale() > 0 || n.compareTo(MIN_SCORE) < 0
        || n.compareTo(MAX_SCORE) > 0) {
      return Optional.empty();
    }
    return Optional.of(new SurveyAnswer(name.value(), n.intValueExact()));
  }

  /**
   * One move of a party's lifecycle.
   *
   * @param seq its position in the history, from 0
   * @param stage the stage moved to
   * @param changedAt when, in microseconds
   * @param untilAt when the next move came, in microseconds; empty for the current stage
   */
  record StageRow(int seq, String stage, long changedAt, Optional<Long> untilAt) {}

  /** The party's lifecycle as rows, oldest first; none for a party that never had a stage. */
  static List<StageRow> stages(Party party) {
    List<StageChange> history = party.lifecycle().history();
    List<StageRow> rows = new ArrayList<>(history.size());
    for (int i = 0; i < history.size(); i++) {
      StageChange change = history.get(i);
      Optional<Long> until = i + 1 < history.size() ? Optional.of(Micros.of(history.get(i + 1).at()))
          : Optional.empty();
      rows.add(new StageRow(i, change.to().name(), Micros.of(change.at()), until));
    }
    return rows;
  }

  /** The escalation steps the obligation has reached: those numbered at most {@code escalated}. */
  static List<EscalationPoint> reached(Obligation o) {
    List<EscalationPoint> reached = new ArrayList<>(o.escalated());
    for (EscalationPoint point : o.escalations()) {
      if (point.step() <= o.escalated()) {
        reached.add(point);
      }
    }
    return reached;
  }
}
