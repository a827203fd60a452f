package dev.etiquette.crm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the demo and the README's quick start, so that neither can break silently. The assertions are on
 * lines the demo prints from what the library returned: if the library's behaviour changes, the demo's
 * story changes, and this test says where.
 */
class DemoTest {

  private static String output;
  private static List<String> lines;

  @BeforeAll
  static void runDemo() {
    output = capture(() -> Demo.run(System.out));
    lines = output.lines().map(String::strip).toList();
  }

  @Test
  void printsEverySection() {
    assertThat(lines).filteredOn(l -> l.startsWith("== ")).extracting(l -> l.replaceAll(" =+$", ""))
        .containsExactly(
            "== 1. Tenant 'northwind' is configured",
            "== 2. Parties in different roles are created (as user sam.carter)",
            "== 3. Contact points are normalized; preferences and consent are kept",
            "== 4. Relationships are typed and directed",
            "== 5. Search, with stable key-based paging",
            "== 6. Lifecycle: forward moves, a refused backward move, a forced one",
            "== 7. Invalid input is rejected: every problem at once, nothing stored",
            "== 8. Optimistic concurrency: a stale update is refused",
            "== 9. The audit trail of Ada Lovelace (who, when, before -> after)",
            "== 10. Every value has a JSON form (CrmJson), and reads back equal",
            "== 11. The interaction timeline: a conversation, its state, the last contact per channel",
            "== 12. Etiquette: a first response breached across a weekend, and a thank-you done on time",
            "== 13. Contact decisions: receipts, a reservation, a cap reached, quiet hours",
            "== 14. Replay: the weekend breach under a four-hour and an eight-hour first response",
            "== 15. Communication: who is told what, on which channel, when; a digest, a retry",
            "== 16. Measurement: a vision, KPIs measured weekly and monthly, status, ROI, a stale KPI, a report",
            "== Done");
  }

  @Test
  void showsADeniedContactWithItsReceiptAndNextAllowedInstant() {
    assertThat(lines).containsSubsequence(
        "Sat 17 Jan 11:00: the newsletter team asks again:",
        "DENY EMAIL/MARKETING at Sat 17 Jan 11:00",
        "ALLOW DO_NOT_CONTACT the party is not marked do-not-contact",
        "ALLOW CONSENT        consent record 1 (OPTED_IN, CONSENT) allows EMAIL/MARKETING under the OPT_IN regime",
        "DENY  FREQUENCY_CAP  2 of 2 MARKETING contacts in a rolling window of P7D already: the cap is reached",
        "consent relied on: record 1, OPTED_IN, CONSENT, effective from 2025-03-01T09:00:00Z",
        "next allowed: Thu 22 Jan 09:30");
    assertThat(lines).contains("reserve -> contact-001 RESERVED; confirm -> SENT", "next allowed: Sun 18 Jan 09:00",
        "contact-002 Fri 16 Jan 10:00 SMS   MARKETING DENIED   by sam.carter");
  }

  @Test
  void measuresKpisOnTheirCadenceAndTellsOwnersOfStaleAndOffTrackOnes() {
    assertThat(lines).containsSubsequence(
        "Mon 9 Feb 09:00: crm.measureDue()",
        "[inbox] maria.rossi: KPI_STALE kpi:partner-satisfaction:stale:2026-01-01",
        "sla             2026-02-02 to 2026-02-08: 100     ACHIEVED  inputs {late=0, missed=0, on_time=5, pending=0}",
        "Mon 16 Feb 09:00: crm.measureDue()",
        "[inbox] priya.shah: KPI_OFF_TRACK kpi:sla:off-track:2026-02-09",
        "first-response  2026-02-09 to 2026-02-15: 120     ON_TRACK  inputs {answered=5}",
        "sla             2026-02-09 to 2026-02-15: 80      OFF_TRACK inputs {late=1, missed=0, on_time=4, pending=0}",
        "Mon 2 Mar 09:00: crm.measureDue()",
        "[inbox] maria.rossi: KPI_STALE kpi:partner-satisfaction:stale:2026-02-01",
        "nps             2026-02-01 to 2026-02-28: 16.7    OFF_TRACK inputs {answers=6, detractors=2, ignored=0, "
            + "passives=1, promoters=3}",
        "roi             2026-02-01 to 2026-02-28: 60      ACHIEVED  inputs {cost_entries=3, value_entries=2}");
    assertThat(lines).containsSubsequence(
        "responsive: OFF_TRACK",
        "first-response       60      target 45   ON_TRACK  projected -454.3 previous [90, 120, 150]",
        "worth-it: ACHIEVED",
        "roi                  60      target 50   ACHIEVED  projected 60 previous [none]");
    assertThat(lines).contains("partner-satisfaction none    target 4    NO_DATA   previous [] STALE",
        "worth-it,roi,roi,PERCENT,HIGHER_IS_BETTER,0,50,2026-06-30,maria.rossi,MONTHLY,2026-02-01/2026-03-01,60,ACHIEVED,"
            + "false,60,2026-01-01/2026-02-01=,cost_entries=3;value_entries=2");
  }

  @Test
  void isDeterministic() {
    assertThat(capture(() -> Demo.run(System.out))).isEqualTo(output);
  }

  @Test
  void configuresTheTenant() {
    assertThat(lines).contains(
        "time zone            Europe/London",
        "attribute            tier : ENUM [bronze, silver, gold]",
        "attribute            annual_revenue : NUMBER");
  }

  @Test
  void createsPartiesInEveryRole() {
    assertThat(output)
        .contains("Globex Corporation (organization), version 1")
        .contains("Ada Lovelace (person), version 1")
        .contains("roles PARTNER")
        .contains("roles VENDOR")
        .contains("roles EMPLOYEE")
        .contains("roles PROSPECT+STAKEHOLDER")
        .contains("attributes annual_revenue=1250000, tier=gold");
  }

  @Test
  void normalizesContactPoints() {
    assertThat(output)
        .contains("given 'Ada.Lovelace@Globex.EXAMPLE' -> stored 'Ada.Lovelace@globex.example'")
        .contains("given '020 7946 0958'               -> stored '+442079460958'");
    assertThat(lines).anyMatch(l -> l.matches("email\\s+Ada\\.Lovelace@globex\\.example\\s+\\(primary\\)"));
    assertThat(lines).anyMatch(l -> l.matches("email\\s+ada@lovelace\\.example"));
  }

  @Test
  void keepsPreferencesAndConsent() {
    assertThat(output)
        .contains("preferences: zone Europe/London, locale en-GB, prefers EMAIL")
        .contains("quiet hours on PHONE 20:00-09:00")
        .contains("EMAIL marketing: OPTED_IN (consent, 'newsletter signup form', captured 2025-03-01T09:00:00Z, "
            + "double opt-in confirmed 2025-03-01T09:12:00Z)")
        .contains("SMS   marketing: OPTED_OUT")
        .contains("PHONE marketing: UNKNOWN (nothing recorded)");
    assertThat(lines).anyMatch(l -> l.matches(".*OPTED_OUT \\(consent, 'unsubscribe link'.*, supersedes \\S+"));
  }

  @Test
  void looksPartiesUp() {
    assertThat(lines)
        .anyMatch(l -> l.startsWith("by email 'ADA.LOVELACE@GLOBEX.EXAMPLE' -> Ada Lovelace"))
        .anyMatch(l -> l.startsWith("by phone '+44 20 7946 0958'            -> Ada Lovelace"))
        .anyMatch(l -> l.startsWith("by external id billing:GLX-0042         -> Globex Corporation"))
        .anyMatch(l -> l.startsWith("same email, from tenant 'contoso'       -> (none)"));
  }

  @Test
  void relatesParties() {
    assertThat(output)
        .contains("Ada Lovelace --works_for--> Globex Corporation")
        .contains("Globex Europe GmbH --account_of--> Globex Corporation")
        .contains("Initech Consulting --partner_of--> Globex Corporation")
        .contains("Grace Hopper --referred_by--> Initech Consulting")
        .contains("A type the tenant never defined is rejected:");
  }

  @Test
  void searchesWithPaging() {
    assertThat(lines).contains(
        "page 1: Globex Corporation, Globex Europe GmbH  (more...)",
        "page 2: Ada Lovelace  (last page)",
        "Tag 'webinar-2025' and stage lead:    Grace Hopper, Katherine Johnson",
        "Name starts with 'GR' (any case):     Grace Hopper, Grant Imahara",
        "Attribute tier = gold:                Globex Corporation, Ada Lovelace",
        "Vendors:                              Umbrella Office Supplies Ltd");
  }

  @Test
  void movesStagesForwardAndOnlyForcedBackwards() {
    assertThat(output)
        .contains("Grace Hopper moved forward: lead -> qualified_lead")
        .contains("Moving her back to lead without force is refused:")
        .contains("Forced back to lead, with a reason")
        .contains("Grant Imahara moved to the exit stage churned")
        .contains("FORCED: qualified by mistake: no budget until next year");
  }

  @Test
  void rejectsInvalidInputWithEveryViolationAndStoresNothing() {
    assertThat(output).containsPattern("ValidationException with \\d+ violations");
    int count = Integer.parseInt(output.replaceAll("(?s).*ValidationException with (\\d+) violations.*", "$1"));
    assertThat(count).isGreaterThanOrEqualTo(7);
    assertThat(output).doesNotContain("jane.doe@@example..com");  // personal data is masked
    assertThat(lines).contains("parties before: 9, after: 9");
  }

  @Test
  void refusesAStaleVersion() {
    assertThat(output)
        .contains("jo.bloggs renames from version 1: refused.")
        .contains("VersionConflictException: ")
        .contains("renamed to 'Augusta Ada King', version 3");
  }

  @Test
  void printsTheAuditTrail() {
    String audit = output.substring(output.indexOf("== 9."));
    assertThat(audit).contains("CREATED").contains("by sam.carter").contains("by jo.bloggs")
        .contains("Augusta Ada King");
  }

  @Test
  void writesJsonThatReadsBackEqual() {
    assertThat(output).containsPattern("Ada Lovelace as JSON: \\d+ characters; read back equal: true");
    assertThat(lines).anyMatch(l -> l.startsWith("{") && l.contains("\"unsubscribe link\""));
  }

  @Test
  void recordsAConversationAndTheTimeline() {
    String timeline = output.substring(output.indexOf("== 11."));
    assertThat(timeline)
        .contains("NW-1001: OPEN since")
        .contains("NW-1001: WAITING_ON_CUSTOMER since")
        .contains("awaiting reply: yes")
        .contains("p1 ").contains("p2 ")
        .contains("PURCHASE")
        .contains("amount=49.9, currency=GBP")
        .contains("imported from the old phone system")
        .contains("- conversation");
    assertThat(timeline.indexOf("PURCHASE")).as("newest first").isLessThan(timeline.indexOf("booked a demo"));
    assertThat(lines).anyMatch(l -> l.matches("EMAIL\\s+\\S+ INBOUND by system"));
    assertThat(lines).anyMatch(l -> l.matches("IN_APP\\s+\\S+ INBOUND by system"));
  }

  @Test
  void breachesAFirstResponseAcrossTheWeekendEscalatesItAndKeepsAThankYouOnTime() {
    String etiquette = output.substring(output.indexOf("== 12."), output.indexOf("== Done"));
    assertThat(etiquette)
        .contains("Published support-desk v1: first-response, next-response, thank-you-after-purchase,")
        .contains("Fri 9 Jan 15:45: Augusta Ada King (tagged vip) e-mails support, ticket NW-2001.")
        .contains("due Mon 12 Jan 09:15 (2 business hours), warning Fri 9 Jan 17:15, assigned to role support")
        .contains("escalation 1: to team_lead at Mon 12 Jan 09:45");
    // each notification printed as it was delivered, inside the processDue() that produced it
    assertThat(lines).containsSubsequence(
        "Fri 9 Jan 17:15: processDue()",
        ">> OBLIGATION_WARNING to role support (key obligation-004:warning):",
        "-> 1 warned",
        "Sat 10 Jan 12:00: processDue()",
        "-> nothing due",
        "Mon 12 Jan 09:15: processDue()",
        ">> OBLIGATION_BREACHED to role support (key obligation-004:breach):",
        "-> 1 breached",
        "Mon 12 Jan 09:45: processDue()",
        ">> OBLIGATION_ESCALATED to role team_lead (key obligation-004:escalation:1):",
        "-> 1 escalated",
        "Mon 12 Jan 09:55: sam.carter replies. The obligation is SATISFIED_LATE; its history:",
        "Mon 12 Jan 11:45: processDue()",
        "-> nothing due");
    assertThat(etiquette).contains("opens Tue 13 Jan 14:00, then due within 8 business hours; assigned to owner"
        + " sam.carter").contains("-> 1 opened").contains("the thank-you is SATISFIED_ON_TIME");
    assertThat(lines).filteredOn(l -> l.startsWith(">> ")).hasSize(3);
  }

  @Test
  void showsAReplayDiffBetweenTwoRuleSets() {
    assertThat(lines).contains(
        "obligation first-response/ada/T-100/steps[0]:",
        "support-desk v1  SATISFIED_LATE, due Mon 9 Mar 11:00 (4 business hours), escalated 1x",
        "support-desk v2  SATISFIED_ON_TIME, due Mon 9 Mar 15:00 (8 business hours)",
        "breach of first-response/ada/T-100/steps[0]: Mon 9 Mar 11:00 -> none",
        "escalations of first-response/ada/T-100/steps[0]: [team_lead] -> []");
  }

  @Test
  void communicatesThroughSubscriptionsChannelsADigestAndARetry() {
    String communication = output.substring(output.indexOf("== 15."), output.indexOf("== Done"));
    assertThat(lines).containsSubsequence(
        "Mon 19 Jan 13:00: processDue()",
        "[inbox] sam.carter: OBLIGATION_BREACHED obligation-006:breach",
        "receiver: verified obligation-006:breach/maria.rossi/webhook of tenant northwind (timestamp 1768827600,"
            + " signature ok)",
        "[email] to ivan@initech.example: OBLIGATION_BREACHED obligation-006:breach (Globex Corporation)",
        "[inbox] priya.shah: OBLIGATION_BREACHED obligation-007:breach",
        "receiver: verified obligation-007:breach/maria.rossi/webhook of tenant northwind (timestamp 1768827600,"
            + " signature ok)",
        "-> 2 breached");
    // the partner's contact hears only about the customer its organization is related to
    assertThat(communication).doesNotContain("ivan@initech.example: OBLIGATION_BREACHED obligation-007");
    // the manager's digest is held until 08:00 in Paris, then goes out once with both breaches
    assertThat(lines).containsSubsequence(
        "Tue 20 Jan 06:59 (07:59 in Paris): crm.relay().deliverDue()",
        "-> 0 digest(s) made, 0 claimed, 0 delivered, 0 to retry, 0 dead",
        "Tue 20 Jan 07:00 (08:00 in Paris): crm.relay().deliverDue()",
        "[email] to maria.rossi@northwind.example: daily digest of 2, Mon 19 Jan 08:00 to Tue 20 Jan 08:00"
            + " (Europe/Paris)",
        "- OBLIGATION_BREACHED obligation-006:breach, Globex Corporation, due Mon 19 Jan 14:00 (Europe/Paris)",
        "- OBLIGATION_BREACHED obligation-007:breach, Augusta Ada King, due Mon 19 Jan 14:00 (Europe/Paris)",
        "-> 1 digest(s) made, 1 claimed, 1 delivered, 0 to retry, 0 dead");
    // a 503 is retried after a backoff, and then delivered
    assertThat(lines).containsSubsequence(
        "receiver: answered 503 to obligation-008:breach/maria.rossi/webhook (the receiving system is down)",
        "-> 1 warned, 1 breached",
        "last error: DeliveryException: delivery to http://127.0.0.1:<port>/crm-notifications failed: HTTP 503"
            + " (retryable)",
        "-> 0 digest(s) made, 0 claimed, 0 delivered, 0 to retry, 0 dead",
        "receiver: verified obligation-008:breach/maria.rossi/webhook of tenant northwind (timestamp 1768914022,"
            + " signature ok)",
        "-> 0 digest(s) made, 1 claimed, 1 delivered, 0 to retry, 0 dead");
    assertThat(lines).anyMatch(l -> l.matches("obligation-008:breach/maria.rossi/webhook is DELIVERED at"
        + " 2026-01-20T13:00:\\d\\d(\\.\\d+)?Z, after 1 failed attempt\\(s\\)"));
    assertThat(lines).anyMatch(l -> l.matches("crm.relay\\(\\).stats\\(\\): held 1, pending 0, in flight 0, delivered"
        + " \\d+, dead 0, digested 2"));
  }

  @Test
  void quickStartRuns() {
    String quickStart = capture(() -> QuickStart.main(new String[0]));
    assertThat(quickStart).contains("rejected: ").contains("Ada Lovelace is a customer");
  }

  @Test
  void readmeShowsTheQuickStartAsCompiled() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    String snippet = readme.substring(readme.indexOf("```java\n") + "```java\n".length());
    snippet = snippet.substring(0, snippet.indexOf("```"));
    String source = Files.readString(
        Path.of("src", "main", "java", "dev", "etiquette", "crm", "examples", "QuickStart.java"));
    String withoutPackageAndJavadoc = source
        .replaceFirst("package [\\w.]+;\n\n", "")
        .replaceFirst("/\\*\\*.*\\*/\n", "");
    assertThat(snippet).isEqualTo(withoutPackageAndJavadoc);
  }

  private static String capture(Runnable body) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      body.run();
    } finally {
      System.setOut(original);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
