package dev.etiquette.crm.benchmarks;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactId;
import dev.etiquette.crm.api.contact.ContactRequest;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.measure.BuiltInKpi;
import dev.etiquette.crm.api.measure.Cadence;
import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiDefinition;
import dev.etiquette.crm.api.measure.KpiDirection;
import dev.etiquette.crm.api.measure.LedgerEntry;
import dev.etiquette.crm.api.measure.MeasurementPeriod;
import dev.etiquette.crm.api.measure.Objective;
import dev.etiquette.crm.api.measure.Vision;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationQuery;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.Preferences;
import dev.etiquette.crm.api.party.QuietWindow;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.rules.CapWindow;
import dev.etiquette.crm.api.rules.ConsentRegime;
import dev.etiquette.crm.api.rules.ContactRules;
import dev.etiquette.crm.api.rules.FrequencyCap;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.spi.NotificationPort;
import dev.etiquette.crm.api.spi.ObligationPosition;
import dev.etiquette.crm.api.spi.Storage;
import dev.etiquette.crm.internal.InMemoryStorage;
import dev.etiquette.crm.json.CrmJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The measurement benchmarks' data: a support desk's first quarter of 2026, recorded through the public API in
 * memory for {@value #CUSTOMERS} customers (the template), and copied as many times as a benchmark needs.
 *
 * <p>The tenant is {@link SupportDesk}'s: New York, weekdays 09:00–17:00, the support desk's rules (first and next
 * response obligations with warnings and two escalation steps, thank-yous after purchases), plus a contact rule set
 * (opt-in for marketing, two marketing contacts per rolling 7 days, no e-mail between 21:00 and 08:00). From Monday
 * 5 January to 31 March, each customer (a fixed pseudo-random draw per customer):
 * <ul>
 *   <li>starts as a customer (60 %), a lead or an opportunity; half of the others become customers in February or
 *       March; a tenth of the customers churn and a tenth become evangelists;</li>
 *   <li>opens an e-mail conversation in about half of the weeks, answered within minutes to hours (60 %), later the
 *       same day or the next (35 %) or never (5 %), often followed by a second question and its reply; 60 % of the
 *       answered ones are resolved within two days, and some of those get a survey answer (NPS 0–10 or CSAT 1–5, a
 *       few out of range);</li>
 *   <li>buys once a month with probability one half, and is thanked by e-mail after most purchases;</li>
 *   <li>gets marketing e-mails reserved zero to three times a week: some are denied for want of consent, for the
 *       do-not-contact flag, by the cap or by the quiet hours.</li>
 * </ul>
 * Due work is processed every 15 minutes of the tenant's time, so late obligations are breached and escalated. The
 * programme's ledger has licence, hours and services costs and attributed values each month.
 *
 * <p>Every id of the template ends with {@value #MARK} (the tenant's {@code IdGenerator} makes them so, and the
 * conversation ids and e-mail addresses are chosen so), and nothing else in its records contains it. Copy
 * {@code k} of a record is the record with every {@value #MARK} replaced by {@value #MARK}{@code k}: its ids, the
 * ids it refers to and its e-mail address, everything else (instants, states, scores) unchanged. So copies are
 * consistent with each other and with their stored facts, and {@code c} copies hold exactly {@code c} times the
 * template's counts.
 */
final class MeasurementTemplate {

  static final TenantId TENANT = TenantId.of("metrics");
  static final ZoneId ZONE = SupportDesk.NEW_YORK;
  /** The month reported on: March 2026 in New York (its daylight-saving change included). */
  static final MeasurementPeriod MONTH = new MeasurementPeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1),
      ZONE);
  /** The measuring instant: Thursday 2 April 2026, 12:00 in New York. */
  static final Instant AS_OF = Instant.parse("2026-04-02T16:00:00Z");
  /** The suffix of every id of the template. */
  static final String MARK = "_zz";
  /** Customers of the template. */
  static final int CUSTOMERS = 200;

  private static final Instant FROM = Instant.parse("2026-01-05T14:00:00Z");
  private static final Instant UNTIL = MONTH.endInstant();
  private static final Duration DUE_WORK_EVERY = Duration.ofMinutes(15);
  private static final Actor ACTOR = Actor.user("helpdesk");
  /** The desk's hours, in which its agents answer: {@link SupportDesk}'s business calendar. */
  private static final BusinessCalendar CALENDAR = BusinessCalendar.weekdays(ZONE, LocalTime.of(9, 0),
      LocalTime.of(17, 0));

  private final TenantSettings settings;
  private final List<Party> parties;
  private final List<Conversation> conversations;
  private final List<Interaction> interactions;
  private final List<Obligation> obligations;
  private final List<ContactEntry> contacts;
  private final List<LedgerEntry> ledger;

  private MeasurementTemplate(TenantSettings settings, List<Party> parties, List<Conversation> conversations,
      List<Interaction> interactions, List<Obligation> obligations, List<ContactEntry> contacts,
      List<LedgerEntry> ledger) {
    this.settings = settings;
    this.parties = parties;
    this.conversations = conversations;
    this.interactions = interactions;
    this.obligations = obligations;
    this.contacts = contacts;
    this.ledger = ledger;
  }

  int interactions() {
    return interactions.size();
  }

  /** How many copies of the template hold about {@code interactions} interactions (at least one). */
  int copiesFor(long interactions) {
    return (int) Math.max(1, Math.round((double) interactions / this.interactions.size()));
  }

  String summary() {
    return parties.size() + " parties, " + conversations.size() + " conversations, " + interactions.size()
        + " interactions, " + obligations.size() + " obligations, " + contacts.size() + " contact entries, "
        + ledger.size() + " ledger entries";
  }

  // ------------------------------------------------------------------------------------------- the vision

  /**
   * The vision whose KPIs the monthly report gives: every computed built-in, the first response time in three
   * forms and SLA compliance in two.
   */
  static Vision vision() {
    LocalDate deadline = LocalDate.of(2026, 12, 31);
    return new Vision("Answer every customer fast, bother none, keep them, and pay for ourselves", List.of(
        new Objective("answer-fast", "Answer fast and keep our promises", List.of(
            kpi("frt-median", "First response, median business minutes", BuiltInKpi.FIRST_RESPONSE_TIME.definition(),
                KpiDirection.LOWER_IS_BETTER, 120, 60, deadline),
            kpi("frt-p90", "First response, p90 elapsed minutes", BuiltInKpi.FIRST_RESPONSE_TIME.with(
                Map.of("statistic", "p90", "time", "elapsed")), KpiDirection.LOWER_IS_BETTER, 1440, 480, deadline),
            kpi("frt-mean", "First response, mean business minutes", BuiltInKpi.FIRST_RESPONSE_TIME.with(
                Map.of("statistic", "mean")), KpiDirection.LOWER_IS_BETTER, 180, 90, deadline),
            kpi("resolution", "Time to resolution, median minutes", BuiltInKpi.TIME_TO_RESOLUTION.definition(),
                KpiDirection.LOWER_IS_BETTER, 2880, 1440, deadline),
            kpi("sla", "SLA compliance", BuiltInKpi.SLA_COMPLIANCE.definition(), KpiDirection.HIGHER_IS_BETTER, 80,
                95, deadline),
            kpi("sla-first", "First responses on time", BuiltInKpi.SLA_COMPLIANCE.with(
                Map.of("kind", "first_response")), KpiDirection.HIGHER_IS_BETTER, 80, 95, deadline),
            kpi("breaches", "Breaches", BuiltInKpi.BREACHES.definition(), KpiDirection.LOWER_IS_BETTER, 100, 10,
                deadline),
            kpi("escalations", "Escalations", BuiltInKpi.ESCALATIONS.definition(), KpiDirection.LOWER_IS_BETTER,
                100, 10, deadline))),
        new Objective("respect", "Bother no one, please everyone", List.of(
            kpi("denied", "Contacts denied by etiquette", BuiltInKpi.CONTACTS_DENIED.definition(),
                KpiDirection.LOWER_IS_BETTER, 500, 100, deadline),
            kpi("nps", "Net promoter score", BuiltInKpi.NPS.definition(), KpiDirection.HIGHER_IS_BETTER, 10, 40,
                deadline),
            kpi("csat", "Customer satisfaction", BuiltInKpi.CSAT.definition(), KpiDirection.HIGHER_IS_BETTER, 70, 90,
                deadline))),
        new Objective("grow", "Keep and grow the customer base", List.of(
            kpi("active", "Active customers", BuiltInKpi.ACTIVE_CUSTOMERS.definition(),
                KpiDirection.HIGHER_IS_BETTER, 100, 200, deadline),
            kpi("stages", "Parties with a stage", BuiltInKpi.CUSTOMERS_BY_STAGE.definition(),
                KpiDirection.HIGHER_IS_BETTER, 100, 200, deadline),
            kpi("acquisition", "New customers", BuiltInKpi.ACQUISITION.definition(), KpiDirection.HIGHER_IS_BETTER,
                10, 30, deadline),
            kpi("retention", "Retention", BuiltInKpi.RETENTION.definition(), KpiDirection.HIGHER_IS_BETTER, 90, 98,
                deadline),
            kpi("churn", "Churn", BuiltInKpi.CHURN.definition(), KpiDirection.LOWER_IS_BETTER, 10, 2, deadline))),
        new Objective("pay", "Pay for ourselves", List.of(
            kpi("roi", "Programme ROI", BuiltInKpi.ROI.definition(), KpiDirection.HIGHER_IS_BETTER, 0, 100,
                deadline)))));
  }

  private static Kpi kpi(String id, String name, KpiDefinition definition, KpiDirection direction, double baseline,
      double target, LocalDate deadline) {
    return new Kpi(id, name, definition, direction, baseline, target, deadline, "support-lead", Cadence.MONTHLY);
  }

  // ----------------------------------------------------------------------------------------- recording it

  /** Records the template through the public API, in memory, and reads its records back. */
  static MeasurementTemplate record() {
    InMemoryStorage storage = new InMemoryStorage();
    BenchClock clock = new BenchClock(FROM);
    AtomicLong ids = new AtomicLong();
    Crm crm = Crm.builder().clock(clock).storage(storage).notifications(NotificationPort.NONE)
        .idGenerator(type -> type.charAt(0) + Long.toString(ids.incrementAndGet()) + MARK).build();
    CrmTenant tenant = crm.tenant(TENANT, ACTOR);
    SupportDesk.configure(tenant);
    tenant.rules().publish(RuleSet.builder("etiquette", 1, Instant.parse("2026-01-01T00:00:00Z"))
        .contact(ContactRules.builder(ConsentRegime.OPT_IN)
            .cap(FrequencyCap.of("weekly", Purpose.MARKETING, 2, CapWindow.rolling(Duration.ofDays(7))))
            .quietHours(Channel.EMAIL, QuietWindow.of(LocalTime.of(21, 0), LocalTime.of(8, 0)))
            .build())
        .build());

    List<PartyDraft> drafts = new ArrayList<>();
    List<SplittableRandom> draws = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      SplittableRandom r = new SplittableRandom(7_919L * (i + 1));
      draws.add(r);
      double kind = r.nextDouble();
      LifecycleStage stage = kind < 0.6 ? LifecycleStage.CUSTOMER : kind < 0.85 ? LifecycleStage.LEAD
          : LifecycleStage.OPPORTUNITY;
      PartyDraft.Builder draft = PartyDraft.person("Customer " + i).roles(Role.CUSTOMER).stage(stage)
          .email("c" + i + MARK + "@example.com")
          .preferences(Preferences.none().withTimeZone(ZONE))
          .doNotContact(r.nextDouble() < 0.05);
      if (r.nextDouble() < 0.8) {
        draft.consent(ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "signup"));
      }
      drafts.add(draft.build());
    }
    List<Party> created = tenant.parties().createAll(drafts);

    PriorityQueue<Event> events = new PriorityQueue<>(Comparator.comparing(Event::at).thenComparingLong(Event::seq));
    AtomicLong seq = new AtomicLong();
    Function<Instant, Long> next = at -> seq.incrementAndGet();
    List<ContactId> contactIds = new ArrayList<>();
    List<InteractionId> interactionIds = new ArrayList<>();
    List<ConversationId> conversationIds = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      plan(tenant, created.get(i), draws.get(i), i, events, next, interactionIds, conversationIds, contactIds);
    }
    for (Instant t = FROM.plus(DUE_WORK_EVERY); t.isBefore(AS_OF); t = t.plus(DUE_WORK_EVERY)) {
      events.add(new Event(t, next.apply(t), crm::processDue));
    }
    for (Event e = events.poll(); e != null; e = events.poll()) {
      clock.set(e.at());
      e.action().run();
    }
    clock.set(AS_OF);
    crm.processDue();

    for (int month = 1; month <= 3; month++) {
      LocalDate first = LocalDate.of(2026, month, 1);
      tenant.measurement().addToLedger(LedgerEntry.cost("licence-" + month, "licence", new BigDecimal("1200.00"),
          first, "CRM licence"));
      tenant.measurement().addToLedger(LedgerEntry.hours("hours-" + month, new BigDecimal(30 + 5 * month),
          new BigDecimal("45.50"), first.plusDays(27), "Support hours on the programme"));
      if (month == 2) {
        tenant.measurement().addToLedger(LedgerEntry.cost("services-2", "services", new BigDecimal("800.00"),
            first.plusDays(10), "Onboarding services"));
      }
      tenant.measurement().addToLedger(LedgerEntry.value("revenue-" + month, "attributed_revenue",
          new BigDecimal(2_000 + 700 * month), first.plusDays(20), "Revenue attributed to the programme"));
      tenant.measurement().addToLedger(LedgerEntry.value("retained-" + month, "retained_value",
          new BigDecimal("1500.25"), first.plusDays(25), "Value of customers kept"));
    }

    return storage.read(tx -> {
      List<Party> parties = new ArrayList<>();
      for (Party p : created) {
        parties.add(tx.parties().find(TENANT, p.id()).orElseThrow());
      }
      List<Conversation> conversations = new ArrayList<>();
      for (ConversationId id : conversationIds) {
        conversations.add(tx.conversations().find(TENANT, id).orElseThrow());
      }
      List<Interaction> interactions = new ArrayList<>();
      for (InteractionId id : interactionIds) {
        interactions.add(tx.interactions().find(TENANT, id).orElseThrow());
      }
      List<Obligation> obligations = new ArrayList<>();
      Optional<ObligationPosition> after = Optional.empty();
      while (true) {
        List<Obligation> page = tx.obligations().search(TENANT, ObligationQuery.all(), after, 1_000);
        obligations.addAll(page);
        if (page.size() < 1_000) {
          break;
        }
        after = Optional.of(ObligationPosition.of(page.get(page.size() - 1)));
      }
      List<ContactEntry> contacts = new ArrayList<>();
      for (ContactId id : contactIds) {
        contacts.add(tx.contacts().find(TENANT, id).orElseThrow());
      }
      List<LedgerEntry> ledger = tx.measurements().ledger(TENANT, LocalDate.of(2025, 1, 1),
          LocalDate.of(2027, 1, 1));
      return new MeasurementTemplate(tx.settings().find(TENANT).orElseThrow(), parties, conversations,
          interactions, obligations, contacts, ledger);
    });
  }

  private record Event(Instant at, long seq, Runnable action) {}

  /** Puts one customer's quarter on the agenda. */
  private static void plan(CrmTenant tenant, Party party, SplittableRandom r, int i, PriorityQueue<Event> events,
      Function<Instant, Long> seq, List<InteractionId> interactions, List<ConversationId> conversations,
      List<ContactId> contacts) {
    PartyId id = party.id();
    Instant february = Instant.parse("2026-02-01T05:00:00Z");
    // stage moves
    LifecycleStage stage = party.lifecycle().current().orElseThrow();
    if (!stage.equals(LifecycleStage.CUSTOMER)) {
      if (r.nextDouble() < 0.5) {
        Instant at = between(r, february, UNTIL);
        events.add(new Event(at, seq.apply(at), () -> move(tenant, id, LifecycleStage.CUSTOMER)));
      }
    } else {
      double fate = r.nextDouble();
      if (fate < 0.1) {
        Instant at = between(r, february, UNTIL);
        events.add(new Event(at, seq.apply(at), () -> move(tenant, id, LifecycleStage.CHURNED)));
      } else if (fate < 0.2) {
        Instant at = between(r, FROM.plus(Duration.ofDays(10)), UNTIL);
        events.add(new Event(at, seq.apply(at), () -> move(tenant, id, LifecycleStage.EVANGELIST)));
      }
    }
    // conversations, week by week: each customer writes in a share of the weeks of its own
    double activity = 0.1 + 0.6 * r.nextDouble();
    for (int week = 0; week < 13; week++) {
      Instant weekStart = FROM.plus(Duration.ofDays(7L * week));
      if (r.nextDouble() < activity) {
        ConversationId conversation = ConversationId.of("c" + i + "-" + week + MARK);
        Instant asked = between(r, weekStart, weekStart.plus(Duration.ofDays(7)));
        if (!asked.isBefore(UNTIL)) {
          continue;
        }
        conversations.add(conversation);
        record(tenant, events, seq, interactions, asked, email(id, conversation, true));
        // the desk answers in its business hours: most within the first-response target of 4 business hours,
        // some later that day or the next, a few after a day or more, some never
        double speed = r.nextDouble();
        if (speed >= 0.95) {
          continue;
        }
        Instant last = speed < 0.6 ? CALENDAR.plusBusinessTime(asked, minutes(r, 5, 240))
            : speed < 0.85 ? CALENDAR.plusBusinessTime(asked, minutes(r, 120, 600))
            : asked.plus(minutes(r, 600, 2_400));
        record(tenant, events, seq, interactions, last, email(id, conversation, false));
        if (r.nextDouble() < 0.5) {
          last = last.plus(minutes(r, 30, 1_200));
          record(tenant, events, seq, interactions, last, email(id, conversation, true));
          if (r.nextDouble() < 0.8) {
            last = CALENDAR.plusBusinessTime(last, minutes(r, 20, 720));
            record(tenant, events, seq, interactions, last, email(id, conversation, false));
          }
        }
        if (r.nextDouble() < 0.6) {
          Instant resolved = last.plus(minutes(r, 60, 2_880));
          events.add(new Event(resolved, seq.apply(resolved), () -> {
            Conversation c = tenant.interactions().conversation(conversation);
            tenant.interactions().setConversationState(conversation, c.version(), ConversationState.RESOLVED);
          }));
          double survey = r.nextDouble();
          Instant answered = resolved.plus(minutes(r, 60, 4_320));
          if (survey < 0.5) {
            record(tenant, events, seq, interactions, answered, answer(id, "nps", npsScore(r)));
          } else if (survey < 0.8) {
            record(tenant, events, seq, interactions, answered, answer(id, "csat", csatScore(r)));
          }
        }
      }
      // marketing e-mails: 0 to 3 a week, a tenth of them in the quiet hours
      int mails = r.nextInt(4);
      for (int m = 0; m < mails; m++) {
        Instant day = weekStart.plus(Duration.ofDays(r.nextInt(7)));
        // the day's 09:00 (EST; 10:00 once summer time has begun) plus 13-15 hours, or minus half an hour to plus 11
        Instant at = r.nextDouble() < 0.1 ? day.plus(minutes(r, 13 * 60, 15 * 60))
            : day.plus(minutes(r, -30, 11 * 60));
        if (!at.isBefore(UNTIL)) {
          continue;
        }
        events.add(new Event(at, seq.apply(at), () -> contacts.add(
            tenant.contacts().reserve(ContactRequest.of(id, Channel.EMAIL, Purpose.MARKETING, at)).id())));
      }
    }
    // purchases, and the thank-you e-mail after most
    for (int month = 1; month <= 3; month++) {
      if (r.nextDouble() < 0.5) {
        Instant monthStart = LocalDate.of(2026, month, 1).atStartOfDay(ZONE).toInstant();
        Instant bought = between(r, monthStart, LocalDate.of(2026, month, 1).plusMonths(1).atStartOfDay(ZONE)
            .toInstant().minus(Duration.ofDays(3)));
        if (bought.isBefore(FROM)) {
          bought = FROM.plus(minutes(r, 10, 600));
        }
        record(tenant, events, seq, interactions, bought, InteractionDraft.inbound(id, Channel.EMAIL,
            Purpose.SALES).kind(InteractionKind.PURCHASE).build());
        if (r.nextDouble() < 0.7) {
          record(tenant, events, seq, interactions, bought.plus(minutes(r, 60, 2_880)),
              InteractionDraft.outbound(id, Channel.EMAIL, Purpose.SERVICE).kind(InteractionKind.CONTACT).build());
        }
      }
    }
  }

  private static void record(CrmTenant tenant, PriorityQueue<Event> events, Function<Instant, Long> seq,
      List<InteractionId> ids, Instant at, InteractionDraft draft) {
    events.add(new Event(at, seq.apply(at), () -> ids.add(tenant.interactions().record(draft).id())));
  }

  private static void move(CrmTenant tenant, PartyId id, LifecycleStage stage) {
    Party p = tenant.parties().get(id);
    tenant.parties().moveStage(id, p.version(), stage);
  }

  private static InteractionDraft email(PartyId party, ConversationId conversation, boolean inbound) {
    return (inbound ? InteractionDraft.inbound(party, Channel.EMAIL, Purpose.SERVICE)
        : InteractionDraft.outbound(party, Channel.EMAIL, Purpose.SERVICE)).conversation(conversation).build();
  }

  private static InteractionDraft answer(PartyId party, String survey, int score) {
    return InteractionDraft.inbound(party, Channel.EMAIL, Purpose.SERVICE).kind(InteractionKind.SURVEY_ANSWER)
        .attribute("survey", AttributeValue.of(survey)).attribute("score", AttributeValue.of(score)).build();
  }

  /** 45 % promoters, 30 % passives, 23 % detractors, 2 % out of range. */
  private static int npsScore(SplittableRandom r) {
    double d = r.nextDouble();
    return d < 0.45 ? 9 + r.nextInt(2) : d < 0.75 ? 7 + r.nextInt(2) : d < 0.98 ? r.nextInt(7) : 11;
  }

  /** Mostly 4 and 5, 2 % out of range. */
  private static int csatScore(SplittableRandom r) {
    double d = r.nextDouble();
    return d < 0.4 ? 5 : d < 0.7 ? 4 : d < 0.85 ? 3 : d < 0.93 ? 2 : d < 0.98 ? 1 : 0;
  }

  private static Instant between(SplittableRandom r, Instant from, Instant until) {
    return from.plusSeconds(r.nextLong(Duration.between(from, until).toSeconds()));
  }

  private static Duration minutes(SplittableRandom r, int from, int until) {
    return Duration.ofMinutes(from + r.nextInt(until - from));
  }

  // ------------------------------------------------------------------------------------------- copying it

  /** Copy {@code k} of a record's JSON: every {@value #MARK} followed by {@code k}; copy 0 is the record itself. */
  static String copy(String json, int k) {
    return k == 0 ? json : json.replace(MARK, MARK + k);
  }

  /** A record and its JSON, written once: each copy is read from the JSON with its ids replaced. */
  private record Source<T>(T record, String json, Class<T> type) {
    static <T> List<Source<T>> of(List<T> records, Class<T> type) {
      return records.stream().map(r -> new Source<>(r, CrmJson.toJson(r), type)).toList();
    }

    T copy(int k) {
      return k == 0 ? record : CrmJson.fromJson(MeasurementTemplate.copy(json, k), type);
    }
  }

  /**
   * Writes copies {@code from} to {@code until} (exclusive) of the template into {@code storage} through the
   * storage SPI (copy 0 is the template itself), in transactions of about 1,000 records; with {@code from} = 0 also
   * the tenant's settings and the ledger, which are not copied.
   */
  void writeCopies(Storage storage, int from, int until) {
    writeCopies(List.of(storage), List.of(until), from);
  }

  /**
   * Writes copies {@code from} to {@code until.get(i)} (exclusive) into {@code storages.get(i)}, as
   * {@link #writeCopies(Storage, int, int)} does, reading each copy once for all the storages that take it (the
   * records are immutable) and reading the next copies on the other threads of the common pool while the calling
   * thread writes.
   */
  void writeCopies(List<Storage> storages, List<Integer> until, int from) {
    if (from == 0) {
      for (Storage storage : storages) {
        storage.write(tx -> {
          tx.settings().save(settings);
          ledger.forEach(e -> tx.measurements().addLedgerEntry(TENANT, e));
          return null;
        });
      }
    }
    Sources sources = new Sources(Source.of(parties, Party.class), Source.of(conversations, Conversation.class),
        Source.of(interactions, Interaction.class), Source.of(obligations, Obligation.class),
        Source.of(contacts, ContactEntry.class));
    int last = until.stream().max(Integer::compare).orElse(from);
    int batch = Math.max(1, ForkJoinPool.getCommonPoolParallelism()) * 2;
    for (int first = from; first < last; first += batch) {
      List<Copy> copies = IntStream.range(first, Math.min(last, first + batch)).parallel()
          .mapToObj(sources::copy).toList();
      for (Copy copy : copies) {
        for (int i = 0; i < storages.size(); i++) {
          if (copy.k() < until.get(i)) {
            copy.writeTo(storages.get(i));
          }
        }
      }
    }
  }

  private record Sources(List<Source<Party>> parties, List<Source<Conversation>> conversations,
      List<Source<Interaction>> interactions, List<Source<Obligation>> obligations,
      List<Source<ContactEntry>> contacts) {

    Copy copy(int k) {
      return new Copy(k, parties.stream().map(x -> x.copy(k)).toList(),
          conversations.stream().map(x -> x.copy(k)).toList(), interactions.stream().map(x -> x.copy(k)).toList(),
          obligations.stream().map(x -> x.copy(k)).toList(), contacts.stream().map(x -> x.copy(k)).toList());
    }
  }

  /** Copy {@code k} of the template's records. */
  private record Copy(int k, List<Party> parties, List<Conversation> conversations, List<Interaction> interactions,
      List<Obligation> obligations, List<ContactEntry> contacts) {

    void writeTo(Storage storage) {
      storage.write(tx -> {
        tx.parties().insertAll(parties);
        return null;
      });
      chunks(conversations, 1_000, c -> storage.write(tx -> {
        c.forEach(tx.conversations()::insert);
        return null;
      }));
      chunks(interactions, 1_000, c -> storage.write(tx -> {
        c.forEach(tx.interactions()::insert);
        return null;
      }));
      chunks(obligations, 1_000, c -> storage.write(tx -> {
        c.forEach(tx.obligations()::insert);
        return null;
      }));
      chunks(contacts, 1_000, c -> storage.write(tx -> {
        c.forEach(tx.contacts()::insert);
        return null;
      }));
    }
  }

  private static <T> void chunks(List<T> records, int size,
      java.util.function.Consumer<List<T>> write) {
    for (int from = 0; from < records.size(); from += size) {
      write.accept(records.subList(from, Math.min(records.size(), from + size)));
    }
  }
}
