package dev.etiquette.crm.jdbc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.etiquette.crm.notify.WebhookNotificationPort;
import dev.etiquette.crm.notify.WebhookVerificationException;
import dev.etiquette.crm.notify.WebhookVerifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A webhook receiver for the outbox reliability tests: the JDK's {@link HttpServer} on 127.0.0.1, which checks
 * each request's signature with {@link WebhookVerifier} (a request that fails it is answered 401 and counted, never
 * accepted), answers 200, and records every accepted request: its key, tenant, body, and the sender, taken from
 * the last segment of the path ({@code /hook/<sender>}), so that each relay process may send to its own URI.
 */
final class OutboxReceiver implements AutoCloseable {

  static final byte[] SECRET = "outbox-reliability-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  /** One accepted request. */
  record Received(String sender, String key, String tenant, byte[] body) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
    Thread t = new Thread(r, "outbox-receiver");
    t.setDaemon(true);
    return t;
  });
  private final WebhookVerifier verifier = new WebhookVerifier(SECRET);
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final List<Received> accepted = new ArrayList<>();
  private final Map<String, Integer> bySender = new HashMap<>();
  private final List<String> rejected = new ArrayList<>();
  private final java.util.Set<String> keys = new java.util.HashSet<>();

  OutboxReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    server.setExecutor(executor);
    server.createContext("/hook", this::handle);
    server.start();
  }

  /** The URI a sender posts to. */
  URI endpoint(String sender) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook/" + sender);
  }

  /** A webhook port that posts to {@link #endpoint(String)}, signing with {@link #SECRET}. */
  WebhookNotificationPort port(String sender) {
    return WebhookNotificationPort.builder(endpoint(sender), SECRET).requestTimeout(Duration.ofSeconds(10)).build();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String key = exchange.getRequestHeaders().getFirst(WebhookNotificationPort.KEY_HEADER);
      String path = exchange.getRequestURI().getPath();
      String sender = path.substring(path.lastIndexOf('/') + 1);
      try {
        verifier.verify(exchange.getRequestHeaders().getFirst(WebhookNotificationPort.TIMESTAMP_HEADER), key,
            exchange.getRequestHeaders().getFirst(WebhookNotificationPort.SIGNATURE_HEADER), body);
      } catch (WebhookVerificationException e) {
        lock.lock();
        try {
          rejected.add(key + ": " + e.getMessage());
        } finally {
          lock.unlock();
        }
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      lock.lock();
      try {
        accepted.add(new Received(sender, key,
            exchange.getRequestHeaders().getFirst(WebhookNotificationPort.TENANT_HEADER), body));
        bySender.merge(sender, 1, Integer::sum);
        keys.add(key);
        arrived.signalAll();
      } finally {
        lock.unlock();
      }
      exchange.sendResponseHeaders(200, -1);
    }
  }

  /** Every accepted request, in the order they were accepted. */
  List<Received> accepted() {
    lock.lock();
    try {
      return List.copyOf(accepted);
    } finally {
      lock.unlock();
    }
  }

  /** The requests refused for their signature or timestamp. */
  List<String> rejected() {
    lock.lock();
    try {
      return List.copyOf(rejected);
    } finally {
      lock.unlock();
    }
  }

  /** How many requests {@code sender} has had accepted. */
  int count(String sender) {
    lock.lock();
    try {
      return bySender.getOrDefault(sender, 0);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until {@code sender} has had at least {@code count} requests accepted, at most {@code timeout}; returns
   * whether it has.
   */
  boolean awaitCount(String sender, int count, Duration timeout) throws InterruptedException {
    long left = timeout.toNanos();
    lock.lock();
    try {
      while (bySender.getOrDefault(sender, 0) < count) {
        if (left <= 0) {
          return false;
        }
        left = arrived.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until {@code count} distinct keys were accepted, at most {@code timeout}; returns whether they were. */
  boolean awaitDistinctKeys(int count, Duration timeout) throws InterruptedException {
    long left = timeout.toNanos();
    lock.lock();
    try {
      while (keys.size() < count) {
        if (left <= 0) {
          return false;
        }
        left = arrived.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The accepted requests by key, each key's in the order they came. */
  Map<String, List<Received>> byKey() {
    Map<String, List<Received>> byKey = new LinkedHashMap<>();
    for (Received r : accepted()) {
      byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
    }
    return byKey;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
