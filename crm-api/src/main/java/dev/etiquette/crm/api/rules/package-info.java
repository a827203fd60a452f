/**
 * Etiquette rules as data: the obligation rules that turn the interaction timeline into obligations ("party P
 * must do action A for customer C by instant D"), their warnings, breaches and escalations.
 *
 * <p>A {@link dev.etiquette.crm.api.rules.RuleSet} is one version of a tenant's rules, in effect from an instant
 * ({@link dev.etiquette.crm.api.rules.RuleSetHistory} says which version is in effect when). It holds
 * {@link dev.etiquette.crm.api.rules.ObligationRule}s of three kinds:
 * <ul>
 *   <li>{@link dev.etiquette.crm.api.rules.ResponseRule}: first- and next-response SLAs, with
 *       {@link dev.etiquette.crm.api.rules.ResponseTarget}s per channel, priority and segment, paused while the
 *       conversation waits on the customer;</li>
 *   <li>{@link dev.etiquette.crm.api.rules.FollowUpRule}: after an event matching an
 *       {@link dev.etiquette.crm.api.rules.EventFilter} (a purchase, a meeting, onboarding), do something within a
 *       time, after a delay, unless a cancel condition happens first;</li>
 *   <li>{@link dev.etiquette.crm.api.rules.DormancyRule}: a check-in with an active party that nobody has been in
 *       touch with for a number of days.</li>
 * </ul>
 * Each rule names the calendar its time counts in (a {@link dev.etiquette.crm.api.calendar.CalendarChoice}), an
 * optional {@link dev.etiquette.crm.api.rules.Warning}, an escalation chain of
 * {@link dev.etiquette.crm.api.rules.EscalationStep}s and an {@link dev.etiquette.crm.api.rules.Assignee}. Outcomes
 * record the {@link dev.etiquette.crm.api.rules.RuleRef} of the rule (and rule set version) that produced them.
 *
 * <p>Rules are built in Java with builders ({@code RuleSet.builder}, {@code ResponseRule.firstResponse},
 * {@code FollowUpRule.builder}, {@code DormancyRule.builder}) or read from JSON with {@code CrmJson} (crm-core),
 * in the format that {@code docs/rules.md} describes and {@code docs/rules.schema.json} defines. A rule set is
 * validated as a whole when it is made: every problem is reported at once in a
 * {@link dev.etiquette.crm.api.ValidationException}, with its path ({@code obligations[2].targets[0].within});
 * from JSON, with the JSON path, line and column.
 *
 * <p>This package holds the rules and their exact meaning; evaluating them over a timeline is the job of the
 * rule engine.
 */
package dev.etiquette.crm.api.rules;
