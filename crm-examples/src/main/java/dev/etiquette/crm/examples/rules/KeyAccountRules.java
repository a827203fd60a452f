package dev.etiquette.crm.examples.rules;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.rules.DormancyRule;
import dev.etiquette.crm.api.rules.EventFilter;
import dev.etiquette.crm.api.rules.FollowUpRule;
import dev.etiquette.crm.api.rules.ResponseRule;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.rules.Warning;
import dev.etiquette.crm.json.RuleSetJson;
import java.time.Duration;
import java.time.Instant;

/**
 * The rules of a B2B key-account team, built in Java: the same rule set as {@code rules/key-accounts.json}. It
 * shows what the support desk does not: the customer's own calendar, priorities, a team calendar, follow-ups after
 * meetings and onboarding, attribute conditions, and dormancy by role.
 *
 * <ul>
 *   <li>First response to sales and service e-mails and calls within 8 business hours <em>of the customer</em>
 *       ({@link CalendarChoice#customer()}), 2 for conversations of priority {@code urgent}; warned 30 minutes
 *       before; owned by the account's owner (else its team, else the {@code key-accounts} queue).</li>
 *   <li>A meeting summary within 4 business hours of the {@code key-accounts} team after a meeting.</li>
 *   <li>An onboarding review 30 days after the onboarding is complete (a support-case event with attribute
 *       {@code stage} = {@code onboarded}), due within 5 days; cancelled if the account churns
 *       ({@code stage} = {@code churned}).</li>
 *   <li>A call-back within 2 business days after an NPS answer marked {@code category} = {@code detractor}.</li>
 *   <li>A check-in with a partner after 60 days without any interaction.</li>
 * </ul>
 */
public final class KeyAccountRules {

  private KeyAccountRules() {}

  /** The key-account rules, version 3. */
  public static RuleSet ruleSet() {
    EventFilter outboundContact = EventFilter.of(InteractionKind.CONTACT).outbound().build();
    return RuleSet.builder("key-accounts", 3, Instant.parse("2026-04-01T06:00:00Z"))
        .rule(ResponseRule.firstResponse("first-response")
            .channels(Channel.EMAIL, Channel.PHONE)
            .purposes(Purpose.SALES, Purpose.SERVICE)
            .within(Duration.ofHours(8))
            .withinForPriority("urgent", Duration.ofHours(2))
            .calendar(CalendarChoice.customer())
            .warning(Warning.before(Duration.ofMinutes(30)))
            .escalate("account_director", Duration.ZERO)
            .assignee(Assignee.owner("key-accounts"))
            .build())
        .rule(FollowUpRule.builder("meeting-summary", "Send the meeting summary")
            .after(EventFilter.of(InteractionKind.CONTACT).channels(Channel.MEETING).build())
            .within(Duration.ofHours(4))
            .satisfiedBy(EventFilter.of(InteractionKind.CONTACT).outbound().channels(Channel.EMAIL).build())
            .calendar(CalendarChoice.team("key-accounts"))
            .assignee(Assignee.owner("key-accounts"))
            .build())
        .rule(FollowUpRule.builder("onboarding-review", "Review the first month with the customer")
            .after(EventFilter.of(InteractionKind.SUPPORT_CASE_EVENT).attribute("stage", "onboarded").build())
            .delay(Duration.ofDays(30))
            .within(Duration.ofDays(5))
            .calendar(CalendarChoice.elapsed())
            .satisfiedBy(EventFilter.of(InteractionKind.CONTACT).outbound().channels(Channel.MEETING, Channel.PHONE)
                .build())
            .cancelWhen(EventFilter.builder().attribute("stage", "churned").build())
            .warning(Warning.atFraction("0.8"))
            .escalate("account_director", Duration.ofDays(1))
            .assignee(Assignee.owner("key-accounts"))
            .build())
        .rule(FollowUpRule.builder("detractor-call-back", "Call the customer back about the survey")
            .after(EventFilter.of(InteractionKind.SURVEY_ANSWER).attribute("survey", "nps")
                .attribute("category", "detractor").build())
            .within(Duration.ofHours(16))
            .satisfiedBy(EventFilter.of(InteractionKind.CONTACT).outbound().channels(Channel.PHONE, Channel.MEETING)
                .build())
            .escalate("head_of_customer_success", Duration.ofHours(8))
            .assignee(Assignee.team("customer-success"))
            .build())
        .rule(DormancyRule.builder("partner-check-in", "Check in with the partner", 60)
            .roles(Role.PARTNER)
            .within(Duration.ofHours(40))
            .satisfiedBy(outboundContact)
            .assignee(Assignee.role("partner-management"))
            .build())
        .build();
  }

  /** Prints the rule file of {@link #ruleSet()}. */
  public static void main(String[] args) {
    System.out.print(RuleSetJson.toJson(ruleSet()));
  }
}
