package dev.etiquette.crm.benchmarks;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.ContactCheck;
import dev.etiquette.crm.api.contact.ContactReceipt;
import dev.etiquette.crm.api.contact.ContactRequest;
import dev.etiquette.crm.api.contact.RuleVerdict;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.Preferences;
import dev.etiquette.crm.api.party.QuietWindow;
import dev.etiquette.crm.api.rules.CapWindow;
import dev.etiquette.crm.api.rules.ConsentRegime;
import dev.etiquette.crm.api.rules.ContactRules;
import dev.etiquette.crm.api.rules.FrequencyCap;
import dev.etiquette.crm.api.rules.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Contact decisions in memory on one thread, with every kind of rule active: an opt-in consent regime (each
 * customer has an opt-in for e-mail marketing), one frequency cap (3 marketing e-mails per rolling 7 days, each
 * customer already holding 2 reserved), quiet hours for e-mail (21:00-08:00 in the customer's zone), and the
 * do-not-contact flag (checked, not set). One operation is {@code decide} for the next of {@code customers}
 * customers in turn, at a daytime instant, so every rule is evaluated and the answer is allow. Setup checks that
 * one decision lists every kind of rule and allows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ContactDecisionBenchmark {

  static final Instant NOW = Instant.parse("2026-11-03T15:00:00Z"); // Tuesday 10:00 in New York

  @Param({"1000"})
  public int customers;

  private CrmTenant tenant;
  private ContactRequest[] requests;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    BenchClock clock = new BenchClock(NOW.minus(Duration.ofDays(2)));
    tenant = Crm.builder().clock(clock).build().tenant(TenantId.of("bench"), Actor.system());
    tenant.rules().publish(RuleSet.builder("etiquette", 1, Instant.parse("2026-01-01T00:00:00Z"))
        .contact(ContactRules.builder(ConsentRegime.OPT_IN)
            .cap(FrequencyCap.of("weekly", Purpose.MARKETING, 3, CapWindow.rolling(Duration.ofDays(7))))
            .quietHours(Channel.EMAIL, QuietWindow.of(LocalTime.of(21, 0), LocalTime.of(8, 0)))
            .build())
        .build());
    requests = new ContactRequest[customers];
    for (int i = 0; i < customers; i++) {
      var party = tenant.parties().create(PartyDraft.person("Customer " + i).email("c" + i + "@example.com")
          .preferences(Preferences.none().withTimeZone(ZoneId.of("America/New_York")))
          .consent(ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "signup")).build());
      for (int sent = 0; sent < 2; sent++) {
        tenant.contacts().reserve(ContactRequest.of(party.id(), Channel.EMAIL, Purpose.MARKETING,
            NOW.minus(Duration.ofDays(1 + sent))));
      }
      requests[i] = ContactRequest.of(party.id(), Channel.EMAIL, Purpose.MARKETING, NOW);
    }
    clock.set(NOW);
    ContactReceipt receipt = tenant.contacts().decide(requests[0]);
    Set<ContactCheck> checks = EnumSet.noneOf(ContactCheck.class);
    receipt.rules().stream().map(RuleVerdict::check).forEach(checks::add);
    if (!receipt.allowed() || !checks.containsAll(List.of(ContactCheck.DO_NOT_CONTACT, ContactCheck.CONSENT,
        ContactCheck.FREQUENCY_CAP, ContactCheck.QUIET_HOURS))) {
      throw new IllegalStateException("the benchmark's decision does not evaluate every rule: " + receipt);
    }
  }

  @Benchmark
  public ContactReceipt decide() {
    ContactRequest request = requests[next];
    next = next + 1 == requests.length ? 0 : next + 1;
    return tenant.contacts().decide(request);
  }
}
