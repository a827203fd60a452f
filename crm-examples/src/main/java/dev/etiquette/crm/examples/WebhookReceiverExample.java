package dev.etiquette.crm.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.DeliveryException;
import dev.etiquette.crm.api.notification.Directory;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.Stakeholder;
import dev.etiquette.crm.api.notification.Subscription;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.rules.ResponseRule;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.spi.NotificationPort;
import dev.etiquette.crm.json.CrmJson;
import dev.etiquette.crm.notify.WebhookNotificationPort;
import dev.etiquette.crm.notify.WebhookVerificationException;
import dev.etiquette.crm.notify.WebhookVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A webhook receiver in a few lines: an {@link HttpServer} that checks each request with a {@link WebhookVerifier},
 * drops repeats by the delivery's key (the {@value WebhookNotificationPort#KEY_HEADER} header), and prints what it
 * received. {@link #main} starts it on a free port of 127.0.0.1, points a {@link Crm}'s notifications at it
 * through a {@link WebhookNotificationPort} (a {@link Directory} sends the obligation notifications of role
 * {@code support} to its one member on channel {@code webhook}), lets a first-response obligation breach, and
 * shows the verified delivery, a repeat being dropped and a request signed with the wrong secret being refused.
 * Time is a fixed clock that the example moves, so every run prints the same.
 *
 * <p>The demo ({@link Demo}) reuses the receiver, and {@link #answerNext} to show the relay retrying after the
 * receiver answered 503.
 */
public final class WebhookReceiverExample implements AutoCloseable {

  /**
   * The secret the example's sender and receiver share. A real one is at least 32 random bytes
   * ({@code SecureRandom}), one per endpoint, kept in a secrets store, never in source code.
   */
  static final byte[] SECRET = "example-only-secret-0123456789abcdef-never-use".getBytes(UTF_8);

  private final HttpServer server;
  private final WebhookVerifier verifier;
  private final Clock clock;
  private final Consumer<String> out;
  private final boolean showBodies;
  /** Keys accepted, with when: kept for twice the tolerance, so a replay within the tolerance is dropped. */
  private final Map<String, Instant> seen = new HashMap<>();
  /** A status to answer instead of handling the request, and how many more requests get it. */
  private int outageStatus;
  private int outageLeft;

  private WebhookReceiverExample(byte[] secret, Clock clock, Consumer<String> out, boolean showBodies)
      throws IOException {
    this.verifier = new WebhookVerifier(secret, WebhookVerifier.DEFAULT_TOLERANCE, clock);
    this.clock = clock;
    this.out = out;
    this.showBodies = showBodies;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/crm-notifications", this::handle);
    server.start();
  }

  /** Starts a receiver on a free port of 127.0.0.1 that prints to {@code out}, each request's body too. */
  public static WebhookReceiverExample start(byte[] secret, Clock clock, PrintStream out) {
    return start(secret, clock, out::println, true);
  }

  /**
   * Starts a receiver on a free port of 127.0.0.1.
   *
   * @param secret the secret shared with the sender
   * @param clock where the verifier's now comes from
   * @param out where each line the receiver prints goes
   * @param showBodies whether it prints each accepted request's body as well
   */
  public static WebhookReceiverExample start(byte[] secret, Clock clock, Consumer<String> out, boolean showBodies) {
    try {
      return new WebhookReceiverExample(secret, clock, out, showBodies);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the receiver listens. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/crm-notifications");
  }

  /**
   * Answers the next {@code requests} requests with {@code status} and an empty body, without reading them any
   * further: an outage of the receiving system, for showing what the sender does then.
   *
   * @throws IllegalArgumentException if {@code status} is not between 400 and 599 or {@code requests} is negative
   */
  public synchronized void answerNext(int requests, int status) {
    if (status < 400 || status > 599 || requests < 0) {
      throw new IllegalArgumentException("an outage answers 4xx or 5xx to zero or more requests");
    }
    this.outageStatus = status;
    this.outageLeft = requests;
  }

  private synchronized int outage() {
    if (outageLeft == 0) {
      return 0;
    }
    outageLeft--;
    return outageStatus;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String timestamp = exchange.getRequestHeaders().getFirst(WebhookNotificationPort.TIMESTAMP_HEADER);
      String key = exchange.getRequestHeaders().getFirst(WebhookNotificationPort.KEY_HEADER);
      String tenant = exchange.getRequestHeaders().getFirst(WebhookNotificationPort.TENANT_HEADER);
      int outage = outage();
      if (outage != 0) {
        out.accept("receiver: answered " + outage + " to " + key + " (the receiving system is down)");
        exchange.sendResponseHeaders(outage, -1);
        return;
      }
      try {
        String signature = exchange.getRequestHeaders().getFirst(WebhookNotificationPort.SIGNATURE_HEADER);
        verifier.verify(timestamp, key, signature, body);
      } catch (WebhookVerificationException e) {
        out.accept("receiver: refused a request: " + e.reason());
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      Delivery delivery = CrmJson.fromJson(new String(body, UTF_8), Delivery.class);
      if (!delivery.key().equals(key) || !delivery.tenantId().value().equals(tenant)) {
        out.accept("receiver: refused a request whose headers do not match its body");
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      if (firstTime(tenant + "/" + key)) {
        out.accept("receiver: verified " + key + " of tenant " + tenant + " (timestamp " + timestamp
            + ", signature ok)");
        out.accept("receiver:   for " + delivery.recipient().id() + " (" + delivery.recipient().name() + ") on "
            + delivery.channel() + (delivery.isDigest() ? ", a digest of " + delivery.notifications().size() : "")
            + ":");
        for (Notification n : delivery.notifications()) {
          out.accept("receiver:   " + n.kind() + " " + n.key() + ": " + n.message());
        }
        if (showBodies) {
          out.accept("receiver:   body " + new String(body, UTF_8));
        }
      } else {
        out.accept("receiver: dropped a repeat of " + key + " (already handled)");
      }
      exchange.sendResponseHeaders(204, -1); // a repeat is answered with success too: the sender may stop
    }
  }

  /** Whether {@code tenantAndKey} is new; forgets keys older than twice the tolerance. */
  private synchronized boolean firstTime(String tenantAndKey) {
    Instant now = clock.instant();
    seen.values().removeIf(at -> at.isBefore(now.minus(verifier.tolerance().multipliedBy(2))));
    return seen.putIfAbsent(tenantAndKey, now) == null;
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    server.stop(0);
  }

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the example, printing to {@code out}. */
  public static void run(PrintStream out) {
    Demo.DemoClock clock = new Demo.DemoClock(Instant.parse("2026-03-02T09:00:00Z"));
    try (WebhookReceiverExample receiver = start(SECRET, clock, out)) {
      out.println("receiver listening on 127.0.0.1, a free port, path /crm-notifications");
      WebhookNotificationPort port = WebhookNotificationPort.builder(receiver.endpoint(), SECRET).clock(clock)
          .connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(5)).build();
      List<Delivery> sent = new CopyOnWriteArrayList<>(); // kept to send one again below
      NotificationPort keepAndSend = delivery -> {
        sent.add(delivery);
        port.deliver(delivery);
      };
      Directory directory = new Directory(List.of(Stakeholder.internal("alice", "Alice").withRoles("support")),
          List.of(Subscription.addressed(Subscription.obligationKinds(), "webhook", Subscription.Cadence.IMMEDIATE)));
      try (Crm crm = Crm.builder().clock(clock).idGenerator(new Demo.CountingIds()).stakeholders(directory)
          .notifications(keepAndSend).build()) {
        CrmTenant acme = crm.tenant(TenantId.of("acme"), Actor.user("alice"));
        acme.rules().publish(RuleSet.builder("desk", 1, Instant.parse("2026-01-01T00:00:00Z"))
            .rule(ResponseRule.firstResponse("first-response").within(Duration.ofHours(1))
                .calendar(CalendarChoice.elapsed()).assignee(Assignee.team("support")).build())
            .build());
        Party ada = acme.parties().create(PartyDraft.person("Ada Lovelace").build());
        acme.as(Actor.system()).interactions().record(InteractionDraft.inbound(ada.id(), Channel.EMAIL,
            Purpose.SERVICE).conversation("ticket-1").build());
        Obligation reply = acme.obligations().ofConversation(ConversationId.of("ticket-1")).get(0);
        out.println("an inbound e-mail at " + clock.instant() + " is owed a reply by " + reply.dueAt());

        clock.set(reply.dueAt().plus(Duration.ofMinutes(1)));
        out.println("at " + clock.instant() + " crm.processDue() breaches it and delivers the notification:");
        crm.processDue();
        out.println("obligation " + reply.id() + " is " + acme.obligations().get(reply.id()).state());

        Delivery breach = sent.get(0);
        out.println("the sender retries the same delivery (as the relay does after a lost answer):");
        port.deliver(breach);

        out.println("a sender with the wrong secret is refused:");
        WebhookNotificationPort impostor = WebhookNotificationPort.builder(receiver.endpoint(),
            "a-wrong-secret-of-at-least-32-bytes-length".getBytes(UTF_8)).clock(clock).build();
        try {
          impostor.deliver(breach);
        } catch (DeliveryException e) {
          out.println("sender: HTTP " + e.statusCode().orElse(-1) + ", retryable: " + e.retryable());
        }
      }
    }
  }
}
