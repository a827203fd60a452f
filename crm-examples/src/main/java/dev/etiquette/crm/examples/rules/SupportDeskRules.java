package dev.etiquette.crm.examples.rules;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.rules.DormancyRule;
import dev.etiquette.crm.api.rules.EventFilter;
import dev.etiquette.crm.api.rules.FollowUpRule;
import dev.etiquette.crm.api.rules.ResponseRule;
import dev.etiquette.crm.api.rules.ResponseTarget;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.rules.Warning;
import dev.etiquette.crm.json.RuleSetJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The rules of a support desk, built in Java: the same rule set as {@code rules/support-desk.json} (a test checks
 * that they are equal). Run it to print the rule file.
 *
 * <ul>
 *   <li>First response within 4 business hours on e-mail and 1 hour on chat; for customers tagged {@code vip}
 *       2 hours on e-mail and 30 minutes on chat.</li>
 *   <li>Next response within 8 business hours on e-mail and 2 on chat; {@code vip} 4 and 1.</li>
 *   <li>Both warn at 75 % of the target, escalate to the team lead 30 minutes after a breach and to the head of
 *       support 2 hours after that, and are the support team's (the party's team, else the {@code support}
 *       queue).</li>
 *   <li>A thank-you one day after a purchase, due within 8 business hours, by the party's owner; an outbound
 *       contact during that day cancels it (someone has been in touch already).</li>
 *   <li>A check-in with a customer (stage {@code customer} or {@code evangelist}) after 90 days without any
 *       interaction, due within 7 days, by the owner; cancelled if the customer gets in touch first.</li>
 * </ul>
 */
public final class SupportDeskRules {

  private SupportDeskRules() {}

  /** The support desk's rules, version 1. */
  public static RuleSet ruleSet() {
    EventFilter outboundContact = EventFilter.of(InteractionKind.CONTACT).outbound().build();
    return RuleSet.builder("support-desk", 1, Instant.parse("2026-01-05T00:00:00Z"))
        .description("Response times, thank-yous and check-ins of the support desk")
        .rule(ResponseRule.firstResponse("first-response")
            .channels(Channel.EMAIL, Channel.CHAT)
            .within(Duration.ofHours(4))
            .within(Channel.CHAT, Duration.ofHours(1))
            .withinForSegment("vip", Duration.ofHours(2))
            .target(ResponseTarget.of(Duration.ofMinutes(30)).withChannel(Channel.CHAT).withSegment("vip"))
            .calendar(CalendarChoice.business())
            .warning(Warning.atFraction("0.75"))
            .escalate("team_lead", Duration.ofMinutes(30))
            .escalate("head_of_support", Duration.ofHours(2))
            .assignee(Assignee.team("support"))
            .build())
        .rule(ResponseRule.nextResponse("next-response")
            .channels(Channel.EMAIL, Channel.CHAT)
            .within(Duration.ofHours(8))
            .within(Channel.CHAT, Duration.ofHours(2))
            .withinForSegment("vip", Duration.ofHours(4))
            .target(ResponseTarget.of(Duration.ofHours(1)).withChannel(Channel.CHAT).withSegment("vip"))
            .warning(Warning.atFraction("0.75"))
            .escalate("team_lead", Duration.ofMinutes(30))
            .escalate("head_of_support", Duration.ofHours(2))
            .assignee(Assignee.team("support"))
            .build())
        .rule(FollowUpRule.builder("thank-you-after-purchase", "Thank the customer for the purchase")
            .after(EventFilter.of(InteractionKind.PURCHASE).build())
            .delay(Duration.ofDays(1))
            .within(Duration.ofHours(8))
            .satisfiedBy(outboundContact)
            .cancelWhen(outboundContact)
            .assignee(Assignee.owner("customer-success"))
            .build())
        .rule(DormancyRule.builder("dormant-customer-check-in", "Check in with the customer", 90)
            .stages(LifecycleStage.CUSTOMER, LifecycleStage.EVANGELIST)
            .within(Duration.ofDays(7))
            .calendar(CalendarChoice.elapsed())
            .satisfiedBy(outboundContact)
            .cancelWhen(EventFilter.builder().inbound().build())
            .warning(Warning.before(Duration.ofDays(2)))
            .assignee(Assignee.owner("customer-success"))
            .build())
        .build();
  }

  /** Reads a rule file of the examples' resources, {@code rules/NAME}. */
  public static RuleSet load(String name) {
    try (InputStream in = SupportDeskRules.class.getResourceAsStream("/rules/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no rule file rules/" + name);
      }
      return RuleSetJson.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prints the rule file of {@link #ruleSet()}. */
  public static void main(String[] args) {
    System.out.print(RuleSetJson.toJson(ruleSet()));
  }
}
