package dev.etiquette.crm;

import static dev.etiquette.crm.api.notification.NotificationKind.CONTACT_DENIED;
import static dev.etiquette.crm.api.notification.NotificationKind.OBLIGATION_BREACHED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.NotFoundException;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.DeliveryException;
import dev.etiquette.crm.api.notification.DeliveryStatus;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.notification.OutboxEntry;
import dev.etiquette.crm.api.notification.OutboxStats;
import dev.etiquette.crm.api.notification.Stakeholder;
import dev.etiquette.crm.api.notification.Subscription;
import dev.etiquette.crm.api.notification.Subscription.Audience;
import dev.etiquette.crm.api.notification.Subscription.Cadence;
import dev.etiquette.crm.api.notification.Subscription.Scope;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.RelationshipDraft;
import dev.etiquette.crm.api.party.RelationshipType;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.rules.ResponseRule;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.spi.NotificationPort;
import dev.etiquette.crm.api.spi.StakeholderDirectory;
import dev.etiquette.crm.internal.InMemoryStorage;
import dev.etiquette.crm.notify.RelayPolicy;
import dev.etiquette.crm.notify.RelayRun;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Communication through the public API on the in-memory storage: who receives which notification on which
 * channel, digests in the recipient's zone across a DST change, retries with backoff, per-recipient order, dead
 * letters and requeues, refused contacts, and claims taken over after their lease. Europe/Paris changes to summer
 * time on Sunday 29 March 2026 (CET, UTC+1, before; CEST, UTC+2, after).
 */
class CommunicationTest {

  static final TenantId ACME = TenantId.of("acme");
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final Instant START = Instant.parse("2026-03-28T09:00:00Z"); // Saturday 10:00 CET

  static final Stakeholder BOB = Stakeholder.internal("bob", "Bob").withTeams("support");
  static final Stakeholder MARIA = Stakeholder.internal("maria", "Maria").withRoles("manager").withZone(PARIS);
  static final Subscription ADDRESSED = Subscription.addressed(Subscription.obligationKinds(), "email",
      Cadence.IMMEDIATE);
  static final Subscription MANAGER_NOW = new Subscription(Audience.role("manager"), Set.of(OBLIGATION_BREACHED),
      "webhook", Cadence.IMMEDIATE, Scope.ALL);
  static final Subscription MANAGER_DAILY = new Subscription(Audience.role("manager"), Set.of(OBLIGATION_BREACHED),
      "email", Cadence.DAILY, Scope.ALL);

  /** A port that records deliveries, and fails those of a stakeholder as often as told. */
  static final class ScriptedPort implements NotificationPort {
    final List<Delivery> delivered = new CopyOnWriteArrayList<>();
    final List<String> attempts = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    volatile boolean rejectForGood;

    @Override
    public void deliver(Delivery delivery) {
      attempts.add(delivery.key());
      if (rejectForGood) {
        throw new DeliveryException("test receiver", 400, "HTTP 400: bad request", false, null);
      }
      AtomicInteger left = failures.get(delivery.recipient().id());
      if (left != null && left.getAndDecrement() > 0) {
        throw new IllegalStateException("receiver down");
      }
      delivered.add(delivery);
    }

    List<String> keys() {
      return delivered.stream().map(Delivery::key).toList();
    }
  }

  /** A directory the test can add people to once their parties exist. */
  static final class People implements StakeholderDirectory {
    volatile List<Stakeholder> people;
    final List<Subscription> subscriptions;

    People(List<Stakeholder> people, List<Subscription> subscriptions) {
      this.people = List.copyOf(people);
      this.subscriptions = List.copyOf(subscriptions);
    }

    @Override
    public List<Stakeholder> stakeholders(TenantId tenant) {
      return people;
    }

    @Override
    public List<Subscription> subscriptions(TenantId tenant) {
      return subscriptions;
    }
  }

  MutableClock clock = new MutableClock(START);
  ScriptedPort port = new ScriptedPort();
  InMemoryStorage storage;
  People directory;
  Crm crm;
  CrmTenant acme;
  Party ada;
  Party partner;

  void build(List<Stakeholder> people, List<Subscription> subscriptions, RelayPolicy.Builder policy) {
    AtomicInteger ids = new AtomicInteger();
    storage = new InMemoryStorage();
    directory = new People(people, subscriptions);
    crm = Crm.builder().clock(clock).idGenerator(type -> type + "-" + ids.incrementAndGet())
        .storage(storage).notifications(port).stakeholders(directory)
        .relay(policy.jitter(new SplittableRandom(7)).relayId("relay-a").build()).build();
    acme = crm.tenant(ACME, Actor.user("alice"));
    acme.rules().publish(RuleSet.builder("desk", 1, Instant.parse("2026-01-01T00:00:00Z"))
        .rule(ResponseRule.firstResponse("first").within(Duration.ofHours(1)).calendar(CalendarChoice.elapsed())
            .assignee(Assignee.owner("support-queue")).build())
        .build());
    ada = acme.parties().create(PartyDraft.person("Ada").roles(Role.CUSTOMER).owner("bob").build());
    partner = acme.parties().create(PartyDraft.organization("Partner Ltd").roles(Role.PARTNER).build());
    acme.relationships().create(RelationshipDraft.of(partner.id(), RelationshipType.PARTNER_OF, ada.id()));
  }

  void build(List<Stakeholder> people, List<Subscription> subscriptions) {
    build(people, subscriptions, RelayPolicy.builder());
  }

  /** An inbound e-mail at {@code at}, answered by nobody: its first-response obligation breaches one hour later. */
  String breachAt(Instant at) {
    clock.set(at);
    acme.interactions().record(InteractionDraft.inbound(ada.id(), Channel.EMAIL, Purpose.SERVICE)
        .conversation("c-" + at.getEpochSecond()).occurredAt(at).build());
    clock.set(at.plus(Duration.ofHours(1)));
    crm.processDue();
    return acme.obligations().search(dev.etiquette.crm.api.obligation.ObligationQuery.all(), PageRequest.first(100))
        .items().stream().filter(o -> o.dueAt().equals(at.plus(Duration.ofHours(1)))).findFirst()
        .orElseThrow(() -> new AssertionError("no obligation due at " + at.plus(Duration.ofHours(1)) + " in "
            + acme.obligations().search(dev.etiquette.crm.api.obligation.ObligationQuery.all(),
                PageRequest.first(100)).items()))
        .id().value();
  }

  @Test
  void aBreachReachesItsAddresseeTheManagerAndTheRelatedPartnerEachOnItsOwnChannel() {
    build(List.of(BOB, MARIA), List.of(ADDRESSED, MANAGER_NOW, new Subscription(Audience.everyone(),
        Set.of(OBLIGATION_BREACHED), "partner", Cadence.IMMEDIATE, Scope.RELATED)));
    Party stranger = acme.parties().create(PartyDraft.organization("Stranger").build());
    directory.people = List.of(BOB, MARIA, Stakeholder.external("carla", "Carla", partner.id()),
        Stakeholder.external("sam", "Sam", stranger.id()));

    String obligation = breachAt(START);

    // carla speaks for the partner of Ada's account; sam's organization has no relationship with Ada
    assertThat(port.keys()).containsExactly(obligation + ":breach/bob/email", obligation + ":breach/maria/webhook",
        obligation + ":breach/carla/partner");
    assertThat(port.delivered).allSatisfy(d -> {
      assertThat(d.notification().kind()).isEqualTo(OBLIGATION_BREACHED);
      assertThat(d.isDigest()).isFalse();
      assertThat(d.tenantId()).isEqualTo(ACME);
    });
    assertThat(acme.notifications().stats()).isEqualTo(new OutboxStats(0, 0, 0, 3, 0, 0));
    assertThat(acme.notifications().ofObligation(
        dev.etiquette.crm.api.obligation.ObligationId.of(obligation))).hasSize(1);
  }

  @Test
  void anAddresseeNoStakeholderAnswersToGetsItsStandInAndAnAudienceOtherThanEveryoneDoesNot() {
    build(List.of(MARIA), List.of(ADDRESSED,
        new Subscription(Audience.role("manager"), Set.of(OBLIGATION_BREACHED), "sms", Cadence.IMMEDIATE,
            Scope.ADDRESSED)));

    String obligation = breachAt(START);

    // bob is not in the directory: the stand-in "owner:bob" receives it; maria is not its addressee
    assertThat(port.keys()).containsExactly(obligation + ":breach/owner:bob/email");
    assertThat(port.delivered.get(0).recipient()).isEqualTo(Stakeholder.standIn(
        dev.etiquette.crm.api.obligation.AssignedTo.owner("bob")));
  }

  @Test
  void aDailyDigestIsHeldUntilEightInTheRecipientsZoneAcrossTheSpringChangeAndGathersEveryBreach() {
    build(List.of(BOB, MARIA), List.of(MANAGER_DAILY));
    String first = breachAt(START);                                      // breach at Sat 10:00Z
    String second = breachAt(Instant.parse("2026-03-28T15:00:00Z"));      // breach at Sat 16:00Z
    assertThat(port.delivered).isEmpty();
    assertThat(acme.notifications().stats().held()).isEqualTo(2);

    // Sunday 29 March 08:00 CEST is 06:00Z; the period began Saturday 08:00 CET, 07:00Z: 23 hours
    clock.set(Instant.parse("2026-03-29T05:59:59.999999Z"));
    assertThat(crm.relay().deliverDue()).isEqualTo(new RelayRun(0, 0, 0, 0, 0, 0));
    clock.set(Instant.parse("2026-03-29T06:00:00Z"));
    RelayRun run = crm.relay().deliverDue();

    assertThat(run).isEqualTo(new RelayRun(1, 1, 1, 0, 0, 0));
    Delivery digest = port.delivered.get(0);
    assertThat(digest.isDigest()).isTrue();
    assertThat(digest.recipient()).isEqualTo(MARIA);
    assertThat(digest.channel()).isEqualTo("email");
    assertThat(digest.digest().orElseThrow()).isEqualTo(new Delivery.Digest(Cadence.DAILY,
        Instant.parse("2026-03-28T07:00:00Z"), Instant.parse("2026-03-29T06:00:00Z")));
    assertThat(digest.notifications()).extracting(n -> n.obligation().orElseThrow().value())
        .containsExactly(first, second);
    assertThat(digest.key()).startsWith("digest/maria/email/daily/2026-03-29T06:00:00Z/");
    assertThat(acme.notifications().stats()).isEqualTo(new OutboxStats(0, 0, 0, 1, 0, 2));
    assertThat(crm.relay().deliverDue()).isEqualTo(new RelayRun(0, 0, 0, 0, 0, 0));
  }

  @Test
  void aFailedDeliveryIsRetriedAfterItsBackoffAndHoldsBackTheLaterOnesOfItsRecipientOnly() {
    build(List.of(BOB, MARIA), List.of(ADDRESSED, MANAGER_NOW),
        RelayPolicy.builder().firstRetryDelay(Duration.ofMinutes(1)).maxRetryDelay(Duration.ofMinutes(10)));
    port.failures.put("bob", new AtomicInteger(2));
    String first = breachAt(START);                              // breaches at START + 1 h; bob's send fails
    String second = breachAt(START.plus(Duration.ofSeconds(10))); // breaches 10 s later, before any retry
    String bobFirst = first + ":breach/bob/email";
    String bobSecond = second + ":breach/bob/email";

    OutboxEntry failed = acme.notifications().find(bobFirst).orElseThrow();
    Instant failedAt = START.plus(Duration.ofHours(1));
    assertThat(failed.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastError()).contains("IllegalStateException: receiver down");
    assertThat(failed.dueAt()).isBetween(failedAt.plusSeconds(30), failedAt.plusSeconds(60));
    // bob's second waits behind his first; maria's go out
    assertThat(acme.notifications().find(bobSecond).orElseThrow().status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(port.keys()).containsExactly(first + ":breach/maria/webhook", second + ":breach/maria/webhook");

    clock.set(failed.dueAt().minusNanos(1_000));
    assertThat(crm.relay().deliverDue().claimed()).isZero();

    clock.set(failed.dueAt()); // the second attempt fails too: bob's second, claimed with it, is given back unsent
    assertThat(crm.relay().deliverDue()).isEqualTo(new RelayRun(0, 2, 0, 1, 0, 0));
    OutboxEntry again = acme.notifications().find(bobFirst).orElseThrow();
    assertThat(again.attempts()).isEqualTo(2);
    assertThat(again.dueAt()).isBetween(failed.dueAt().plusSeconds(60), failed.dueAt().plusSeconds(120));
    OutboxEntry waiting = acme.notifications().find(bobSecond).orElseThrow();
    assertThat(waiting.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(waiting.attempts()).isZero();
    assertThat(port.attempts).filteredOn(k -> k.endsWith("/bob/email")).containsExactly(bobFirst, bobFirst);

    clock.set(again.dueAt());
    assertThat(crm.relay().deliverDue()).isEqualTo(new RelayRun(0, 2, 2, 0, 0, 0));
    assertThat(port.keys()).containsExactly(first + ":breach/maria/webhook", second + ":breach/maria/webhook",
        bobFirst, bobSecond);
    assertThat(acme.notifications().stats()).isEqualTo(new OutboxStats(0, 0, 0, 4, 0, 0));
  }

  @Test
  void afterItsLastAttemptADeliveryIsDeadUntilRequeuedAndANonRetryableFailureKillsItAtOnce() {
    build(List.of(BOB), List.of(ADDRESSED), RelayPolicy.builder().maxAttempts(3)
        .firstRetryDelay(Duration.ofMinutes(1)).maxRetryDelay(Duration.ofMinutes(4)));
    port.failures.put("bob", new AtomicInteger(100));
    String obligation = breachAt(START);
    String key = obligation + ":breach/bob/email";
    for (int i = 0; i < 5; i++) {
      clock.set(clock.instant().plus(Duration.ofMinutes(5)));
      crm.relay().deliverDue();
    }
    OutboxEntry dead = acme.notifications().find(key).orElseThrow();
    assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD);
    assertThat(dead.attempts()).isEqualTo(3);
    assertThat(port.attempts).containsExactly(key, key, key);
    assertThat(acme.notifications().deadLetters(PageRequest.first(10)).items()).extracting(OutboxEntry::key)
        .containsExactly(key);

    port.failures.clear();
    OutboxEntry requeued = acme.notifications().requeue(key);
    assertThat(requeued.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(requeued.attempts()).isZero();
    assertThat(crm.relay().deliverDue().delivered()).isEqualTo(1);
    assertThat(port.keys()).containsExactly(key);
    assertThatThrownBy(() -> acme.notifications().requeue(key)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("DELIVERED");
    assertThatThrownBy(() -> acme.notifications().requeue("no-such-key")).isInstanceOf(NotFoundException.class);

    port.rejectForGood = true;
    String next = breachAt(START.plus(Duration.ofHours(5)));
    OutboxEntry rejected = acme.notifications().find(next + ":breach/bob/email").orElseThrow();
    assertThat(rejected.status()).isEqualTo(DeliveryStatus.DEAD);
    assertThat(rejected.attempts()).isEqualTo(1);
    assertThat(rejected.lastError().orElseThrow()).contains("HTTP 400").contains("not retryable");
    port.rejectForGood = false;
    assertThat(acme.notifications().requeueDead()).isEqualTo(1);
    crm.relay().deliverDue();
    assertThat(acme.notifications().stats()).isEqualTo(new OutboxStats(0, 0, 0, 2, 0, 0));
  }

  @Test
  void aRefusedContactIsNotifiedOnlyToThoseWhoSubscribedToIt() {
    build(List.of(BOB), List.of(ADDRESSED));
    clock.set(START);
    assertThat(acme.contacts().reserve(ada.id(), Channel.EMAIL, Purpose.MARKETING).receipt().allowed()).isFalse();
    assertThat(port.delivered).isEmpty();
    assertThat(acme.notifications().stats()).isEqualTo(new OutboxStats(0, 0, 0, 0, 0, 0));

    build(List.of(BOB), List.of(new Subscription(Audience.everyone(), Set.of(CONTACT_DENIED), "email",
        Cadence.IMMEDIATE, Scope.ADDRESSED)));
    var entry = acme.contacts().reserve(ada.id(), Channel.EMAIL, Purpose.MARKETING);

    assertThat(port.keys()).containsExactly(entry.id().value() + ":denied/bob/email");
    var notification = port.delivered.get(0).notification();
    assertThat(notification.kind()).isEqualTo(NotificationKind.CONTACT_DENIED);
    assertThat(notification.contact()).contains(entry.id());
    assertThat(notification.party()).contains(ada.id());
    assertThat(notification.obligation()).isEmpty();
    assertThat(notification.recipient()).isEqualTo(dev.etiquette.crm.api.obligation.AssignedTo.owner("bob"));
    assertThat(notification.message()).contains("CONSENT").doesNotContain("Ada");
  }

  @Test
  void withoutDeliveryAfterCommitNothingGoesOutUntilTheRelayRuns() {
    build(List.of(BOB), List.of(ADDRESSED), RelayPolicy.builder().deliverAfterCommit(false));
    String obligation = breachAt(START);
    assertThat(port.delivered).isEmpty();
    assertThat(acme.notifications().list(DeliveryStatus.PENDING, PageRequest.first(10)).items())
        .extracting(OutboxEntry::key).containsExactly(obligation + ":breach/bob/email");
    assertThat(crm.relay().deliverDue()).isEqualTo(new RelayRun(0, 1, 1, 0, 0, 0));
    assertThat(port.keys()).containsExactly(obligation + ":breach/bob/email");
  }

  @Test
  void aClaimWhoseRelayDiedIsTakenOverOnceItsLeaseExpires() {
    build(List.of(BOB), List.of(ADDRESSED), RelayPolicy.builder().deliverAfterCommit(false)
        .lease(Duration.ofMinutes(2)));
    String obligation = breachAt(START);
    Instant now = clock.instant();
    // a relay that claims and then dies: its claim stands until its lease ends
    List<OutboxEntry> ghost = storage.write(tx -> tx.outbox().claim("ghost", now, now.plus(Duration.ofMinutes(2)),
        10));
    assertThat(ghost).hasSize(1);
    assertThat(crm.relay().deliverDue().claimed()).isZero();
    clock.set(now.plus(Duration.ofMinutes(2)).minusNanos(1_000));
    assertThat(crm.relay().deliverDue().claimed()).isZero();
    clock.set(now.plus(Duration.ofMinutes(2)));
    assertThat(crm.relay().deliverDue()).isEqualTo(new RelayRun(0, 1, 1, 0, 0, 0));
    assertThat(port.keys()).containsExactly(obligation + ":breach/bob/email");
    // the dead relay's late outcome changes nothing
    boolean recorded = storage.write(tx -> tx.outbox().failed(ACME, ghost.get(0).seq(), "ghost",
        DeliveryStatus.DEAD, 1, now, "late"));
    assertThat(recorded).isFalse();
    assertThat(acme.notifications().find(obligation + ":breach/bob/email").orElseThrow().status())
        .isEqualTo(DeliveryStatus.DELIVERED);
  }

  @Test
  void aBatchWhoseSendsUseUpTheLeaseGivesBackWhatIsLeftUnsent() {
    Stakeholder ann = Stakeholder.internal("ann", "Ann").withRoles("manager");
    Stakeholder joe = Stakeholder.internal("joe", "Joe").withRoles("manager");
    build(List.of(BOB, MARIA, ann, joe), List.of(MANAGER_NOW), RelayPolicy.builder().deliverAfterCommit(false)
        .lease(Duration.ofMinutes(10)));
    String obligation = breachAt(START);
    List<String> sent = new ArrayList<>();
    // every send takes 5 minutes of the 10-minute lease: the third would start with less than a tenth of it left
    crm = Crm.builder().clock(clock).storage(storage).stakeholders(directory).notifications(d -> {
      sent.add(d.key());
      clock.advance(Duration.ofMinutes(5));
    }).relay(RelayPolicy.builder().lease(Duration.ofMinutes(10)).relayId("slow").build()).build();

    // the first claim (3 deliveries) sends two and gives the third back; the next round claims it afresh
    assertThat(crm.relay().deliverDue()).isEqualTo(new RelayRun(0, 4, 3, 0, 0, 0));
    assertThat(sent).containsExactly(obligation + ":breach/maria/webhook", obligation + ":breach/ann/webhook",
        obligation + ":breach/joe/webhook");
    OutboxEntry last = acme.notifications().find(obligation + ":breach/joe/webhook").orElseThrow();
    assertThat(last.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(last.attempts()).isZero();
  }
}
