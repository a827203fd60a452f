package dev.etiquette.crm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the webhook example end to end (a real HTTP receiver on 127.0.0.1, a Crm delivering to it) and checks what
 * the receiver says it received (a delivery, as JSON), verified, dropped by its key and refused.
 */
class WebhookReceiverExampleTest {

  private static final String MESSAGE = "Obligation obligation-001 (desk v1 first-response) for party party-001"
      + " was breached: it was due at 2026-03-02 10:00 Z (2026-03-02T10:00:00Z).";

  private static String output;

  @BeforeAll
  static void runExample() {
    output = capture();
  }

  private static String capture() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      WebhookReceiverExample.run(out);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theBreachIsDeliveredVerifiedOnceThenARepeatIsDroppedAndAForgeryRefused() {
    List<String> lines = output.lines().toList();
    String notification = "{\"tenantId\":\"acme\",\"key\":\"obligation-001:breach\",\"kind\":\"OBLIGATION_BREACHED\","
        + "\"obligation\":\"obligation-001\",\"party\":\"party-001\",\"rule\":{\"ruleSet\":\"desk\",\"version\":1,"
        + "\"rule\":\"first-response\"},\"recipient\":{\"kind\":\"ROLE\",\"name\":\"support\"},"
        + "\"at\":\"2026-03-02T10:00:00Z\",\"createdAt\":\"2026-03-02T10:01:00Z\",\"message\":\"" + MESSAGE + "\"}";
    assertThat(lines).containsExactly(
        "receiver listening on 127.0.0.1, a free port, path /crm-notifications",
        "an inbound e-mail at 2026-03-02T09:00:00Z is owed a reply by 2026-03-02T10:00:00Z",
        "at 2026-03-02T10:01:00Z crm.processDue() breaches it and delivers the notification:",
        "receiver: verified obligation-001:breach/alice/webhook of tenant acme (timestamp 1772445660, signature ok)",
        "receiver:   for alice (Alice) on webhook:",
        "receiver:   OBLIGATION_BREACHED obligation-001:breach: " + MESSAGE,
        "receiver:   body {\"key\":\"obligation-001:breach/alice/webhook\",\"tenantId\":\"acme\","
            + "\"recipient\":{\"id\":\"alice\",\"name\":\"Alice\",\"kind\":\"INTERNAL\",\"roles\":[\"support\"],"
            + "\"teams\":[],\"zone\":\"Z\",\"addresses\":{}},\"channel\":\"webhook\",\"notifications\":["
            + notification + "],\"createdAt\":\"2026-03-02T10:01:00Z\"}",
        "obligation obligation-001 is BREACHED",
        "the sender retries the same delivery (as the relay does after a lost answer):",
        "receiver: dropped a repeat of obligation-001:breach/alice/webhook (already handled)",
        "a sender with the wrong secret is refused:",
        "receiver: refused a request: BAD_SIGNATURE",
        "sender: HTTP 401, retryable: false");
  }

  @Test
  void isDeterministic() {
    assertThat(capture()).isEqualTo(output);
  }
}
