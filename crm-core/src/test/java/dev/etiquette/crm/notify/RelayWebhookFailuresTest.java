package dev.etiquette.crm.notify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.MutableClock;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactRequest;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.notification.Directory;
import dev.etiquette.crm.api.notification.DeliveryStatus;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.notification.OutboxEntry;
import dev.etiquette.crm.api.notification.Subscription;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.ConsentRegime;
import dev.etiquette.crm.api.rules.ContactRules;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.spi.NotificationPort;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The relay against a webhook receiver that fails, on the in-memory storage, with a clock the test moves: retries
 * follow the documented backoff, exactly, to the microsecond (nothing is sent a microsecond before a retry is due,
 * it is sent when it is due); after {@code maxAttempts} failures the delivery is a dead letter with its last error;
 * a requeued dead letter goes out once the receiver takes it; a refusal (4xx) dead-letters at once; and a
 * delivery that waits for its retry holds back the later deliveries of its recipient, and only of its recipient.
 *
 * <p>The deliveries come through the library's own path: a reservation refused by the consent rules writes a
 * {@link NotificationKind#CONTACT_DENIED} notification, addressed to the party's owner, and one delivery to the
 * owner's stand-in on channel {@code default}. Only the port's request timeout (200 ms, for the receiver that never
 * answers) is waited for, in real time.
 */
class RelayWebhookFailuresTest {

  static final byte[] SECRET = "0123456789abcdef0123456789abcdef-relay-secret".getBytes(UTF_8);
  static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
  static final int MAX_ATTEMPTS = 4;
  static final Duration FIRST = Duration.ofSeconds(10);
  static final Duration MAX = Duration.ofSeconds(25);

  MutableClock clock;
  final AtomicReference<NotificationPort> port = new AtomicReference<>();
  ScriptedReceiver receiver;
  Crm crm;
  CrmTenant tenant;
  PartyId adaParty;
  PartyId bobParty;

  void start(int batchSize) throws IOException {
    clock = new MutableClock(START);
    receiver = new ScriptedReceiver();
    usePort(Duration.ofSeconds(5));
    RelayPolicy policy = RelayPolicy.builder().maxAttempts(MAX_ATTEMPTS).firstRetryDelay(FIRST).maxRetryDelay(MAX)
        .lease(Duration.ofMinutes(1)).batchSize(batchSize).deliverAfterCommit(false)
        .jitter(new SplittableRandom(6)).relayId("relay-under-test").build();
    AtomicInteger ids = new AtomicInteger();
    crm = Crm.builder().clock(clock).idGenerator(type -> type + "-" + ids.incrementAndGet())
        .notifications(d -> port.get().deliver(d))
        .relay(policy)
        .stakeholders(new Directory(List.of(), List.of(Subscription.addressed(
            Set.of(NotificationKind.CONTACT_DENIED), "default", Subscription.Cadence.IMMEDIATE))))
        .build();
    tenant = crm.tenant(TenantId.of("acme"), Actor.user("alice"));
    tenant.rules().publish(RuleSet.builder("consent-only", 1, START.minus(Duration.ofDays(1)))
        .contact(ContactRules.builder(ConsentRegime.OPT_IN).build()).build());
    adaParty = tenant.parties().create(PartyDraft.person("Customer of Ada").owner("ada").build()).id();
    bobParty = tenant.parties().create(PartyDraft.person("Customer of Bob").owner("bob").build()).id();
  }

  /**
   * From now on the relay sends through a webhook port to the receiver with {@code requestTimeout}. Only the test of
   * a receiver that never answers uses a short one: a cold JVM's first request may well take 200 ms.
   */
  void usePort(Duration requestTimeout) {
    port.set(WebhookNotificationPort.builder(receiver.endpoint(), SECRET).clock(clock)
        .connectTimeout(Duration.ofSeconds(2)).requestTimeout(requestTimeout).build());
  }

  @BeforeEach
  void setUp() throws IOException {
    start(100);
  }

  @AfterEach
  void tearDown() throws IOException {
    receiver.close();
    crm.close();
  }

  /** A refused reservation for {@code party}: its one delivery's key, pending in the outbox. */
  private String denied(PartyId party) {
    ContactEntry entry = tenant.contacts().reserve(ContactRequest.of(party, Channel.EMAIL, Purpose.MARKETING,
        clock.instant()));
    assertThat(entry.status()).as("the reservation (no consent under opt-in)").isEqualTo(ContactStatus.DENIED);
    List<OutboxEntry> pending = tenant.notifications().list(DeliveryStatus.PENDING, PageRequest.first(1_000))
        .items().stream().filter(e -> e.delivery().notification().contact().equals(java.util.Optional.of(entry.id())))
        .toList();
    assertThat(pending).as("the deliveries of the refusal of %s", entry.id()).hasSize(1);
    return pending.get(0).key();
  }

  private OutboxEntry entry(String key) {
    return tenant.notifications().find(key).orElseThrow();
  }

  /** {@code min(max, first * 2^(n-1))}, computed here rather than asked of the policy. */
  private static Duration bound(int failures) {
    Duration d = FIRST;
    for (int i = 1; i < failures; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(MAX) > 0 ? MAX : d;
  }

  enum Failure {
    SERVER_ERROR(ScriptedReceiver.SERVER_ERROR, "HTTP 500"),
    NO_ANSWER_WITHIN_THE_TIMEOUT(ScriptedReceiver.HANG, "timed out"),
    HANG_UP_WITHOUT_AN_ANSWER(ScriptedReceiver.HANG_UP, "I/O failure");

    final ScriptedReceiver.Answer answer;
    final String error;

    Failure(ScriptedReceiver.Answer answer, String error) {
      this.answer = answer;
      this.error = error;
    }
  }

  @ParameterizedTest
  @EnumSource(Failure.class)
  void aFailingReceiverIsRetriedOnTheBackoffUntilTheDeliveryIsDeadThenARequeueDeliversIt(Failure failure) {
    String key = denied(adaParty);
    receiver.script(k -> failure.answer);
    if (failure == Failure.NO_ANSWER_WITHIN_THE_TIMEOUT) {
      usePort(Duration.ofMillis(200));
    }

    for (int n = 1; n <= MAX_ATTEMPTS; n++) {
      Instant failedAt = clock.instant();
      RelayRun run = crm.relay().deliverDue();

      assertThat(receiver.keys()).as("requests after attempt %d", n).hasSize(n).containsOnly(key);
      OutboxEntry e = entry(key);
      assertThat(e.attempts()).as("attempts after attempt %d", n).isEqualTo(n);
      assertThat(e.lastError()).as("last error after attempt %d", n).hasValueSatisfying(
          error -> assertThat(error).contains(failure.error));
      assertThat(e.leaseOwner()).as("lease after attempt %d", n).isEmpty();
      if (n == MAX_ATTEMPTS) {
        assertThat(run).isEqualTo(new RelayRun(0, 1, 0, 0, 1, 0));
        assertThat(e.status()).isEqualTo(DeliveryStatus.DEAD);
        break;
      }
      assertThat(run).isEqualTo(new RelayRun(0, 1, 0, 1, 0, 0));
      assertThat(e.status()).as("status after attempt %d", n).isEqualTo(DeliveryStatus.PENDING);
      Duration d = bound(n);
      assertThat(e.dueAt()).as("the retry after failure %d at %s, d = %s", n, failedAt, d)
          .isBetween(failedAt.plus(d.dividedBy(2)), failedAt.plus(d));

      clock.set(e.dueAt().minusNanos(1_000));
      assertThat(crm.relay().deliverDue()).as("a run 1 µs before the retry is due").isEqualTo(
          new RelayRun(0, 0, 0, 0, 0, 0));
      assertThat(receiver.keys()).as("requests 1 µs before retry %d", n).hasSize(n);
      clock.set(e.dueAt());
    }

    clock.advance(Duration.ofDays(1));
    crm.relay().deliverDue();
    assertThat(receiver.keys()).as("a dead letter is not sent again by itself").hasSize(MAX_ATTEMPTS);
    assertThat(tenant.notifications().deadLetters(PageRequest.first(10)).items()).extracting(OutboxEntry::key)
        .containsExactly(key);

    receiver.script(k -> ScriptedReceiver.OK);
    usePort(Duration.ofSeconds(5));
    if (failure == Failure.SERVER_ERROR) {
      OutboxEntry requeued = tenant.notifications().requeue(key);
      assertThat(requeued.status()).isEqualTo(DeliveryStatus.PENDING);
      assertThat(requeued.attempts()).isZero();
      assertThat(requeued.dueAt()).isEqualTo(clock.instant());
    } else {
      assertThat(tenant.notifications().requeueDead()).isEqualTo(1);
      assertThat(entry(key).status()).isEqualTo(DeliveryStatus.PENDING);
    }
    Instant deliveredAt = clock.instant();
    assertThat(crm.relay().deliverDue()).isEqualTo(new RelayRun(0, 1, 1, 0, 0, 0));

    assertThat(receiver.keys()).hasSize(MAX_ATTEMPTS + 1).containsOnly(key);
    assertThat(receiver.requests().get(MAX_ATTEMPTS).answer()).isEqualTo(ScriptedReceiver.OK);
    OutboxEntry done = entry(key);
    assertThat(done.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(done.deliveredAt()).hasValue(deliveredAt);
    assertThat(crm.relay().deliverDue()).as("nothing more to do").isEqualTo(new RelayRun(0, 0, 0, 0, 0, 0));
    assertThat(receiver.keys()).hasSize(MAX_ATTEMPTS + 1);
  }

  @Test
  void aRefusalDeadLettersAtOnce() {
    String key = denied(adaParty);
    receiver.script(k -> ScriptedReceiver.BAD_REQUEST);

    assertThat(crm.relay().deliverDue()).isEqualTo(new RelayRun(0, 1, 0, 0, 1, 0));

    OutboxEntry e = entry(key);
    assertThat(e.status()).isEqualTo(DeliveryStatus.DEAD);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.lastError()).hasValueSatisfying(error -> assertThat(error).contains("HTTP 400"));
    clock.advance(Duration.ofHours(2));
    crm.relay().deliverDue();
    assertThat(receiver.keys()).containsExactly(key);
  }

  @ParameterizedTest(name = "batch size {0}")
  @ValueSource(ints = {1, 100})
  void aDeliveryWaitingForItsRetryHoldsBackTheLaterOnesOfItsRecipientAndNoOneElse(int batchSize)
      throws IOException {
    tearDown();
    start(batchSize);
    String a1 = denied(adaParty);
    String b1 = denied(bobParty);
    String a2 = denied(adaParty);
    String b2 = denied(bobParty);
    String a3 = denied(adaParty);
    AtomicReference<String> failing = new AtomicReference<>(a1);
    receiver.script(k -> k.equals(failing.get()) ? ScriptedReceiver.SERVER_ERROR : ScriptedReceiver.OK);

    RelayRun first = crm.relay().deliverDue();

    assertThat(receiver.keys()).as("a1 fails; bob's go out; ada's later ones wait (run %s, a1 %s)", first,
        entry(a1)).containsExactly(a1, b1, b2);
    assertThat(entry(a1).status()).isEqualTo(DeliveryStatus.PENDING);
    for (String waiting : List.of(a2, a3)) {
      OutboxEntry e = entry(waiting);
      assertThat(e.status()).as(waiting).isEqualTo(DeliveryStatus.PENDING);
      assertThat(e.attempts()).as("attempts of %s, never sent", waiting).isZero();
      assertThat(e.leaseOwner()).as(waiting).isEmpty();
    }
    assertThat(List.of(entry(b1).status(), entry(b2).status())).containsOnly(DeliveryStatus.DELIVERED);

    clock.set(entry(a1).dueAt().minusNanos(1_000));
    crm.relay().deliverDue();
    assertThat(receiver.keys()).as("a2 and a3 are due, but a1 is not yet").hasSize(3);

    String b3 = denied(bobParty);
    crm.relay().deliverDue();
    assertThat(receiver.keys()).as("bob's new one goes out while ada's wait").containsExactly(a1, b1, b2, b3);

    clock.set(entry(a1).dueAt());
    failing.set(null);
    crm.relay().deliverDue();

    assertThat(receiver.keys()).containsExactly(a1, b1, b2, b3, a1, a2, a3);
    assertThat(List.of(a1, a2, a3, b1, b2, b3)).allSatisfy(
        k -> assertThat(entry(k).status()).as(k).isEqualTo(DeliveryStatus.DELIVERED));
  }

  @Test
  void aDeadLetterNoLongerHoldsBackItsRecipient() {
    String a1 = denied(adaParty);
    String a2 = denied(adaParty);
    receiver.script(k -> k.equals(a1) ? ScriptedReceiver.BAD_REQUEST : ScriptedReceiver.OK);

    crm.relay().deliverDue();

    assertThat(receiver.keys()).containsExactly(a1, a2);
    assertThat(entry(a1).status()).isEqualTo(DeliveryStatus.DEAD);
    assertThat(entry(a2).status()).isEqualTo(DeliveryStatus.DELIVERED);
  }
}
