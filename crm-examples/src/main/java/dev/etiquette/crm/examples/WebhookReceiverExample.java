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
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.rules.ResponseRule;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.spi.NotificationPort;
import dev.etiquette.crm.json.CrmJson;
import dev.etiquette.crm.notify.DeliveryException;
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

/**
 * A webhook receiver in a few lines: an {@link HttpServer} that checks each request with a {@link WebhookVerifier},
 * drops repeats by the notification's key, and prints what it received. {@link #main} starts it on a free port of
 * 127.0.0.1, points a {@link Crm}'s notifications at it through a {@link WebhookNotificationPort}, lets a
 * first-response obligation breach, and shows the verified delivery, a repeat being dropped and a request signed
 * with the wrong secret being refused. Time is a fixed clock that the example moves, so every run prints the
 * same.
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
  private final PrintStream out;
  /** Keys accepted, with when: kept for twice the tolerance, so a replay within the tolerance is dropped. */
  private final Map<String, Instant> seen = new HashMap<>();

  private WebhookReceiverExample(byte[] secret, Clock clock, PrintStream out) throws IOException {
    this.verifier = new WebhookVerifier(secret, WebhookVerifier.DEFAULT_TOLERANCE, clock);
    this.clock = clock;
    this.out = out;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/crm-notifications", this::handle);
    server.start();
  }

  /** Starts a receiver on a free port of 127.0.0.1 that prints to {@code out}. */
  public static WebhookReceiverExample start(byte[] secret, Clock clock, PrintStream out) {
    try {
      return new WebhookReceiverExample(secret, clock, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the receiver listens. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/crm-notifications");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String timestamp = exchange.getRequestHeaders().getFirst(WebhookNotificationPort.TIMESTAMP_HEADER);
      String key = exchange.getRequestHeaders().getFirst(WebhookNotificationPort.KEY_HEADER);
      String tenant = exchange.getRequestHeaders().getFirst(WebhookNotificationPort.TENANT_HEADER);
      try {
        String signature = exchange.getRequestHeaders().getFirst(WebhookNotificationPort.SIGNATURE_HEADER);
        verifier.verify(timestamp, key, signature, body);
      } catch (WebhookVerificationException e) {
        out.println("receiver: refused a request: " + e.reason());
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      Notification n = CrmJson.fromJson(new String(body, UTF_8), Notification.class);
      if (!n.key().equals(key) || !n.tenantId().value().equals(tenant)) {
        out.println("receiver: refused a request whose headers do not match its body");
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      if (firstTime(tenant + "/" + key)) {
        out.println("receiver: verified " + n.kind() + " " + n.key() + " of tenant " + tenant + " (timestamp "
            + timestamp + ")");
        out.println("receiver:   to " + n.recipient().kind() + " " + n.recipient().name() + ": " + n.message());
        out.println("receiver:   body " + new String(body, UTF_8));
      } else {
        out.println("receiver: dropped a repeat of " + key + " (already handled)");
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
      List<Notification> sent = new CopyOnWriteArrayList<>(); // kept to send one again below
      NotificationPort keepAndSend = n -> {
        sent.add(n);
        port.deliver(n);
      };
      try (Crm crm = Crm.builder().clock(clock).idGenerator(new Demo.CountingIds()).notifications(keepAndSend)
          .build()) {
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

        Notification breach = sent.get(0);
        out.println("the sender retries the same notification (as an outbox does after a lost answer):");
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
