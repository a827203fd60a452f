package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Direction;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The interaction timeline against a model: random recordings across three parties, four conversations and
 * three channels (some of them refused, because a conversation holds one party on one channel), state
 * changes (some at a stale version, some of conversations that do not exist), and pagings of a party's
 * timeline that run interleaved with all of it, one page per step.
 *
 * <p>The model is plain lists and maps, with the rules written out the simplest way: a timeline is the
 * party's interactions sorted by (occurredAt, id), newest first; a conversation's summary is the minimum
 * and maximum over its interactions; the last contact per channel is the maximum. After every step, every
 * query of the library must agree with the model, and every paging must return each interaction that existed
 * when it began exactly once, in order.
 */
class TimelineModelProperties {

  static final Instant START = Instant.parse("2026-03-02T09:30:00Z");
  static final List<Channel> CHANNELS = List.of(Channel.EMAIL, Channel.SMS, Channel.CHAT);
  static final Comparator<Interaction> POSITION =
      Comparator.comparing(Interaction::occurredAt).thenComparing(Interaction::id);

  sealed interface Step {}

  /**
   * Record an interaction; {@code secondsAgo} comes from a small set, so that ties on occurredAt happen.
   * Conversation {@code k} is party {@code k % 3}'s on channel {@code k % 3}, unless the step is a
   * {@code stray} one, which takes its own party and channel (and is refused if they differ).
   */
  record Record(int party, int channel, Direction direction, Optional<Integer> conversation, boolean stray,
      int secondsAgo, int advanceSeconds) implements Step {

    int partyIndex() {
      return conversation.isPresent() && !stray ? conversation.get() % 3 : party;
    }

    int channelIndex() {
      return conversation.isPresent() && !stray ? conversation.get() % 3 : channel;
    }
  }

  record SetState(int conversation, ConversationState state, boolean stale, int advanceSeconds) implements Step {}

  /** Read the next page of the paging in progress for {@code party} (starting one if none is). */
  record NextPage(int party, int limit) implements Step {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> record = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, 2), Arbitraries.of(Direction.class),
        Arbitraries.integers().between(0, 3).optional(0.8), Arbitraries.of(false, false, false, false, true),
        Arbitraries.of(0, 0, 5, 10, 60, 3_600, 86_400), Arbitraries.integers().between(0, 20))
        .as(Record::new);
    Arbitrary<Step> setState = Combinators.combine(Arbitraries.integers().between(0, 4),
        Arbitraries.of(ConversationState.class), Arbitraries.of(false, false, false, true),
        Arbitraries.integers().between(0, 20))
        .as(SetState::new);
    Arbitrary<Step> nextPage = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(1, 4)).as(NextPage::new);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, record), net.jqwik.api.Tuple.of(3, setState), net.jqwik.api.Tuple.of(3, nextPage))
        .list().ofMinSize(5).ofMaxSize(80);
  }

  @Property(tries = 300)
  void theTimelineAgreesWithAModel(@ForAll("steps") List<Step> steps) {
    MutableClock clock = new MutableClock(START);
    AtomicInteger ids = new AtomicInteger();
    // ids whose order differs from the order of recording, so that ties on occurredAt are not settled by luck
    Crm crm = Crm.builder().clock(clock)
        .idGenerator(type -> type + "-" + Integer.toString((ids.incrementAndGet() * 7919) % 10_007, 36)).build();
    CrmTenant tenant = crm.tenant(TenantId.of("acme"), Actor.user("agent"));
    List<PartyId> parties = new ArrayList<>();
    for (String name : List.of("Ada", "Grace", "Hedy")) {
      parties.add(tenant.parties().create(PartyDraft.person(name).build()).id());
    }
    Model model = new Model();
    Map<Integer, Paging> pagings = new HashMap<>();

    for (Step step : steps) {
      if (step instanceof Record r) {
        clock.advance(Duration.ofSeconds(r.advanceSeconds()));
        PartyId party = parties.get(r.partyIndex());
        Channel channel = CHANNELS.get(r.channelIndex());
        InteractionDraft.Builder draft = (r.direction() == Direction.INBOUND
            ? InteractionDraft.inbound(party, channel, Purpose.SERVICE)
            : InteractionDraft.outbound(party, channel, Purpose.SERVICE))
            .occurredAt(clock.instant().minusSeconds(r.secondsAgo()));
        r.conversation().ifPresent(c -> draft.conversation("C-" + c));
        Optional<String> refusal = model.refusal(r, parties, CHANNELS);
        if (refusal.isPresent()) {
          assertThatThrownBy(() -> tenant.interactions().record(draft.build()))
              .isInstanceOf(ValidationException.class).hasMessageContaining(refusal.get());
          Statistics.label("step").collect("record refused");
        } else {
          Interaction recorded = tenant.interactions().record(draft.build());
          assertThat(recorded.kind()).isEqualTo(InteractionKind.CONTACT);
          assertThat(recorded.recordedAt()).isEqualTo(clock.instant());
          Optional<ConversationState> stateBefore = recorded.conversation()
              .map(model.conversations::get).map(Conversation::state);
          model.record(recorded, clock.instant());
          boolean reopened = stateBefore.isPresent() && stateBefore.get() != ConversationState.OPEN
              && model.conversations.get(recorded.conversation().get()).state() == ConversationState.OPEN;
          Statistics.label("step").collect(reopened ? "record reopened" : "recorded");
        }
      } else if (step instanceof SetState s) {
        clock.advance(Duration.ofSeconds(s.advanceSeconds()));
        ConversationId id = ConversationId.of("C-" + s.conversation());
        Conversation expected = model.conversations.get(id);
        if (expected == null) {
          assertThatThrownBy(() -> tenant.interactions().setConversationState(id, 1, s.state()))
              .isInstanceOf(NotFoundException.class);
          Statistics.label("step").collect("state of unknown conversation");
        } else if (s.stale()) {
          assertThatThrownBy(() -> tenant.interactions().setConversationState(id, expected.version() + 1, s.state()))
              .isInstanceOf(VersionConflictException.class);
          Statistics.label("step").collect("stale state change");
        } else {
          Conversation changed = tenant.interactions().setConversationState(id, expected.version(), s.state());
          model.setState(id, s.state(), clock.instant());
          assertThat(changed).isEqualTo(model.conversations.get(id));
          Statistics.label("step").collect("state set");
        }
      } else if (step instanceof NextPage p) {
        Paging paging = pagings.computeIfAbsent(p.party(),
            k -> new Paging(new HashSet<>(model.timeline(parties.get(k))), PageRequest.first(p.limit())));
        Page<Interaction> page = tenant.interactions().timeline(parties.get(p.party()),
            new PageRequest(p.limit(), paging.next.cursor()));
        assertThat(page.items().size()).isLessThanOrEqualTo(p.limit());
        paging.read.addAll(page.items());
        Optional<PageRequest> next = paging.next.next(page);
        if (next.isEmpty()) {
          paging.check(parties.get(p.party()));
          pagings.remove(p.party());
          Statistics.label("step").collect("paging finished");
        } else {
          paging.next = next.get();
        }
      }
      model.check(tenant, parties);
    }
    // finish every paging still in progress
    for (Map.Entry<Integer, Paging> open : pagings.entrySet()) {
      Paging paging = open.getValue();
      PartyId party = parties.get(open.getKey());
      Optional<PageRequest> request = Optional.of(paging.next);
      while (request.isPresent()) {
        Page<Interaction> page = tenant.interactions().timeline(party, request.get());
        paging.read.addAll(page.items());
        request = request.get().next(page);
      }
      paging.check(party);
    }
  }

  /** A paging of one party's timeline: what existed when it began, and what it has read so far. */
  static final class Paging {
    final Set<Interaction> existing;
    final List<Interaction> read = new ArrayList<>();
    PageRequest next;

    Paging(Set<Interaction> existing, PageRequest first) {
      this.existing = existing;
      this.next = first;
    }

    void check(PartyId party) {
      assertThat(read).as("no interaction twice").doesNotHaveDuplicates();
      assertThat(read).as("newest first across pages").isSortedAccordingTo(POSITION.reversed());
      assertThat(read).as("every interaction that existed when the paging began").containsAll(existing);
      assertThat(read).allSatisfy(i -> assertThat(i.party()).isEqualTo(party));
    }
  }

  /** What the timeline should hold, computed the simplest way. */
  static final class Model {
    final List<Interaction> interactions = new ArrayList<>();
    final Map<ConversationId, Conversation> conversations = new LinkedHashMap<>();

    /** Why the library must refuse {@code r}, as a word of the message, or empty if it must accept it. */
    Optional<String> refusal(Record r, List<PartyId> parties, List<Channel> channels) {
      if (r.conversation().isEmpty()) {
        return Optional.empty();
      }
      Conversation c = conversations.get(ConversationId.of("C-" + r.conversation().get()));
      if (c == null) {
        return Optional.empty();
      }
      if (!c.party().equals(parties.get(r.partyIndex()))) {
        return Optional.of("another party");
      }
      if (c.channel() != channels.get(r.channelIndex())) {
        return Optional.of("is a conversation on " + c.channel());
      }
      return Optional.empty();
    }

    void record(Interaction i, Instant now) {
      interactions.add(i);
      if (i.conversation().isEmpty()) {
        return;
      }
      ConversationId id = i.conversation().get();
      Conversation before = conversations.get(id);
      List<Interaction> of = interactions.stream().filter(x -> x.conversation().equals(i.conversation())).toList();
      Instant opened = of.stream().map(Interaction::occurredAt).min(Comparator.naturalOrder()).orElseThrow();
      Optional<Instant> firstIn = of.stream().filter(x -> x.direction() == Direction.INBOUND)
          .map(Interaction::occurredAt).min(Comparator.naturalOrder());
      Optional<Instant> lastIn = of.stream().filter(x -> x.direction() == Direction.INBOUND)
          .map(Interaction::occurredAt).max(Comparator.naturalOrder());
      Optional<Instant> lastOut = of.stream().filter(x -> x.direction() == Direction.OUTBOUND)
          .map(Interaction::occurredAt).max(Comparator.naturalOrder());
      // the first reply: the earliest outbound at or after the first inbound, however the interactions arrived
      Optional<Instant> firstReply = firstIn.flatMap(in -> of.stream()
          .filter(x -> x.direction() == Direction.OUTBOUND && !x.occurredAt().isBefore(in))
          .map(Interaction::occurredAt).min(Comparator.naturalOrder()));
      Optional<java.time.Duration> replyTime = firstReply.map(r -> java.time.Duration.between(firstIn.get(), r));
      ConversationState state = before == null ? ConversationState.OPEN : before.state();
      Instant changedAt = before == null ? i.occurredAt() : before.stateChangedAt();
      if (before != null && i.direction() == Direction.INBOUND && state != ConversationState.OPEN
          && i.occurredAt().isAfter(changedAt)) {
        state = ConversationState.OPEN;
        changedAt = i.occurredAt();
      }
      conversations.put(id, new Conversation(i.tenantId(), id, i.party(), i.channel(), state, opened, changedAt,
          firstIn, lastIn, lastOut, firstReply, replyTime, of.size(), before == null ? 1 : before.version() + 1,
          before == null ? now : before.createdAt(), now));
    }

    void setState(ConversationId id, ConversationState state, Instant now) {
      Conversation c = conversations.get(id);
      if (c.state() == state) {
        return;
      }
      conversations.put(id, new Conversation(c.tenantId(), id, c.party(), c.channel(), state, c.openedAt(), now,
          c.firstInboundAt(), c.lastInboundAt(), c.lastOutboundAt(), c.firstReplyAt(), c.firstReplyBusinessTime(),
          c.interactionCount(), c.version() + 1,
          c.createdAt(), now));
    }

    List<Interaction> timeline(PartyId party) {
      return interactions.stream().filter(i -> i.party().equals(party)).sorted(POSITION.reversed()).toList();
    }

    void check(CrmTenant tenant, List<PartyId> parties) {
      for (PartyId party : parties) {
        assertThat(tenant.interactions().timeline(party, PageRequest.first(PageRequest.MAX_LIMIT)).items())
            .isEqualTo(timeline(party));
        Map<Channel, Interaction> last = new EnumMap<>(Channel.class);
        for (Interaction i : interactions) {
          if (i.party().equals(party)) {
            last.merge(i.channel(), i, (a, b) -> POSITION.compare(a, b) >= 0 ? a : b);
          }
        }
        assertThat(tenant.interactions().lastContacts(party)).containsExactlyEntriesOf(last);
      }
      for (Conversation expected : conversations.values()) {
        assertThat(tenant.interactions().conversation(expected.id())).isEqualTo(expected);
        assertThat(tenant.interactions().conversationTimeline(expected.id(), PageRequest.first(PageRequest.MAX_LIMIT))
            .items()).isEqualTo(interactions.stream().filter(i -> i.conversation().equals(Optional.of(expected.id())))
            .sorted(POSITION).toList());
      }
    }
  }
}
