package dev.etiquette.crm.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.DeliveryStatus;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.notification.OutboxStats;
import dev.etiquette.crm.api.notification.Stakeholder;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.RuleRef;
import dev.etiquette.crm.jdbc.Dialect;
import dev.etiquette.crm.json.CrmJson;
import dev.etiquette.crm.notify.RelayPolicy;
import dev.etiquette.crm.notify.RelayRun;
import dev.etiquette.crm.notify.WebhookNotificationPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Notifications delivered from the outbox to a webhook: {@code deliveries} deliveries (obligation breaches) to
 * {@code recipients} stakeholders in turn, each a POST to a local receiver. One operation sends all of them; every
 * iteration starts from the same outbox (emptied, then filled again before the iteration, outside the timing).
 *
 * <ul>
 *   <li>the library: {@code crm.relay().deliverDue()} on the PostgreSQL storage: it claims the due deliveries in
 *       batches of 100 under a lease (one transaction per batch), sends each through a
 *       {@link WebhookNotificationPort} (the delivery written as JSON by {@code CrmJson}, signed with HMAC-SHA256,
 *       POSTed with the port's own {@link HttpClient}), and records the outcomes (one transaction per batch).</li>
 *   <li>the baseline: the same requests POSTed one after the other with one {@link HttpClient} configured like the
 *       port's (a connect timeout of 2 s, a request timeout of 5 s): the same bodies (the deliveries' JSON, written
 *       before the trial) and the same headers, the signature computed per request as the port does (HMAC-SHA256
 *       under the same secret over {@code timestamp.key.body}, with a new {@code Mac} each time), since a signature
 *       carries the instant of its send and cannot be made ahead. It reads and writes no database.</li>
 * </ul>
 *
 * <p>Both sides send sequentially from one thread to the same receiver: a JDK {@link HttpServer} on 127.0.0.1
 * that reads each request's body, counts it and answers 204 without a body, on its one dispatcher thread. The
 * ratio is therefore what the outbox (claims, outcome records, JSON) costs on top of the HTTP round trips. Both
 * sides run in the same fork and their iterations alternate, warm-up and measured alike ({@link #library} tells
 * which), as in {@link ImportBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OutboxBenchmark {

  static final TenantId TENANT = TenantId.of("bench");
  static final Instant DUE = Instant.parse("2026-11-02T15:00:00Z");
  /** A benchmark's secret; a real one is random, one per endpoint, kept in a secrets store. */
  private static final byte[] SECRET = "benchmark-only-secret-0123456789abcdef".getBytes(UTF_8);

  @Param({"POSTGRESQL"})
  public Dialect database;

  @Param({"1000"})
  public int deliveries;

  @Param({"50"})
  public int recipients;

  private BenchDatabase db;
  private Receiver receiver;
  private Crm crm;
  private List<Delivery> outbox;
  private List<Payload> payloads;
  private HttpClient client;
  private IterationType kind;
  private int index;
  private boolean libraryNow;
  private long sent;

  /** One request of the baseline: what the port would send for a delivery, but the timestamp and signature. */
  private record Payload(String key, String tenant, byte[] body) {}

  /** The library on the 1st, 3rd, ... iteration of each kind (warm-up, measured), the baseline on the others. */
  static boolean library(int index) {
    return index % 2 == 0;
  }

  @Setup(Level.Trial)
  public void prepare() {
    db = BenchDatabase.open(database);
    db.truncate();
    receiver = Receiver.start();
    outbox = deliveries(deliveries, recipients, receiver.endpoint());
    payloads = new ArrayList<>(outbox.size());
    for (Delivery d : outbox) {
      payloads.add(new Payload(d.key(), d.tenantId().value(), CrmJson.toJson(d).getBytes(UTF_8)));
    }
    WebhookNotificationPort port = WebhookNotificationPort.builder(receiver.endpoint(), SECRET)
        .connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(5)).build();
    crm = Crm.builder().storage(db.storage()).notifications(port)
        .relay(RelayPolicy.builder().batchSize(100).build()).build();
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  /**
   * The deliveries the outbox holds at the start of every library iteration: a breach of obligation {@code i} to
   * stakeholder {@code i % recipients}, on channel {@code webhook}; so each recipient has {@code deliveries /
   * recipients} of them, to be sent in order.
   */
  static List<Delivery> deliveries(int count, int recipients, URI endpoint) {
    List<Stakeholder> people = new ArrayList<>(recipients);
    for (int r = 0; r < recipients; r++) {
      String id = String.format(Locale.ROOT, "agent-%03d", r);
      people.add(Stakeholder.internal(id, "Agent " + r).withRoles("support").withTeams("support")
          .withZone(ZoneId.of("Europe/London")).withAddress("email", id + "@northwind.example")
          .withAddress("webhook", endpoint.toString()));
    }
    List<Delivery> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String obligation = String.format(Locale.ROOT, "obligation-%06d", i);
      String party = String.format(Locale.ROOT, "party-%06d", i);
      Instant due = DUE.plusSeconds(i);
      Instant written = due.plusSeconds(60);
      Notification n = Notification.ofObligation(TENANT, obligation + ":breach", NotificationKind.OBLIGATION_BREACHED,
          ObligationId.of(obligation), PartyId.of(party), new RuleRef("support-desk", 1, "first-response"),
          AssignedTo.role("support"), due, written, "Obligation " + obligation + " (support-desk v1 first-response)"
              + " for party " + party + " was breached: it was due at " + due + ".");
      Stakeholder to = people.get(i % recipients);
      out.add(new Delivery(n.key() + "/" + to.id() + "/webhook", TENANT, to, "webhook", List.of(n), Optional.empty(),
          written));
    }
    return out;
  }

  /** Alternates the sides; for the library, empties the outbox and fills it with the deliveries, due now. */
  @Setup(Level.Iteration)
  public void fill(IterationParams iteration) throws SQLException {
    if (iteration.getType() != kind) {
      kind = iteration.getType();
      index = 0;
    }
    libraryNow = library(index++);
    receiver.reset();
    sent = 0;
    if (!libraryNow) {
      return;
    }
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(database == Dialect.POSTGRESQL ? "TRUNCATE crm_outbox" : "TRUNCATE TABLE crm_outbox");
    }
    Instant now = Clock.systemUTC().instant();
    for (int start = 0; start < outbox.size(); start += 100) {
      List<Delivery> part = outbox.subList(start, Math.min(outbox.size(), start + 100));
      db.storage().write(tx -> {
        for (Delivery d : part) {
          tx.outbox().enqueue(d, DeliveryStatus.PENDING, now);
        }
        return null;
      });
    }
    db.analyze();
  }

  /** Checks that every delivery reached the receiver once, and, for the library, that the outbox says so. */
  @TearDown(Level.Iteration)
  public void check() {
    if (receiver.received() != deliveries || sent != deliveries) {
      throw new IllegalStateException((libraryNow ? "the library" : "the baseline") + " sent " + sent
          + " deliveries and the receiver got " + receiver.received() + ", expected " + deliveries);
    }
    if (libraryNow) {
      OutboxStats stats = crm.relay().stats();
      if (stats.delivered() != deliveries || stats.pending() + stats.inFlight() + stats.dead() != 0) {
        throw new IllegalStateException("after the relay's run the outbox holds " + stats);
      }
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    receiver.close();
    crm.close();
    db.close();
  }

  /** One operation: every delivery sent, by the library's relay or by hand, as the iteration's turn says. */
  @Benchmark
  public long send() throws IOException, InterruptedException {
    if (libraryNow) {
      RelayRun run = crm.relay().deliverDue();
      sent = run.delivered();
      return sent;
    }
    for (Payload p : payloads) {
      String timestamp = Long.toString(Clock.systemUTC().instant().getEpochSecond());
      HttpRequest request = HttpRequest.newBuilder(receiver.endpoint())
          .timeout(Duration.ofSeconds(5))
          .header("Content-Type", "application/json")
          .header(WebhookNotificationPort.KEY_HEADER, p.key())
          .header(WebhookNotificationPort.TENANT_HEADER, p.tenant())
          .header(WebhookNotificationPort.TIMESTAMP_HEADER, timestamp)
          .header(WebhookNotificationPort.SIGNATURE_HEADER, sign(timestamp, p.key(), p.body()))
          .POST(HttpRequest.BodyPublishers.ofByteArray(p.body()))
          .build();
      HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      response.body().close();
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("the receiver answered " + response.statusCode());
      }
      sent++;
    }
    return sent;
  }

  /** {@code v1=} and the hex of HMAC-SHA256 under the secret over {@code timestamp.key.body}, as the port signs. */
  private static String sign(String timestamp, String key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
      mac.update((timestamp + "." + key + ".").getBytes(UTF_8));
      return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The webhook receiver both sides post to: reads the body, counts the request, answers 204. */
  static final class Receiver implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger received = new AtomicInteger();

    private Receiver(HttpServer server) {
      this.server = server;
    }

    static Receiver start() {
      try {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Receiver receiver = new Receiver(server);
        server.createContext("/hook", receiver::handle);
        server.start();
        return receiver;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        received.incrementAndGet();
        exchange.sendResponseHeaders(204, -1);
      }
    }

    URI endpoint() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    int received() {
      return received.get();
    }

    void reset() {
      received.set(0);
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
