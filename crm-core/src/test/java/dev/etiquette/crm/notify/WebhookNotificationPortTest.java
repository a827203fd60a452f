package dev.etiquette.crm.notify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.DeliveryException;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.Stakeholder;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.rules.RuleRef;
import dev.etiquette.crm.json.CrmJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Delivers to a real HTTP server on 127.0.0.1 (the JDK's {@link HttpServer}, on a free port): the request it sees,
 * and every way a delivery fails. Time comes from fixed clocks; the timeout test waits only for the port's own
 * 200 ms request timeout.
 */
class WebhookNotificationPortTest {

  static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test-secret".getBytes(UTF_8);
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static final Notification BREACH_NOTIFICATION = Notification.ofObligation(TenantId.of("acme"),
      "obligation-007:breach", NotificationKind.OBLIGATION_BREACHED, ObligationId.of("obligation-007"),
      PartyId.of("party-042"), new RuleRef("desk", 1, "first"), AssignedTo.team("support"),
      Instant.parse("2025-12-31T23:00:00Z"), Instant.parse("2025-12-31T23:00:05Z"), "obligation obligation-007 breached");

  static final Delivery BREACH = new Delivery("obligation-007:breach/ada/webhook", TenantId.of("acme"),
      Stakeholder.internal("ada", "Ada").withTeams("support"), "webhook", List.of(BREACH_NOTIFICATION),
      Optional.empty(), Instant.parse("2025-12-31T23:00:05Z"));

  private HttpServer server;
  private ExecutorService executor;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
    executor.shutdownNow();
  }

  private URI serve(HttpHandler handler) {
    server.createContext("/hook", handler);
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  private static WebhookNotificationPort port(URI endpoint) {
    return WebhookNotificationPort.builder(endpoint, SECRET).clock(CLOCK).build();
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    exchange.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** What the server received. */
  record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      List<String> values = headers.get(name);
      assertThat(values).as(name).hasSize(1);
      return values.get(0);
    }
  }

  private Received deliverAndCapture(Delivery notification) {
    AtomicReference<Received> received = new AtomicReference<>();
    URI endpoint = serve(exchange -> {
      received.set(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes()));
      answer(exchange, 204, "");
    });
    port(endpoint).deliver(notification);
    assertThat(received.get()).as("the server received the request").isNotNull();
    return received.get();
  }

  @Test
  void theSignatureIsHmacSha256OfTimestampKeyAndBodyJoinedByDots() throws Exception {
    Received r = deliverAndCapture(BREACH);

    String timestamp = Long.toString(NOW.getEpochSecond());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
    mac.update((timestamp + ".obligation-007:breach/ada/webhook.").getBytes(UTF_8));
    String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal(r.body()));
    assertThat(r.header("X-etiquette-timestamp")).isEqualTo("1767225600");
    assertThat(r.header("X-etiquette-signature")).isEqualTo(expected);
  }

  @Test
  void theSignatureMatchesAValueComputedOutsideJava() {
    // computed with Python: hmac.new(bytes(range(32)), b'1767225600.obl-1:breach.{"a":1}', sha256).hexdigest()
    byte[] secret = new byte[32];
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (byte) i;
    }
    assertThat(Signatures.header(secret, "1767225600", "obl-1:breach", "{\"a\":1}".getBytes(UTF_8)))
        .isEqualTo("v1=1fbfb309dc9da30a683fc28f0e3f5ae3264be49205b9f772ff45499fa2da3bee");
  }

  @Test
  void aDeliveryPostsTheJsonWithExactlyTheDocumentedHeadersAndTheVerifierAcceptsIt() {
    Received r = deliverAndCapture(BREACH);

    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/hook");
    assertThat(new String(r.body(), UTF_8)).isEqualTo(CrmJson.toJson(BREACH));
    assertThat(CrmJson.fromJson(new String(r.body(), UTF_8), Delivery.class)).isEqualTo(BREACH);
    assertThat(r.header("Content-type")).isEqualTo("application/json");
    assertThat(r.header("X-etiquette-key")).isEqualTo("obligation-007:breach/ada/webhook");
    assertThat(r.header("X-etiquette-tenant")).isEqualTo("acme");
    assertThat(r.header("X-etiquette-timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
    assertThat(r.header("X-etiquette-signature")).matches("v1=[0-9a-f]{64}");
    assertThat(r.headers().keySet()).filteredOn(h -> h.toLowerCase().startsWith("x-etiquette"))
        .containsExactlyInAnyOrder("X-etiquette-key", "X-etiquette-tenant", "X-etiquette-timestamp",
            "X-etiquette-signature");

    WebhookVerifier verifier = new WebhookVerifier(SECRET, Duration.ofMinutes(5),
        Clock.fixed(NOW.plusSeconds(30), ZoneOffset.UTC));
    assertThatNoException().isThrownBy(() -> verifier.verify(r.header("X-etiquette-timestamp"),
        r.header("X-etiquette-key"), r.header("X-etiquette-signature"), r.body()));
    WebhookVerifier otherSecret = new WebhookVerifier("another-secret-of-more-than-32-bytes!".getBytes(UTF_8),
        Duration.ofMinutes(5), CLOCK);
    assertThatThrownBy(() -> otherSecret.verify(r.header("X-etiquette-timestamp"), r.header("X-etiquette-key"),
        r.header("X-etiquette-signature"), r.body()))
        .isInstanceOfSatisfying(WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(WebhookVerificationException.Reason.BAD_SIGNATURE));
  }

  @Test
  void anyTwoHundredStatusIsSuccess() {
    URI endpoint = serve(exchange -> answer(exchange, 202, "queued"));
    assertThatNoException().isThrownBy(() -> port(endpoint).deliver(BREACH));
  }

  private DeliveryException failure(URI endpoint, WebhookNotificationPort port) {
    DeliveryException e = catchThrowableOfType(() -> port.deliver(BREACH), DeliveryException.class);
    assertThat(e).as("a DeliveryException").isNotNull();
    assertThat(e.destination()).isEqualTo(endpoint.toString());
    assertThat(e.getMessage()).startsWith("delivery to " + endpoint + " failed: ")
        .doesNotContain(new String(SECRET, UTF_8)).doesNotContain(BREACH_NOTIFICATION.message());
    return e;
  }

  @Test
  void aServerErrorIsRetryableAndTheMessageShowsTheStatusAndTheStartOfTheBody() {
    URI endpoint = serve(exchange -> answer(exchange, 500, "database down\n" + "x".repeat(1000)));

    DeliveryException e = failure(endpoint, port(endpoint));

    assertThat(e.retryable()).isTrue();
    assertThat(e.statusCode()).hasValue(500);
    String shown = "database down\\u000a" + "x".repeat(200 - "database down\n".length()) + "…";
    assertThat(e.getMessage()).contains("HTTP 500: " + shown + " (retryable)");
  }

  @Test
  void aBadRequestIsNotRetryable() {
    URI endpoint = serve(exchange -> answer(exchange, 400, "bad signature"));

    DeliveryException e = failure(endpoint, port(endpoint));

    assertThat(e.retryable()).isFalse();
    assertThat(e.statusCode()).hasValue(400);
    assertThat(e.getMessage()).endsWith("HTTP 400: bad signature (not retryable)");
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 502, 503, 599})
  void requestTimeoutTooManyRequestsAndEveryServerErrorAreRetryable(int status) {
    URI endpoint = serve(exchange -> answer(exchange, status, ""));
    DeliveryException e = failure(endpoint, port(endpoint));
    assertThat(e.retryable()).isTrue();
    assertThat(e.statusCode()).hasValue(status);
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 401, 403, 404, 410, 422})
  void otherStatusesAreNotRetryable(int status) {
    URI endpoint = serve(exchange -> answer(exchange, status, ""));
    DeliveryException e = failure(endpoint, port(endpoint));
    assertThat(e.retryable()).isFalse();
    assertThat(e.statusCode()).hasValue(status);
  }

  @Test
  void aReceiverThatDoesNotAnswerWithinTheRequestTimeoutGivesARetryableFailure() {
    CountDownLatch release = new CountDownLatch(1);
    URI endpoint = serve(exchange -> {
      try {
        release.await(30, TimeUnit.SECONDS);
        answer(exchange, 204, "");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    WebhookNotificationPort port = WebhookNotificationPort.builder(endpoint, SECRET).clock(CLOCK)
        .requestTimeout(Duration.ofMillis(200)).build();
    try {
      DeliveryException e = failure(endpoint, port);
      assertThat(e.retryable()).isTrue();
      assertThat(e.statusCode()).isEmpty();
      assertThat(e.getMessage()).contains("timed out");
    } finally {
      release.countDown();
    }
  }

  @Test
  void aReceiverThatClosesTheConnectionWithoutAnsweringGivesARetryableFailure() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread closer = new Thread(() -> {
        try (Socket socket = listener.accept()) {
          InputStream in = socket.getInputStream();
          in.read(new byte[1024]); // the start of the request; then hang up without a word
        } catch (IOException ignored) {
          // the test's assertions say whether the client saw the hang-up
        }
      });
      closer.start();
      URI endpoint = URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/hook");

      DeliveryException e = failure(endpoint, port(endpoint));

      assertThat(e.retryable()).isTrue();
      assertThat(e.statusCode()).isEmpty();
      assertThat(e.getMessage()).contains("I/O failure");
      closer.join(TimeUnit.SECONDS.toMillis(30));
    }
  }

  @Test
  void nothingListeningGivesARetryableFailure() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    URI endpoint = URI.create("http://127.0.0.1:" + closedPort + "/hook");

    DeliveryException e = failure(endpoint, port(endpoint));

    assertThat(e.retryable()).isTrue();
    assertThat(e.statusCode()).isEmpty();
    assertThat(e.getMessage()).contains("could not connect");
  }

  @Test
  void anInterruptedSendIsRetryableAndKeepsTheInterruptFlag() {
    URI endpoint = serve(exchange -> answer(exchange, 204, ""));
    Thread.currentThread().interrupt();
    try {
      DeliveryException e = failure(endpoint, port(endpoint));
      assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag kept").isTrue();
      assertThat(e.retryable()).isTrue();
      assertThat(e.getMessage()).contains("interrupted");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aKeyThatCannotBeAnHttpHeaderValueIsANonRetryableFailureAndNothingIsSent() {
    AtomicReference<String> reached = new AtomicReference<>();
    URI endpoint = serve(exchange -> {
      reached.set("yes");
      answer(exchange, 204, "");
    });
    Delivery broken = new Delivery("obligation-007:breach\r\nX-Injected: 1", BREACH.tenantId(), BREACH.recipient(),
        BREACH.channel(), BREACH.notifications(), BREACH.digest(), BREACH.createdAt());

    DeliveryException e = catchThrowableOfType(() -> port(endpoint).deliver(broken), DeliveryException.class);

    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("not a valid HTTP header value").doesNotContain("X-Injected");
    assertThat(reached.get()).isNull();
  }

  @Test
  void aSecretShorterThan32BytesIsRefusedWithoutShowingIt() {
    byte[] shortSecret = "hunter2-is-not-a-good-secret!!!".getBytes(UTF_8); // 31 bytes
    URI endpoint = URI.create("https://example.com/hook");

    assertThatThrownBy(() -> WebhookNotificationPort.builder(endpoint, shortSecret))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("secret: must be at least 32 bytes")
        .hasMessageContaining("was 31 bytes")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> new WebhookVerifier(shortSecret))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("secret: must be at least 32 bytes")
        .hasMessageNotContaining("hunter2");
    assertThatNoException().isThrownBy(() -> WebhookNotificationPort.builder(endpoint, new byte[32]));
  }

  @Test
  void theEndpointMustBeAnAbsoluteHttpOrHttpsUri() {
    for (String bad : List.of("ftp://example.com/hook", "/hook", "mailto:ops@example.com", "http:///hook")) {
      assertThatThrownBy(() -> WebhookNotificationPort.builder(URI.create(bad), SECRET))
          .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("endpoint: ");
    }
  }

  @Test
  void messagesShowTheEndpointWithoutUserInfoQueryOrFragment() {
    URI endpoint = URI.create("https://user:pa55@hooks.example.com:8443/a/b?token=s3cr3t#frag");
    WebhookNotificationPort port = WebhookNotificationPort.builder(endpoint, SECRET).build();
    assertThat(port.endpoint()).isEqualTo("https://hooks.example.com:8443/a/b");
    assertThat(port).hasToString("WebhookNotificationPort[https://hooks.example.com:8443/a/b]");
  }

  @Test
  void timeoutsMustBePositive() {
    WebhookNotificationPort.Builder builder = WebhookNotificationPort.builder(URI.create("http://h/x"), SECRET);
    assertThatThrownBy(() -> builder.requestTimeout(Duration.ZERO))
        .hasMessageStartingWith("requestTimeout: must be positive");
    assertThatThrownBy(() -> builder.connectTimeout(Duration.ofSeconds(-1)))
        .hasMessageStartingWith("connectTimeout: must be positive");
  }
}
