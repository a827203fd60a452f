package dev.etiquette.crm.notify;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.DeliveryException;
import dev.etiquette.crm.api.spi.NotificationPort;
import dev.etiquette.crm.json.CrmJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * A {@link NotificationPort} that POSTs each delivery to one HTTP(S) endpoint, signed with HMAC-SHA256 under a
 * secret shared with the receiver.
 *
 * <p>The request: {@code POST} to the endpoint, body {@link CrmJson#toJson CrmJson.toJson(delivery)} in UTF-8,
 * {@code Content-Type: application/json}, and the headers
 * <ul>
 *   <li>{@value #KEY_HEADER}: the delivery's {@linkplain Delivery#key() idempotency key}, unique within the
 *       tenant and the same on every attempt; delivery is at least once, so receivers drop repeats by it;</li>
 *   <li>{@value #TENANT_HEADER}: the tenant id;</li>
 *   <li>{@value #TIMESTAMP_HEADER}: the instant of the send in whole seconds since the epoch (decimal, by the
 *       port's clock);</li>
 *   <li>{@value #SIGNATURE_HEADER}: {@code v1=} followed by the 64 lower-case hex digits of HMAC-SHA256, keyed with
 *       the secret, over the UTF-8 bytes of {@code timestamp + "." + key + "." + body}, where {@code timestamp} is
 *       the {@value #TIMESTAMP_HEADER} value exactly as sent, {@code key} the {@value #KEY_HEADER} value and
 *       {@code body} the request body. {@link WebhookVerifier} checks it.</li>
 * </ul>
 *
 * <p>A 2xx answer is success. Anything else throws a {@link DeliveryException} that says whether a retry may
 * succeed: another status, a timeout (connecting, or waiting for the answer's headers beyond the request
 * timeout), a refused or closed connection, or an interrupt (the thread's interrupt flag is kept set). Redirects
 * are not followed unless the injected client does. {@link #deliver} blocks the calling thread for at most about the
 * connect timeout plus the request timeout.
 *
 * <p>Thread-safe and stateless between calls. The secret is copied when the port is built and is never shown in
 * {@link #toString()} or in an exception's message.
 */
public final class WebhookNotificationPort implements NotificationPort {

  /** The header carrying the delivery's idempotency key. */
  public static final String KEY_HEADER = "X-Etiquette-Key";
  /** The header carrying the tenant id. */
  public static final String TENANT_HEADER = "X-Etiquette-Tenant";
  /** The header carrying the epoch seconds of the send. */
  public static final String TIMESTAMP_HEADER = "X-Etiquette-Timestamp";
  /** The header carrying the signature, {@code v1=<hex>}. */
  public static final String SIGNATURE_HEADER = "X-Etiquette-Signature";
  /** The connect timeout unless the builder sets another: 2 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  /** The request timeout unless the builder sets another: 5 seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private static final int MAX_BODY_CHARS_SHOWN = 200;
  private static final int MAX_BODY_BYTES_READ = 4 * MAX_BODY_CHARS_SHOWN;

  private final URI endpoint;
  private final String shownEndpoint;
  private final byte[] secret;
  private final Duration requestTimeout;
  private final HttpClient client;
  private final Clock clock;

  private WebhookNotificationPort(Builder builder) {
    this.endpoint = builder.endpoint;
    this.shownEndpoint = describe(builder.endpoint);
    this.secret = builder.secret;
    this.requestTimeout = builder.requestTimeout;
    this.client = builder.client != null ? builder.client
        : HttpClient.newBuilder().connectTimeout(builder.connectTimeout).build();
    this.clock = builder.clock;
  }

  /**
   * A builder for a port that delivers to {@code endpoint}, signing with {@code secret}.
   *
   * @param endpoint an absolute {@code http} or {@code https} URI with a host
   * @param secret at least 32 bytes, shared with the receiver only; copied
   * @throws NullPointerException if either is null
   * @throws IllegalArgumentException if the endpoint is not an absolute http(s) URI with a host, or the secret is
   *     shorter than 32 bytes; the message names the parameter and never shows the secret
   */
  public static Builder builder(URI endpoint, byte[] secret) {
    return new Builder(endpoint, secret);
  }

  /** The endpoint, as shown in messages: without user-info, query or fragment. */
  public String endpoint() {
    return shownEndpoint;
  }

  /**
   * POSTs {@code delivery} to the endpoint and returns once the receiver answered with a 2xx status.
   *
   * @throws NullPointerException if {@code delivery} is null
   * @throws DeliveryException if the receiver answered otherwise or the request failed; see the class description
   */
  @Override
  public void deliver(Delivery delivery) {
    requireNonNull(delivery, "delivery");
    byte[] body = CrmJson.toJson(delivery).getBytes(StandardCharsets.UTF_8);
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String key = delivery.key();
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(endpoint)
          .timeout(requestTimeout)
          .header("Content-Type", "application/json")
          .header(KEY_HEADER, key)
          .header(TENANT_HEADER, delivery.tenantId().value())
          .header(TIMESTAMP_HEADER, timestamp)
          .header(SIGNATURE_HEADER, Signatures.header(secret, timestamp, key, body))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
    } catch (IllegalArgumentException e) {
      throw new DeliveryException(shownEndpoint,
          "the key or the tenant id is not a valid HTTP header value", false, null);
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new DeliveryException(shownEndpoint, "timed out (" + e.getClass().getSimpleName() + ")", true, e);
    } catch (ConnectException e) {
      throw new DeliveryException(shownEndpoint, "could not connect (" + describe(e) + ")", true, e);
    } catch (IOException e) {
      throw new DeliveryException(shownEndpoint, "I/O failure (" + describe(e) + ")", true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException(shownEndpoint, "interrupted while sending", true, e);
    }
    int status = response.statusCode();
    if (status >= 200 && status <= 299) {
      close(response.body());
      return;
    }
    String excerpt = excerpt(response.body());
    throw new DeliveryException(shownEndpoint, status, "HTTP " + status + (excerpt.isEmpty() ? "" : ": " + excerpt),
        retryableStatus(status), null);
  }

  /** Whether the receiver's status {@code status} (not 2xx) is worth retrying: 408, 429 and 5xx. */
  static boolean retryableStatus(int status) {
    return status == 408 || status == 429 || (status >= 500 && status <= 599);
  }

  /** {@code uri} without user-info, query and fragment, for messages. */
  static String describe(URI uri) {
    StringBuilder out = new StringBuilder().append(uri.getScheme()).append("://").append(uri.getHost());
    if (uri.getPort() >= 0) {
      out.append(':').append(uri.getPort());
    }
    if (uri.getRawPath() != null) {
      out.append(uri.getRawPath());
    }
    return out.toString();
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + printable(message));
  }

  private static void close(InputStream body) {
    try {
      body.close();
    } catch (IOException ignored) {
      // the answer was a success; the connection's fate does not change that
    }
  }

  /** At most 200 printable characters of the start of the response body; empty if there is none or it fails. */
  private static String excerpt(InputStream body) {
    try (body) {
      byte[] start = body.readNBytes(MAX_BODY_BYTES_READ);
      return printable(new String(start, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return "";
    }
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < text.length() && shown < MAX_BODY_CHARS_SHOWN; i++, shown++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || Character.isSurrogate(c)) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (shown < text.length()) {
      out.append("…");
    }
    return out.toString().strip();
  }

  @Override
  public String toString() {
    return "WebhookNotificationPort[" + shownEndpoint + "]";
  }

  /** Builds a {@link WebhookNotificationPort}; not thread-safe. */
  public static final class Builder {
    private final URI endpoint;
    private final byte[] secret;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private HttpClient client;
    private Clock clock = Clock.systemUTC();

    private Builder(URI endpoint, byte[] secret) {
      requireNonNull(endpoint, "endpoint");
      String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
      if (!endpoint.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
        throw new IllegalArgumentException("endpoint: must be an absolute http or https URI with a host");
      }
      this.endpoint = endpoint;
      this.secret = Signatures.checkedSecret(secret);
    }

    /**
     * How long to wait for the connection to be made (default 2 seconds). Used only by the client this builder
     * makes; an injected client keeps its own.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * How long to wait for the answer's status and headers once the request is sent (default 5 seconds).
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** The client to send with (default: a new client with the connect timeout); shared clients are fine. */
    public Builder httpClient(HttpClient client) {
      this.client = requireNonNull(client, "client");
      return this;
    }

    /** The clock the timestamp is read from (default: the system clock in UTC). */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The port. */
    public WebhookNotificationPort build() {
      return new WebhookNotificationPort(this);
    }

    private static Duration positive(Duration timeout, String name) {
      requireNonNull(timeout, name);
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException(name + ": must be positive, was " + timeout);
      }
      return timeout;
    }
  }
}
