package dev.etiquette.crm.notify;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A webhook receiver on 127.0.0.1 that answers each request as its script says: a status, no answer at all (it
 * keeps the connection open until it is closed), or a hang-up right after reading the request. It speaks just
 * enough HTTP/1.1 for the JDK client (one request per connection, {@code Connection: close}), so that it can also
 * misbehave in the ways a real server cannot be told to. It records every request it read, whatever it answered.
 */
final class ScriptedReceiver implements AutoCloseable {

  /** What the receiver does with one request. */
  sealed interface Answer {
    /** Answers with {@code status} and a short body. */
    record Status(int status) implements Answer {}

    /** Reads the request and never answers (until the receiver is closed). */
    record Hang() implements Answer {}

    /** Reads the request and closes the connection without a word. */
    record HangUp() implements Answer {}
  }

  static final Answer OK = new Answer.Status(200);
  static final Answer SERVER_ERROR = new Answer.Status(500);
  static final Answer BAD_REQUEST = new Answer.Status(400);
  static final Answer HANG = new Answer.Hang();
  static final Answer HANG_UP = new Answer.HangUp();

  /** One request as read, and what the receiver did with it. */
  record Request(String key, String tenant, String timestamp, String signature, byte[] body, Answer answer) {}

  private final ServerSocket listener;
  private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "scripted-receiver");
    t.setDaemon(true);
    return t;
  });
  private final CountDownLatch closed = new CountDownLatch(1);
  private final List<Request> requests = new ArrayList<>();
  private volatile Function<String, Answer> script = key -> OK;

  ScriptedReceiver() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "scripted-receiver-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/hook");
  }

  /** From now on, answers a request with key {@code k} with {@code script.apply(k)}. */
  void script(Function<String, Answer> script) {
    this.script = script;
  }

  /** Every request read so far, in the order they were read. */
  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The keys of the requests read so far, in order. */
  synchronized List<String> keys() {
    return requests.stream().map(Request::key).toList();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        connections.execute(() -> serve(socket));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      String requestLine = line(in);
      if (requestLine == null || requestLine.isEmpty()) {
        return;
      }
      for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
      }
      int length = Integer.parseInt(headers.getOrDefault("Content-Length", "0"));
      byte[] body = in.readNBytes(length);
      String key = headers.get(WebhookNotificationPort.KEY_HEADER);
      Answer answer = script.apply(key);
      synchronized (this) {
        requests.add(new Request(key, headers.get(WebhookNotificationPort.TENANT_HEADER),
            headers.get(WebhookNotificationPort.TIMESTAMP_HEADER), headers.get(WebhookNotificationPort.SIGNATURE_HEADER),
            body, answer));
      }
      if (answer instanceof Answer.Status s) {
        byte[] text = ("status " + s.status()).getBytes(UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(String.format(Locale.ROOT,
            "HTTP/1.1 %d Scripted\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n",
            s.status(), text.length).getBytes(ISO_8859_1));
        out.write(text);
        out.flush();
      } else if (answer instanceof Answer.Hang) {
        closed.await(60, TimeUnit.SECONDS);
      }
      // a hang-up: the try-with-resources closes the socket without a word
    } catch (IOException | RuntimeException e) {
      // the client went away; what was read is recorded
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One CRLF-terminated line, without the CRLF; null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        byte[] b = bytes.toByteArray();
        int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        return new String(b, 0, n, ISO_8859_1);
      }
      bytes.write(c);
    }
    return bytes.size() == 0 ? null : bytes.toString(ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    closed.countDown();
    listener.close();
    connections.shutdownNow();
  }
}
