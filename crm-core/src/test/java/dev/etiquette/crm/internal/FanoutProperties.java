package dev.etiquette.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.notification.Stakeholder;
import dev.etiquette.crm.api.notification.Subscription;
import dev.etiquette.crm.api.notification.Subscription.Audience;
import dev.etiquette.crm.api.notification.Subscription.Cadence;
import dev.etiquette.crm.api.notification.Subscription.Scope;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.RuleRef;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The laws of the fan-out from a notification to its deliveries, and of digest periods:
 * <ul>
 *   <li>a digest period holds its instant, starts and ends at 08:00 local (weekly: on Mondays), and the periods
 *       of one recipient tile time: each ends where the next begins;</li>
 *   <li>each (stakeholder, channel, cadence) gets at most one delivery, with a distinct key;</li>
 *   <li>whoever receives a delivery is matched by a subscription of its channel and cadence;</li>
 *   <li>a stakeholder of an {@code ALL} subscription's audience always receives;</li>
 *   <li>adding a subscription never takes a delivery away.</li>
 * </ul>
 */
class FanoutProperties {

  static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Paris"), ZoneId.of("America/Los_Angeles"),
      ZoneId.of("Pacific/Auckland"), ZoneId.of("Asia/Kolkata"), ZoneId.of("UTC"), ZoneId.of("America/Havana"));
  static final List<String> ROLES = List.of("manager", "executive", "agent");
  static final List<String> TEAMS = List.of("support", "sales");
  static final List<String> CHANNELS = List.of("email", "webhook", "sms");

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(Instant.parse("2025-01-01T00:00:00Z").getEpochSecond(),
        Instant.parse("2028-12-31T00:00:00Z").getEpochSecond()).map(Instant::ofEpochSecond);
  }

  @Property(tries = 500)
  void aDigestPeriodHoldsItsInstantStartsAndEndsAtEightAndPeriodsTile(@ForAll("instants") Instant now,
      @ForAll("zones") ZoneId zone, @ForAll("digestCadences") Cadence cadence) {
    Stakeholder person = Stakeholder.internal("p", "P").withZone(zone);
    Delivery.Digest digest = Fanout.digestAround(cadence, person, now);

    assertThat(digest.from()).isBeforeOrEqualTo(now);
    assertThat(digest.to()).isAfter(now);
    for (Instant edge : List.of(digest.from(), digest.to())) {
      ZonedDateTime local = edge.atZone(zone);
      // 08:00 local, or the first instant after 08:00 when the clocks skip it
      assertThat(local.toLocalTime()).isBetween(Fanout.DIGEST_TIME, Fanout.DIGEST_TIME.plusHours(1));
      if (!local.toLocalTime().equals(Fanout.DIGEST_TIME)) {
        assertThat(zone.getRules().getValidOffsets(local.toLocalDate().atTime(Fanout.DIGEST_TIME))).isEmpty();
      }
      if (cadence == Cadence.WEEKLY) {
        assertThat(local.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
      }
    }
    assertThat(Fanout.digestAround(cadence, person, digest.to()).from()).isEqualTo(digest.to());
    assertThat(Fanout.digestAround(cadence, person, digest.from()).to()).isEqualTo(digest.to());
  }

  @Example
  void aDailyPeriodAcrossTheSpringChangeInParisLasts23Hours() {
    Stakeholder maria = Stakeholder.internal("maria", "Maria").withZone(ZoneId.of("Europe/Paris"));
    assertThat(Fanout.digestAround(Cadence.DAILY, maria, Instant.parse("2026-03-28T12:00:00Z"))).isEqualTo(
        new Delivery.Digest(Cadence.DAILY, Instant.parse("2026-03-28T07:00:00Z"),
            Instant.parse("2026-03-29T06:00:00Z")));
    assertThat(Fanout.digestAround(Cadence.WEEKLY, maria, Instant.parse("2026-03-29T12:00:00Z"))).isEqualTo(
        new Delivery.Digest(Cadence.WEEKLY, Instant.parse("2026-03-23T07:00:00Z"),
            Instant.parse("2026-03-30T06:00:00Z")));
  }

  record World(Notification notification, List<Stakeholder> people, List<Subscription> subscriptions,
      Set<PartyId> related, Subscription extra) {}

  @Property(tries = 500)
  void deliveriesAreUniqueJustifiedCompleteForAllAndMonotonic(@ForAll("worlds") World w) {
    Instant now = w.notification().createdAt();
    List<Fanout.Planned> planned = Fanout.plan(w.notification(), w.people(), w.subscriptions(), w::related, now);

    Set<String> keys = new HashSet<>();
    Set<List<Object>> targets = new HashSet<>();
    for (Fanout.Planned p : planned) {
      Delivery d = p.delivery();
      assertThat(keys.add(d.key())).as("distinct keys").isTrue();
      Cadence cadence = d.digest().map(Delivery.Digest::cadence).orElse(Cadence.IMMEDIATE);
      assertThat(targets.add(List.of(d.recipient().id(), d.channel(), cadence))).isTrue();
      assertThat(p.held()).isEqualTo(cadence != Cadence.IMMEDIATE);
      assertThat(p.dueAt()).isEqualTo(p.held() ? d.digest().orElseThrow().to() : now);
      assertThat(d.notifications()).containsExactly(w.notification());
      assertThat(w.subscriptions()).as("some subscription justifies %s", d.key()).anySatisfy(s -> {
        assertThat(s.kinds()).contains(w.notification().kind());
        assertThat(s.channel()).isEqualTo(d.channel());
        assertThat(s.cadence()).isEqualTo(cadence);
        assertThat(justified(s, d.recipient(), w)).isTrue();
      });
    }
    for (Subscription s : w.subscriptions()) {
      if (s.scope() == Scope.ALL && s.kinds().contains(w.notification().kind())) {
        for (Stakeholder person : w.people()) {
          if (s.audience().includes(person)) {
            assertThat(targets).contains(List.of(person.id(), s.channel(), s.cadence()));
          }
        }
      }
    }
    List<Subscription> more = new ArrayList<>(w.subscriptions());
    more.add(w.extra());
    Set<String> after = new HashSet<>();
    Fanout.plan(w.notification(), w.people(), more, w::related, now).forEach(p -> after.add(p.delivery().key()));
    assertThat(after).containsAll(keys);
  }

  private static boolean justified(Subscription s, Stakeholder person, World w) {
    Notification n = w.notification();
    return switch (s.scope()) {
      case ALL -> s.audience().includes(person);
      case ADDRESSED -> person.answersTo(n.recipient()) && s.audience().includes(person)
          || person.equals(Stakeholder.standIn(n.recipient()))
              && w.people().stream().noneMatch(p -> p.answersTo(n.recipient()))
              && s.audience() instanceof Audience.Everyone;
      case RELATED -> s.audience().includes(person) && person.party().isPresent() && n.party().isPresent()
          && (person.party().equals(n.party()) || w.related().contains(person.party().get()));
    };
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(ZONES);
  }

  @Provide
  Arbitrary<Cadence> digestCadences() {
    return Arbitraries.of(Cadence.DAILY, Cadence.WEEKLY);
  }

  @Provide
  Arbitrary<World> worlds() {
    Arbitrary<Stakeholder> people = Combinators.combine(Arbitraries.integers().between(0, 5),
        Arbitraries.subsetOf(ROLES), Arbitraries.subsetOf(TEAMS), Arbitraries.of(ZONES),
        Arbitraries.integers().between(0, 4)).as((i, roles, teams, zone, party) -> {
          Stakeholder base = party == 0 ? Stakeholder.internal("u" + i, "U" + i)
              : Stakeholder.external("u" + i, "U" + i, PartyId.of("party-" + party));
          return base.withRoles(roles.toArray(String[]::new)).withTeams(teams.toArray(String[]::new))
              .withZone(zone);
        });
    Arbitrary<List<Stakeholder>> directories = people.list().ofMaxSize(6).uniqueElements(Stakeholder::id);
    Arbitrary<Audience> audiences = Arbitraries.oneOf(Arbitraries.just(Audience.everyone()),
        Arbitraries.of(ROLES).map(Audience::role), Arbitraries.integers().between(0, 5).map(i -> Audience.person(
            "u" + i)));
    Arbitrary<Subscription> subscriptions = Combinators.combine(audiences,
        Arbitraries.subsetOf(NotificationKind.values()).ofMinSize(1), Arbitraries.of(CHANNELS),
        Arbitraries.of(Cadence.class), Arbitraries.of(Scope.class)).as(Subscription::new);
    Arbitrary<AssignedTo> addressees = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 7).map(i -> AssignedTo.owner("u" + i)),
        Arbitraries.of(TEAMS).map(AssignedTo::team), Arbitraries.of(ROLES).map(AssignedTo::role),
        Arbitraries.just(AssignedTo.role("nobody")));
    Arbitrary<Notification> notifications = Combinators.combine(Arbitraries.of(NotificationKind.values()),
        addressees, Arbitraries.integers().between(1, 4), instants()).as((kind, to, party, at) ->
            Notification.ofObligation(TenantId.of("acme"), "o-1:" + kind, kind, ObligationId.of("o-1"),
                PartyId.of("party-" + party), new RuleRef("desk", 1, "first"), to, at, at, "message"));
    Arbitrary<Set<PartyId>> related = Arbitraries.integers().between(1, 4).map(i -> PartyId.of("party-" + i)).set()
        .ofMaxSize(3);
    return Combinators.combine(notifications, directories, subscriptions.list().ofMaxSize(5), related,
        subscriptions).as(World::new);
  }

  @Example
  void aKindNoSubscriptionNamesHasNoDelivery() {
    Notification n = Notification.ofObligation(TenantId.of("acme"), "o-1:warning", NotificationKind.OBLIGATION_WARNING,
        ObligationId.of("o-1"), PartyId.of("party-1"), new RuleRef("desk", 1, "first"), AssignedTo.owner("u1"),
        Instant.EPOCH, Instant.EPOCH, "m");
    Subscription breaches = new Subscription(Audience.everyone(), Set.of(NotificationKind.OBLIGATION_BREACHED),
        "email", Cadence.IMMEDIATE, Scope.ALL);
    assertThat(Fanout.plan(n, List.of(Stakeholder.internal("u1", "U1")), List.of(breaches), Set::of, Instant.EPOCH))
        .isEmpty();
    assertThat(LocalTime.of(8, 0)).isEqualTo(Fanout.DIGEST_TIME);
  }
}
