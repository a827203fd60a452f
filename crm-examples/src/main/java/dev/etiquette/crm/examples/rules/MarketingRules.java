package dev.etiquette.crm.examples.rules;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.party.QuietWindow;
import dev.etiquette.crm.api.rules.CapWindow;
import dev.etiquette.crm.api.rules.ConsentRegime;
import dev.etiquette.crm.api.rules.ContactRules;
import dev.etiquette.crm.api.rules.FrequencyCap;
import dev.etiquette.crm.api.rules.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;

/**
 * A marketing team's contact rules, built in Java: the same rule set as {@code rules/marketing.json}, and the one
 * the demo publishes.
 *
 * <ul>
 *   <li>Marketing and surveys need an opt-in; sales calls only the absence of an opt-out.</li>
 *   <li>At most 2 marketing contacts per rolling 7 days, across every channel and sender, and at most 1 marketing
 *       SMS per calendar day in the customer's time zone.</li>
 *   <li>No calls or texts 21:00-08:00 in the customer's time zone, unless the customer set quiet hours of their
 *       own for the channel.</li>
 * </ul>
 */
public final class MarketingRules {

  private MarketingRules() {}

  /** The marketing rules, version 1. */
  public static RuleSet ruleSet() {
    QuietWindow night = QuietWindow.of(LocalTime.of(21, 0), LocalTime.of(8, 0));
    return RuleSet.builder("marketing", 1, Instant.parse("2026-01-12T00:00:00Z"))
        .description("Consent, caps and quiet hours for the marketing team")
        .contact(ContactRules.builder(ConsentRegime.OPT_IN)
            .regime(Purpose.SALES, ConsentRegime.OPT_OUT)
            .cap(FrequencyCap.of("two-a-week", Purpose.MARKETING, 2, CapWindow.rolling(Duration.ofDays(7))))
            .cap(FrequencyCap.of("one-sms-a-day", Purpose.MARKETING, Channel.SMS, 1, CapWindow.calendarDays(1)))
            .quietHours(Channel.PHONE, night)
            .quietHours(Channel.SMS, night)
            .build())
        .build();
  }
}
