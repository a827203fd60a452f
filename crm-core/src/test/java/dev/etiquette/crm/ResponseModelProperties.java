package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.rules.ResponseRule;
import dev.etiquette.crm.api.rules.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Model-based test of the response rules: random inbound and outbound e-mails, resolutions and due-work runs
 * in a few conversations, on elapsed time, against a reference model written from DOMAIN.md and docs/rules.md
 * alone. Each conversation's obligations (kind, state, deadline, whether breached) must be the model's.
 */
class ResponseModelProperties {

  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  enum Kind { INBOUND, OUTBOUND, RESOLVE, PROCESS_DUE }

  record Step(int minutes, Kind kind, int conversation) {}

  /** What the model expects of one obligation. */
  record Expected(ObligationKind kind, ObligationState state, Instant dueAt, boolean breached) {}

  /** The reference model of one conversation. */
  static final class ModelConversation {
    boolean resolved;
    Boolean lastOutbound;
    ObligationKind openKind;
    Instant openDue;
    final List<Expected> settled = new ArrayList<>();

    void open(ObligationKind kind, Instant due) {
      openKind = kind;
      openDue = due;
    }

    void settle(ObligationState state, boolean breached) {
      settled.add(new Expected(openKind, state, openDue, breached));
      openKind = null;
      openDue = null;
    }

    List<Expected> at(Instant end) {
      List<Expected> all = new ArrayList<>(settled);
      if (openKind != null) {
        boolean breached = !openDue.isAfter(end);
        all.add(new Expected(openKind, breached ? ObligationState.BREACHED : ObligationState.OPEN, openDue, breached));
      }
      return all;
    }
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(Arbitraries.integers().between(1, 600), Arbitraries.of(Kind.class),
        Arbitraries.integers().between(0, 2)).as(Step::new).list().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 300)
  void responseObligationsFollowTheModel(@ForAll("steps") List<Step> steps,
      @ForAll @IntRange(min = 1, max = 600) int firstMinutes, @ForAll @IntRange(min = 1, max = 600) int nextMinutes) {
    MutableClock clock = new MutableClock(START);
    Crm crm = Crm.builder().clock(clock).build();
    CrmTenant acme = crm.tenant(TenantId.of("acme"), Actor.user("alice"));
    Duration first = Duration.ofMinutes(firstMinutes);
    Duration next = Duration.ofMinutes(nextMinutes);
    acme.rules().publish(RuleSet.builder("desk", 1, START.minusSeconds(1))
        .rule(ResponseRule.firstResponse("first").within(first).calendar(CalendarChoice.elapsed())
            .assignee(Assignee.role("support")).build())
        .rule(ResponseRule.nextResponse("next").within(next).calendar(CalendarChoice.elapsed())
            .assignee(Assignee.role("support")).build())
        .build());
    Party ada = acme.parties().create(PartyDraft.person("Ada").build());
    Map<Integer, ModelConversation> model = new HashMap<>();

    for (Step step : steps) {
      Instant t = clock.advance(Duration.ofMinutes(step.minutes()));
      ConversationId id = ConversationId.of("c-" + step.conversation());
      ModelConversation m = model.get(step.conversation());
      switch (step.kind()) {
        case INBOUND -> {
          acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.EMAIL, Purpose.SERVICE)
              .conversation(id).occurredAt(t).build());
          if (m == null) {
            m = new ModelConversation();
            model.put(step.conversation(), m);
            m.open(ObligationKind.FIRST_RESPONSE, t.plus(first));
          } else {
            boolean reopened = m.resolved;
            m.resolved = false;
            if (m.openKind == null && (reopened || Boolean.TRUE.equals(m.lastOutbound))) {
              m.open(ObligationKind.NEXT_RESPONSE, t.plus(next));
            }
          }
          m.lastOutbound = false;
        }
        case OUTBOUND -> {
          acme.interactions().record(InteractionDraft.outbound(ada.id(), Channel.EMAIL, Purpose.SERVICE)
              .conversation(id).occurredAt(t).build());
          if (m == null) {
            m = new ModelConversation();
            model.put(step.conversation(), m);
          } else if (m.openKind != null) {
            boolean late = t.isAfter(m.openDue);
            m.settle(late ? ObligationState.SATISFIED_LATE : ObligationState.SATISFIED_ON_TIME, late);
          }
          m.lastOutbound = true;
        }
        case RESOLVE -> {
          if (m != null && !m.resolved) {
            long version = acme.interactions().conversation(id).version();
            acme.interactions().setConversationState(id, version, ConversationState.RESOLVED);
            m.resolved = true;
            if (m.openKind != null) {
              m.settle(ObligationState.CANCELLED, t.isAfter(m.openDue));
            }
          }
        }
        case PROCESS_DUE -> crm.processDue();
      }
    }
    crm.processDue();

    Instant end = clock.instant();
    for (Map.Entry<Integer, ModelConversation> entry : model.entrySet()) {
      List<Expected> actual = acme.obligations().ofConversation(ConversationId.of("c-" + entry.getKey())).stream()
          .map(o -> new Expected(o.kind(), o.state(), o.dueAt(), o.breachedAt().isPresent())).toList();
      assertThat(actual).as("obligations of c-%s", entry.getKey()).isEqualTo(entry.getValue().at(end));
    }
  }
}
