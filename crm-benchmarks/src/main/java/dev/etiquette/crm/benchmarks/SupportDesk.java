package dev.etiquette.crm.benchmarks;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.examples.rules.SupportDeskRules;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The obligation benchmarks' tenant: a support desk in New York (weekdays 09:00–17:00) running the example rules
 * of {@code crm-examples} ({@link SupportDeskRules}: first response within 4 business hours on e-mail, next
 * response within 8, warnings at 75 %, two escalation steps, a thank-you after a purchase, a check-in after 90
 * days without interaction), and its customers' history of e-mail conversations.
 *
 * <p>The history is made through the public API, with the rules in effect, so it holds what a real one holds:
 * each conversation is an inbound e-mail, the reply, a second inbound e-mail and its reply, four interactions that
 * open and satisfy a first-response and a next-response obligation; every customer (stage {@code customer}) also
 * has a dormancy check-in scheduled 90 days after its latest interaction.
 */
final class SupportDesk {

  static final TenantId TENANT = TenantId.of("desk");
  static final Actor ACTOR = Actor.user("helpdesk");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  /** Interactions per conversation of the history. */
  static final int PER_CONVERSATION = 4;
  /** Where the history starts: Monday 5 January 2026, 09:00 in New York, when the rules take effect. */
  static final Instant HISTORY_FROM = Instant.parse("2026-01-05T14:00:00Z");
  /** How long the history lasts, whatever its size: its interactions are spread evenly over it. */
  static final Duration HISTORY_SPAN = Duration.ofDays(300);
  /** When the measured work starts: Monday 2 November 2026, 09:30 in New York, after the history. */
  static final Instant MEASURED_FROM = Instant.parse("2026-11-02T14:30:00Z");

  private SupportDesk() {}

  /** Sets the tenant's zone and business calendar and publishes the support desk's rules. */
  static void configure(CrmTenant tenant) {
    tenant.configure(tenant.settings().withZone(NEW_YORK)
        .withCalendar(BusinessCalendar.weekdays(NEW_YORK, LocalTime.of(9, 0), LocalTime.of(17, 0))));
    tenant.rules().publish(SupportDeskRules.ruleSet());
  }

  /** Creates {@code count} customers, in batches of 1,000, and returns their ids in order. */
  static List<PartyId> customers(CrmTenant tenant, int count) {
    List<PartyId> ids = new ArrayList<>(count);
    List<PartyDraft> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batch.add(PartyDraft.person("Customer " + i).roles(Role.CUSTOMER).stage(LifecycleStage.CUSTOMER)
          .email("customer" + i + "@example.com").build());
      if (batch.size() == 1_000 || i == count - 1) {
        for (Party p : tenant.parties().createAll(batch)) {
          ids.add(p.id());
        }
        batch.clear();
      }
    }
    return ids;
  }

  /**
   * Records {@code perParty} interactions for each of {@code parties} (a multiple of {@link #PER_CONVERSATION}),
   * in conversations {@code h-<party>-<n>}, round by round over the parties, spread evenly over
   * {@link #HISTORY_SPAN} from {@link #HISTORY_FROM}, each at the clock's instant.
   */
  static void history(CrmTenant tenant, BenchClock clock, List<PartyId> parties, int perParty) {
    if (perParty % PER_CONVERSATION != 0) {
      throw new IllegalArgumentException("interactions per party must be a multiple of " + PER_CONVERSATION);
    }
    long total = (long) parties.size() * perParty;
    Duration step = HISTORY_SPAN.dividedBy(Math.max(1, total));
    clock.set(HISTORY_FROM);
    for (int round = 0; round < perParty / PER_CONVERSATION; round++) {
      for (PartyId party : parties) {
        String conversation = "h-" + party.value() + "-" + round;
        for (int k = 0; k < PER_CONVERSATION; k++) {
          InteractionDraft.Builder draft = k % 2 == 0
              ? InteractionDraft.inbound(party, Channel.EMAIL, Purpose.SERVICE)
              : InteractionDraft.outbound(party, Channel.EMAIL, Purpose.SERVICE);
          tenant.interactions().record(draft.conversation(conversation).build());
          clock.advance(step);
        }
      }
    }
  }

  /** An inbound e-mail that opens conversation {@code conversation}, now. */
  static InteractionDraft inbound(PartyId party, String conversation) {
    return InteractionDraft.inbound(party, Channel.EMAIL, Purpose.SERVICE).conversation(conversation).build();
  }

  /** The reply to it, now. */
  static InteractionDraft reply(PartyId party, String conversation) {
    return InteractionDraft.outbound(party, Channel.EMAIL, Purpose.SERVICE).conversation(conversation).build();
  }
}
