package dev.etiquette.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactReceipt;
import dev.etiquette.crm.api.contact.ContactRequest;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.Preferences;
import dev.etiquette.crm.api.party.QuietWindow;
import dev.etiquette.crm.api.rules.CapWindow;
import dev.etiquette.crm.api.rules.ConsentRegime;
import dev.etiquette.crm.api.rules.ContactRules;
import dev.etiquette.crm.api.rules.FrequencyCap;
import dev.etiquette.crm.api.rules.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The laws of contact decisions, over generated rules (caps with rolling and calendar-day windows, quiet hours
 * across midnight, regimes, consent with validity periods), customers in zones with DST changes, and ledgers built
 * by reservations at random instants (some for later send times), some released:
 * <ul>
 *   <li>in any window the ledger never holds more counted contacts than the cap;</li>
 *   <li>the next allowed instant, when given, is allowed, and no earlier instant at or after the request is.</li>
 * </ul>
 */
class ContactProperties {

  static final Instant START = Instant.parse("2026-03-06T00:00:00Z");
  static final List<ZoneId> ZONES = List.of(ZoneId.of("America/Los_Angeles"), ZoneId.of("Asia/Tokyo"),
      ZoneId.of("Pacific/Auckland"), ZoneId.of("Europe/Berlin"), ZoneId.of("UTC"));

  /** One reservation, released afterwards or not. */
  record Step(long offsetSeconds, Channel channel, Purpose purpose, boolean release) {}

  record World(ContactRules rules, ZoneId zone, Optional<QuietWindow> ownQuiet, boolean consentExpires,
      List<Step> steps) {}

  @Provide
  Arbitrary<World> worlds() {
    Arbitrary<CapWindow> windows = Arbitraries.oneOf(
        Arbitraries.longs().between(1, 72).map(h -> CapWindow.rolling(Duration.ofHours(h))),
        Arbitraries.integers().between(1, 3).map(CapWindow::calendarDays));
    Arbitrary<FrequencyCap> caps = Combinators.combine(Arbitraries.of(Purpose.MARKETING, Purpose.SALES),
            Arbitraries.of(Channel.EMAIL, Channel.SMS).optional(0.3), Arbitraries.integers().between(1, 4), windows)
        .as((purpose, channel, max, window) -> new FrequencyCap("c", purpose, channel, max, window));
    Arbitrary<QuietWindow> quiet = Combinators.combine(Arbitraries.integers().between(0, 23),
            Arbitraries.integers().between(1, 12))
        .as((start, hours) -> QuietWindow.of(LocalTime.of(start, 0), LocalTime.of((start + hours) % 24, 30)));
    Arbitrary<ContactRules> rules = Combinators.combine(Arbitraries.of(ConsentRegime.class),
            caps.list().ofMinSize(1).ofMaxSize(3), quiet.optional(0.6))
        .as((regime, capList, defaultQuiet) -> {
          ContactRules.Builder b = ContactRules.builder(regime);
          for (int i = 0; i < capList.size(); i++) {
            FrequencyCap c = capList.get(i);
            b.cap(new FrequencyCap("cap-" + i, c.purpose(), c.channel(), c.max(), c.window()));
          }
          defaultQuiet.ifPresent(q -> b.quietHours(Channel.SMS, q).quietHours(Channel.EMAIL, q));
          return b.build();
        });
    Arbitrary<Step> steps = Combinators.combine(Arbitraries.longs().between(0, 86_400L * 6),
            Arbitraries.of(Channel.EMAIL, Channel.SMS), Arbitraries.of(Purpose.MARKETING, Purpose.SALES,
                Purpose.TRANSACTIONAL), Arbitraries.of(false, false, false, true))
        .as(Step::new);
    return Combinators.combine(rules, Arbitraries.of(ZONES), quiet.optional(0.3), Arbitraries.of(true, false),
        steps.list().ofMaxSize(40)).as(World::new);
  }

  /** A tenant on a clock at {@link #START} with the world's rules and one customer; returns the customer. */
  private Party setUp(CrmTenant tenant, World world) {
    tenant.rules().publish(RuleSet.builder("laws", 1, START.minus(Duration.ofDays(30))).contact(world.rules())
        .build());
    Preferences preferences = Preferences.none().withTimeZone(world.zone());
    if (world.ownQuiet().isPresent()) {
      preferences = preferences.withQuietHours(Channel.SMS, world.ownQuiet().get());
    }
    PartyDraft.Builder draft = PartyDraft.person("Ada").preferences(preferences);
    for (Channel channel : List.of(Channel.EMAIL, Channel.SMS)) {
      for (Purpose purpose : List.of(Purpose.MARKETING, Purpose.SALES)) {
        ConsentDraft consent = ConsentDraft.optIn(channel, purpose, "form").capturedAt(START.minusSeconds(3600));
        draft.consent(world.consentExpires()
            ? consent.effective(START.minus(Duration.ofDays(1)), START.plus(Duration.ofDays(4))) : consent);
      }
    }
    return tenant.parties().create(draft.build());
  }

  private static CrmTenant tenant(MutableClock clock) {
    return Crm.builder().clock(clock).build().tenant(TenantId.of("laws"), Actor.user("sender"));
  }

  private static List<ContactEntry> play(CrmTenant tenant, Party party, List<Step> steps) {
    List<ContactEntry> entries = new ArrayList<>();
    for (Step step : steps) {
      ContactEntry entry = tenant.contacts().reserve(ContactRequest.of(party.id(), step.channel(), step.purpose(),
          START.plusSeconds(step.offsetSeconds())));
      if (step.release() && entry.status() == ContactStatus.RESERVED) {
        entry = tenant.contacts().release(entry.id());
      }
      entries.add(entry);
    }
    return entries;
  }

  @Property(tries = 300)
  void noWindowEverHoldsMoreCountedContactsThanItsCap(@ForAll("worlds") World world) {
    MutableClock clock = new MutableClock(START);
    CrmTenant tenant = tenant(clock);
    Party ada = setUp(tenant, world);
    play(tenant, ada, world.steps());
    List<ContactEntry> ledger = tenant.contacts().ofParty(ada.id(), START.minusSeconds(1),
        START.plus(Duration.ofDays(8)), PageRequest.first(PageRequest.MAX_LIMIT)).items();
    assertThat(ledger).hasSize(world.steps().size());
    Statistics.collect(ledger.stream().filter(e -> e.status() == ContactStatus.DENIED).count() > 0 ? "some denied"
        : "none denied");
    for (FrequencyCap cap : world.rules().caps()) {
      List<Instant> counted = ledger.stream().filter(ContactEntry::counted)
          .filter(e -> cap.counts(e.channel(), e.purpose())).map(ContactEntry::at).toList();
      if (cap.window() instanceof CapWindow.Rolling rolling) {
        for (Instant end : counted) {
          long inWindow = counted.stream().filter(t -> t.isAfter(end.minus(rolling.length())) && !t.isAfter(end))
              .count();
          assertThat(inWindow).as("%s in the window ending at %s", cap, end).isLessThanOrEqualTo(cap.max());
        }
      } else {
        int days = ((CapWindow.CalendarDays) cap.window()).days();
        for (Instant at : counted) {
          LocalDate last = at.atZone(world.zone()).toLocalDate();
          for (int shift = 0; shift < days; shift++) {
            LocalDate end = last.plusDays(shift);
            LocalDate first = end.minusDays(days - 1L);
            long inWindow = counted.stream().map(t -> t.atZone(world.zone()).toLocalDate())
                .filter(d -> !d.isBefore(first) && !d.isAfter(end)).count();
            assertThat(inWindow).as("%s on %s..%s", cap, first, end).isLessThanOrEqualTo(cap.max());
          }
        }
      }
    }
  }

  @Property(tries = 300)
  void theNextAllowedInstantIsAllowedAndNoEarlierOneIs(@ForAll("worlds") World world,
      @ForAll("askedAt") long askedAt, @ForAll("probes") List<Double> probes) {
    MutableClock clock = new MutableClock(START);
    CrmTenant tenant = tenant(clock);
    Party ada = setUp(tenant, world);
    play(tenant, ada, world.steps());
    Step last = world.steps().isEmpty() ? new Step(0, Channel.SMS, Purpose.MARKETING, false)
        : world.steps().get(world.steps().size() - 1);
    ContactRequest request = ContactRequest.of(ada.id(), last.channel(), last.purpose(), START.plusSeconds(askedAt));
    ContactReceipt receipt = tenant.contacts().decide(request);
    Statistics.collect(receipt.allowed() ? "allowed" : receipt.nextAllowedAt().isPresent() ? "denied until"
        : "denied for good");
    if (receipt.nextAllowedAt().isEmpty()) {
      return;
    }
    Instant next = receipt.nextAllowedAt().get();
    assertThat(next).isAfter(request.at());
    assertThat(tenant.contacts().decide(request.at(next)).allowed()).as("allowed at %s", next).isTrue();
    List<Instant> earlier = new ArrayList<>(List.of(request.at(), next.minusNanos(1_000)));
    long span = Duration.between(request.at(), next).toNanos() / 1_000;
    for (double probe : probes) {
      earlier.add(request.at().plusNanos((long) (probe * span) * 1_000));
    }
    for (Instant t : earlier) {
      if (!t.isBefore(request.at()) && t.isBefore(next)) {
        assertThat(tenant.contacts().decide(request.at(t)).allowed()).as("denied at %s, before %s", t, next)
            .isFalse();
      }
    }
  }

  @Provide
  Arbitrary<Long> askedAt() {
    return Arbitraries.longs().between(0, 86_400L * 7);
  }

  @Provide
  Arbitrary<List<Double>> probes() {
    return Arbitraries.doubles().between(0, 1).list().ofSize(20);
  }
}
