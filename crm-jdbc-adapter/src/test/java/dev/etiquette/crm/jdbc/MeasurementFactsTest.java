package dev.etiquette.crm.jdbc;

import static dev.etiquette.crm.testkit.MeasurementSamples.lifecycle;
import static dev.etiquette.crm.testkit.MeasurementSamples.withLifecycle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.spi.FactStore.CustomerCounts;
import dev.etiquette.crm.api.spi.FactStore.Distribution;
import dev.etiquette.crm.api.spi.FactStore.TimeBasis;
import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.internal.InMemoryStorage;
import dev.etiquette.crm.testkit.MeasurementSamples;
import dev.etiquette.crm.testkit.Samples;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the JDBC adapter adds to the measurement contract: percentiles equal to the contract's expression bit for
 * bit on every database, however the database interpolates; and fact columns that follow every update of the
 * records they come from (the contract's dataset is inserted once), as the in-memory adapter's aggregates do.
 */
class MeasurementFactsTest {

  private static final MeasurementPeriod MARCH = new MeasurementPeriod(LocalDate.of(2026, 3, 1),
      LocalDate.of(2026, 4, 1), ZoneOffset.UTC);
  private static final MeasurementPeriod FEBRUARY = new MeasurementPeriod(LocalDate.of(2026, 2, 1),
      LocalDate.of(2026, 3, 1), ZoneOffset.UTC);
  private static final Instant START = MARCH.startInstant();
  private static final Instant END = MARCH.endInstant();

  /**
   * Distributions of 1 to 60 durations (and a few of several hundred): with many ties, small values, and values up
   * to 10^12 ms with sub-millisecond remainders, whose interpolation in doubles rounds; the JDBC distributions equal
   * {@link Distribution#of} exactly, {@code equals} comparing the doubles bit for bit.
   */
  @ParameterizedTest
  @EnumSource(Dialect.class)
  void percentilesEqualTheContractsExpressionBitForBit(Dialect dialect) {
    JdbcStorage storage = JdbcStorageContractTests.storage(dialect);
    Random random = new Random(20261006L + dialect.ordinal());
    for (int trial = 0; trial < 40; trial++) {
      TenantId tenant = TenantId.of("pct-" + UUID.randomUUID().toString().substring(0, 8));
      int n = trial < 36 ? 1 + random.nextInt(60) : 300 + random.nextInt(500);
      long[] elapsed = new long[n];
      long[] business = new long[n];
      long[] resolution = new long[n];
      List<Conversation> conversations = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Instant in = START.plusSeconds(60L * i).plusNanos(1_000L * random.nextInt(1_000_000));
        Instant reply = in.plus(Duration.ofMillis(millis(random, trial)).plusNanos(1_000L * random.nextInt(1_000)));
        Duration businessTime = Duration.ofMillis(millis(random, trial)).plusNanos(random.nextInt(1_000_000));
        Instant changed = START.plus(Duration.ofMinutes(random.nextInt(40_000)));
        Instant opened = changed.minus(Duration.ofMillis(millis(random, trial)).plusNanos(1_000L * random.nextInt(
            1_000)));
        conversations.add(new Conversation(tenant, ConversationId.of("c" + i), PartyId.of("p1"), Channel.EMAIL,
            ConversationState.RESOLVED, opened, changed, Optional.of(in), Optional.of(in), Optional.of(reply),
            Optional.of(reply), Optional.of(businessTime), 2, 3, opened, changed));
        elapsed[i] = Duration.between(in, reply).toMillis();
        business[i] = businessTime.toMillis();
        resolution[i] = Duration.between(opened, changed).toMillis();
      }
      storage.write(tx -> {
        conversations.forEach(tx.conversations()::insert);
        return null;
      });
      int size = n;
      storage.read(tx -> {
        assertThat(tx.facts().firstResponseTimes(tenant, START, END, TimeBasis.ELAPSED))
            .as("elapsed, %d durations", size).isEqualTo(Distribution.of(elapsed));
        assertThat(tx.facts().firstResponseTimes(tenant, START, END, TimeBasis.BUSINESS))
            .as("business, %d durations", size).isEqualTo(Distribution.of(business));
        assertThat(tx.facts().resolutionTimes(tenant, START, END))
            .as("resolution, %d durations", size).isEqualTo(Distribution.of(resolution));
        return null;
      });
    }
  }

  private static long millis(Random random, int trial) {
    switch (trial % 3) {
      case 0:
        return random.nextInt(4);
      case 1:
        return (long) (random.nextDouble() * 1_000_000_000_000L);
      default:
        return random.nextInt(100_000);
    }
  }

  /**
   * Records inserted and then changed, on the in-memory storage and on the database: a party gaining stages (a
   * party without one has no stage rows to replace), a conversation answered, resolved and reopened, an obligation
   * breached, escalated step by step and satisfied late. Every aggregate of both periods is equal on both.
   */
  @ParameterizedTest
  @EnumSource(Dialect.class)
  void factsFollowEveryUpdateOfTheirRecords(Dialect dialect) {
    TenantId tenant = TenantId.of("upd-" + UUID.randomUUID().toString().substring(0, 8));
    InMemoryStorage memory = new InMemoryStorage();
    JdbcStorage database = JdbcStorageContractTests.storage(dialect);
    List<MeasurementPeriod> periods = List.of(FEBRUARY, MARCH);
    Instant asOf = Instant.parse("2026-03-15T00:00:00Z");
    for (Storage storage : List.of(memory, database)) {
      changeRecords(storage, tenant);
    }
    FactsSnapshot expected = FactsSnapshot.of(memory, tenant, periods, asOf);
    assertThat(FactsSnapshot.of(database, tenant, periods, asOf)).isEqualTo(expected);
    // and what the changes left is not nothing: the periods have customers, a resolution, escalations
    long escalations = database.read(tx -> tx.facts().escalations(tenant, START, END));
    CustomerCounts customers = database.read(tx -> tx.facts().customers(tenant, START, END,
        FactsSnapshot.CUSTOMER_STAGES));
    assertThat(escalations).isEqualTo(2);
    assertThat(customers).isEqualTo(new CustomerCounts(1, 3, 3, 2));
  }

  private static void changeRecords(Storage storage, TenantId t) {
    Party p1 = Samples.party(t, "p1", "One");
    Party p1Lead = withLifecycle(p1, lifecycle("lead", "2026-02-10T10:00:00Z"));
    Party p1Customer = withLifecycle(p1, lifecycle("lead", "2026-02-10T10:00:00Z", "customer",
        "2026-03-05T10:00:00Z"));
    Party p1Churned = withLifecycle(p1, lifecycle("lead", "2026-02-10T10:00:00Z", "customer", "2026-03-05T10:00:00Z",
        "churned", "2026-03-20T10:00:00Z"));
    Party p2 = MeasurementSamples.party(t, "p2", "customer", "2026-02-01T10:00:00Z");
    Party p3 = MeasurementSamples.party(t, "p3", "lead", "2026-03-02T10:00:00Z");
    Party p3Customer = withLifecycle(p3, lifecycle("lead", "2026-03-02T10:00:00Z", "customer",
        "2026-03-02T10:00:00Z"));
    // without a stage before and after its update: no stage rows
    Party p4 = Samples.organization(t, "p4", "Four");
    Party p4Renamed = new Party(t, p4.id(), p4.kind(), "Four (renamed)", p4.roles(), p4.externalIds(),
        p4.contactPoints(), p4.preferences(), p4.consents(), p4.doNotContact(), p4.lifecycle(), p4.owner(), p4.team(),
        p4.tags(), p4.attributes(), 2, p4.createdAt(), Instant.parse("2026-03-03T10:00:00Z"));
    // a lead since January, a customer from 3 March
    Party p5 = Samples.party(t, "p5", "Five");
    Party p5Customer = Samples.changed(p5, Instant.parse("2026-03-03T10:00:00Z"));

    Instant in1 = Instant.parse("2026-03-03T09:00:00Z");
    Conversation c1 = conversation(t, "c1", "p2", in1, null, ConversationState.OPEN, in1, 1);
    Conversation c1Replied = conversation(t, "c1", "p2", in1, in1.plus(Duration.ofMinutes(125)),
        ConversationState.OPEN, in1, 2);
    Conversation c1Resolved = conversation(t, "c1", "p2", in1, in1.plus(Duration.ofMinutes(125)),
        ConversationState.RESOLVED, Instant.parse("2026-03-04T09:00:00Z"), 3);
    Instant in2 = Instant.parse("2026-03-06T09:00:00Z");
    Conversation c2Resolved = conversation(t, "c2", "p3", in2, in2.plusSeconds(30), ConversationState.RESOLVED,
        Instant.parse("2026-03-06T10:00:00Z"), 1);
    Conversation c2Reopened = conversation(t, "c2", "p3", in2, in2.plusSeconds(30), ConversationState.OPEN,
        Instant.parse("2026-03-07T10:00:00Z"), 2);

    Instant due = Instant.parse("2026-03-06T12:00:00Z");
    Obligation open = Samples.obligation(t, "o1").party("p2").dueAt(due).build();
    Obligation breached = Samples.obligation(t, "o1").party("p2").dueAt(due).state(ObligationState.BREACHED)
        .build();
    Obligation escalatedOnce = Samples.obligation(t, "o1").party("p2").dueAt(due).state(ObligationState.BREACHED)
        .escalated(1).build();
    Obligation escalatedTwice = Samples.obligation(t, "o1").party("p2").dueAt(due).state(ObligationState.BREACHED)
        .escalated(2).build();
    Obligation late = Samples.obligation(t, "o1").party("p2").dueAt(due).state(ObligationState.SATISFIED_LATE)
        .escalated(2).build();

    storage.write(tx -> {
      tx.parties().insertAll(List.of(p1, p2, p3, p4, p5));
      tx.conversations().insert(c1);
      tx.conversations().insert(c2Resolved);
      tx.obligations().insert(open);
      tx.interactions().insert(MeasurementSamples.interaction(t, "i1", "p2",
          dev.etiquette.crm.api.interaction.InteractionKind.CONTACT, Map.of(), "2026-03-10T10:00:00Z"));
      tx.interactions().insert(MeasurementSamples.answer(t, "s1", "p3", "nps", AttributeValue.of(new BigDecimal(9)),
          "2026-03-15T10:00:00Z"));
      tx.interactions().insert(MeasurementSamples.answer(t, "s2", "p3", "nps", AttributeValue.of(new BigDecimal(3)),
          "2026-03-15T11:00:00Z"));
      tx.contacts().insert(Samples.contact(t, "d1", "p1", ContactStatus.DENIED, Instant.parse("2026-03-08T10:00:00Z")));
      return null;
    });
    storage.write(tx -> {
      tx.parties().update(p1Lead, p1.version());
      tx.parties().update(p3Customer, p3.version());
      tx.parties().update(p4Renamed, p4.version());
      tx.parties().update(p5Customer, p5.version());
      tx.conversations().update(c1Replied, c1.version());
      tx.conversations().update(c2Reopened, c2Resolved.version());
      tx.obligations().update(breached, open.version());
      return null;
    });
    storage.write(tx -> {
      tx.parties().update(p1Customer, p1Lead.version());
      tx.conversations().update(c1Resolved, c1Replied.version());
      tx.obligations().update(escalatedOnce, breached.version());
      return null;
    });
    storage.write(tx -> {
      tx.parties().update(p1Churned, p1Customer.version());
      tx.obligations().update(escalatedTwice, escalatedOnce.version());
      return null;
    });
    storage.write(tx -> {
      tx.obligations().update(late, escalatedTwice.version());
      return null;
    });
  }

  /** A conversation by e-mail opened by an inbound interaction at {@code in}, answered at {@code reply} or not. */
  private static Conversation conversation(TenantId t, String id, String party, Instant in, Instant reply,
      ConversationState state, Instant changed, long version) {
    Optional<Instant> replied = Optional.ofNullable(reply);
    return new Conversation(t, ConversationId.of(id), PartyId.of(party), Channel.EMAIL, state, in, changed,
        Optional.of(in), Optional.of(in), replied, replied, replied.map(r -> Duration.between(in, r).dividedBy(2)),
        replied.isPresent() ? 2 : 1, version, in, changed.isAfter(in) ? changed : in);
  }
}
