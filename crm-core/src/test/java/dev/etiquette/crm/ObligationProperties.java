package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.obligation.DueWork;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationEvent;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.obligation.ObligationQuery;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.rules.ResponseRule;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.rules.Warning;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Laws of the obligation engine over random conversations: replies, pauses, resolutions and due-work runs at
 * random times, on random calendars and rules.
 */
class ObligationProperties {

  static final Instant START = Instant.parse("2026-03-06T14:00:00Z");

  enum Kind { INBOUND, OUTBOUND, WAIT, REOPEN, RESOLVE, PROCESS_DUE }

  /** One step: the clock moves {@code minutes} on, then {@code kind} happens to conversation {@code conversation}. */
  record Step(int minutes, Kind kind, int conversation) {}

  /** The rules and calendar a run uses. */
  record Setup(int calendar, int firstHours, int nextHours, int warning, int steps) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step = Combinators.combine(
        Arbitraries.integers().between(1, 2_000),
        Arbitraries.of(Kind.class),
        Arbitraries.integers().between(0, 2)).as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(30);
  }

  @Provide
  Arbitrary<Setup> setups() {
    return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 12),
        Arbitraries.integers().between(1, 24), Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, 2)).as(Setup::new);
  }

  /** A run of the steps against a fresh in-memory library. */
  static final class Run {
    final MutableClock clock = new MutableClock(START);
    final List<Notification> delivered = new CopyOnWriteArrayList<>();
    final Crm crm;
    final CrmTenant acme;
    final Party ada;
    /** The latest deadline seen of each obligation while it was outstanding. */
    final Map<ObligationId, Instant> deadlines = new HashMap<>();
    boolean deadlineMovedEarlier;

    Run(Setup setup) {
      AtomicInteger ids = new AtomicInteger();
      crm = Crm.builder().clock(clock).idGenerator(type -> type + "-" + ids.incrementAndGet())
          .notifications(d -> delivered.add(d.notification())).build();
      acme = crm.tenant(TenantId.of("acme"), Actor.user("alice"));
      acme.configure(acme.settings().withCalendar(calendar(setup.calendar())));
      ResponseRule.Builder first = ResponseRule.firstResponse("first").within(Duration.ofHours(setup.firstHours()))
          .assignee(Assignee.team("support"));
      if (setup.warning() == 1) {
        first.warning(Warning.atFraction("0.5"));
      } else if (setup.warning() == 2 && setup.firstHours() > 1) {
        first.warning(Warning.before(Duration.ofMinutes(30)));
      }
      for (int s = 0; s < setup.steps(); s++) {
        first.escalate("level-" + s, Duration.ofMinutes(s == 0 ? 0 : 45));
      }
      acme.rules().publish(RuleSet.builder("desk", 1, Instant.parse("2026-01-01T00:00:00Z"))
          .rule(first.build())
          .rule(ResponseRule.nextResponse("next").within(Duration.ofHours(setup.nextHours()))
              .assignee(Assignee.owner("support")).build())
          .build());
      ada = acme.parties().create(PartyDraft.person("Ada").build());
    }

    static BusinessCalendar calendar(int which) {
      switch (which) {
        case 0:
          return BusinessCalendar.weekdays(ZoneId.of("America/New_York"), LocalTime.of(9, 0), LocalTime.of(17, 0));
        case 1:
          return BusinessCalendar.builder(ZoneId.of("Europe/Berlin")).weekdays("08:00-12:00", "13:00-16:00")
              .holiday(java.time.LocalDate.of(2026, 3, 10)).build();
        default:
          return BusinessCalendar.alwaysOpen(ZoneId.of("UTC"));
      }
    }

    void apply(Step step, boolean processDue) {
      clock.advance(Duration.ofMinutes(step.minutes()));
      ConversationId id = ConversationId.of("c-" + step.conversation());
      Optional<Conversation> conversation = acme.interactions().findConversation(id);
      switch (step.kind()) {
        case INBOUND -> acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.EMAIL, Purpose.SERVICE)
            .conversation(id).occurredAt(clock.instant()).build());
        case OUTBOUND -> acme.interactions().record(InteractionDraft.outbound(ada.id(), Channel.EMAIL,
            Purpose.SERVICE).conversation(id).occurredAt(clock.instant()).build());
        case WAIT -> conversation.ifPresent(c -> acme.interactions().setConversationState(id, c.version(),
            ConversationState.WAITING_ON_CUSTOMER));
        case REOPEN -> conversation.ifPresent(c -> acme.interactions().setConversationState(id, c.version(),
            ConversationState.OPEN));
        case RESOLVE -> conversation.ifPresent(c -> acme.interactions().setConversationState(id, c.version(),
            ConversationState.RESOLVED));
        case PROCESS_DUE -> {
          if (processDue) {
            crm.processDue();
          }
        }
      }
      for (Obligation o : all()) {
        if (o.state().isOutstanding() || o.state() == ObligationState.SCHEDULED) {
          Instant before = deadlines.put(o.id(), o.dueAt());
          if (before != null && o.dueAt().isBefore(before)) {
            deadlineMovedEarlier = true;
          }
        }
      }
    }

    List<Obligation> all() {
      List<Obligation> all = new ArrayList<>();
      Optional<String> cursor = Optional.empty();
      do {
        PageRequest page = cursor.map(c -> PageRequest.after(c, 100)).orElse(PageRequest.first(100));
        var found = acme.obligations().search(ObligationQuery.all(), page);
        all.addAll(found.items());
        cursor = found.nextCursor();
      } while (cursor.isPresent());
      return all;
    }
  }

  @Property(tries = 200)
  void aPauseNeverMakesADeadlineEarlier(@ForAll("setups") Setup setup, @ForAll("steps") List<Step> steps) {
    Run run = new Run(setup);
    steps.forEach(step -> run.apply(step, true));
    assertThat(run.deadlineMovedEarlier).isFalse();
  }

  @Property(tries = 200)
  void noBreachIsRecordedForAnObligationSatisfiedBeforeItsDeadline(@ForAll("setups") Setup setup,
      @ForAll("steps") List<Step> steps) {
    Run run = new Run(setup);
    steps.forEach(step -> run.apply(step, true));
    run.crm.processDue();
    for (Obligation o : run.all()) {
      boolean breached = o.history().stream().anyMatch(e -> e.type() == ObligationEvent.Type.BREACHED);
      if (o.state() == ObligationState.SATISFIED_ON_TIME) {
        assertThat(breached).as("breach of %s", o).isFalse();
        assertThat(o.settledAt().orElseThrow()).isBeforeOrEqualTo(o.dueAt());
      }
      if (breached) {
        assertThat(o.breachedAt()).isPresent();
        assertThat(o.settledAt().map(s -> s.isAfter(o.breachedAt().get()) || s.equals(o.breachedAt().get()))
            .orElse(true)).isTrue();
        assertThat(o.history().stream().filter(e -> e.type() == ObligationEvent.Type.BREACHED)).hasSize(1);
      }
    }
    assertThat(run.delivered.stream().map(Notification::key).distinct()).hasSameSizeAs(run.delivered);
  }

  @Property(tries = 200)
  void processingDueWorkTwiceChangesNothingTheSecondTime(@ForAll("setups") Setup setup,
      @ForAll("steps") List<Step> steps) {
    Run run = new Run(setup);
    steps.forEach(step -> run.apply(step, true));
    run.crm.processDue();
    List<Obligation> once = run.all();
    int notified = run.delivered.size();

    assertThat(run.crm.processDue()).isEqualTo(DueWork.NONE);
    assertThat(run.all()).isEqualTo(once);
    assertThat(run.delivered).hasSize(notified);
  }

  /** What an obligation's story is, whenever the library learned of it: states and events with their instants. */
  record Story(ObligationId id, ObligationState state, Instant dueAt, Optional<Instant> breachedAt,
      Optional<Instant> settledAt, List<String> events) {
    static Story of(Obligation o) {
      return new Story(o.id(), o.state(), o.dueAt(), o.breachedAt(), o.settledAt(),
          o.history().stream().map(e -> e.type() + "@" + e.at() + e.role().map(r -> ">" + r).orElse("")).toList());
    }
  }

  @Property(tries = 200)
  void dueWorkProcessedLateEndsInTheSameStoryAsDueWorkProcessedOnTime(@ForAll("setups") Setup setup,
      @ForAll("steps") List<Step> steps) {
    Run onTime = new Run(setup);
    steps.forEach(step -> onTime.apply(step, true));
    onTime.crm.processDue();
    Run late = new Run(setup);
    steps.forEach(step -> late.apply(step, false));
    late.crm.processDue();

    assertThat(late.all().stream().map(Story::of).toList())
        .isEqualTo(onTime.all().stream().map(Story::of).toList());
    assertThat(late.delivered.stream().map(Notification::key).sorted().toList())
        .isEqualTo(onTime.delivered.stream().map(Notification::key).sorted().toList());
  }
}
