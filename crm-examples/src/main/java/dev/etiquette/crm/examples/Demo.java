package dev.etiquette.crm.examples;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.CrmTenant;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.VersionConflictException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.notification.Delivery;
import dev.etiquette.crm.api.notification.DeliveryStatus;
import dev.etiquette.crm.api.notification.Directory;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.notification.OutboxEntry;
import dev.etiquette.crm.api.notification.OutboxStats;
import dev.etiquette.crm.api.notification.Stakeholder;
import dev.etiquette.crm.api.notification.Subscription;
import dev.etiquette.crm.api.notification.Subscription.Audience;
import dev.etiquette.crm.api.notification.Subscription.Cadence;
import dev.etiquette.crm.api.notification.Subscription.Scope;
import dev.etiquette.crm.api.spi.NotificationPort;
import dev.etiquette.crm.api.spi.StakeholderDirectory;
import dev.etiquette.crm.notify.NotificationRouter;
import dev.etiquette.crm.notify.RelayPolicy;
import dev.etiquette.crm.notify.RelayRun;
import dev.etiquette.crm.notify.WebhookNotificationPort;
import dev.etiquette.crm.api.obligation.DueWork;
import dev.etiquette.crm.api.obligation.EscalationPoint;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationEvent;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.obligation.ObligationQuery;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactReceipt;
import dev.etiquette.crm.api.contact.RuleVerdict;
import dev.etiquette.crm.json.RuleSetJson;
import dev.etiquette.crm.replay.Replay;
import dev.etiquette.crm.replay.ReplayDiff;
import dev.etiquette.crm.replay.ReplayJson;
import dev.etiquette.crm.replay.Scenario;
import dev.etiquette.crm.api.rules.RuleSetHistory;
import dev.etiquette.crm.examples.rules.SupportDeskRules;
import dev.etiquette.crm.api.party.AttributeDefinition;
import dev.etiquette.crm.api.party.AttributeSchema;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.ConsentRecord;
import dev.etiquette.crm.api.party.ContactKind;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Parties;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyDraft;
import dev.etiquette.crm.api.party.PartyId;
import dev.etiquette.crm.api.party.PartyKind;
import dev.etiquette.crm.api.party.PartyQuery;
import dev.etiquette.crm.api.party.PartyUpdate;
import dev.etiquette.crm.api.party.PhoneNumber;
import dev.etiquette.crm.api.party.PostalAddress;
import dev.etiquette.crm.api.party.Preferences;
import dev.etiquette.crm.api.party.QuietWindow;
import dev.etiquette.crm.api.party.Relationship;
import dev.etiquette.crm.api.party.RelationshipDraft;
import dev.etiquette.crm.api.party.RelationshipType;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.party.SocialHandle;
import dev.etiquette.crm.api.party.StageChange;
import dev.etiquette.crm.api.party.Website;
import dev.etiquette.crm.api.spi.IdGenerator;
import dev.etiquette.crm.api.measure.BuiltInKpi;
import dev.etiquette.crm.api.measure.Kpi;
import dev.etiquette.crm.api.measure.KpiAssessment;
import dev.etiquette.crm.api.measure.KpiDirection;
import dev.etiquette.crm.api.measure.KpiReport;
import dev.etiquette.crm.api.measure.LedgerEntry;
import dev.etiquette.crm.api.measure.MeasureRun;
import dev.etiquette.crm.api.measure.Measurement;
import dev.etiquette.crm.api.measure.Measurements;
import dev.etiquette.crm.api.measure.Objective;
import dev.etiquette.crm.api.measure.Report;
import dev.etiquette.crm.api.measure.Vision;
import dev.etiquette.crm.measure.Reports;
import dev.etiquette.crm.json.CrmJson;
import java.io.PrintStream;
import dev.etiquette.crm.jdbc.JdbcStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * A guided tour of the customer records of Etiquette CRM ("C", plus relationships and the interaction
 * timeline), in an embedded database file, with no setup. It configures a tenant, creates parties in
 * different roles with contact points, consent and preferences, relates them, searches with paging, moves
 * a lifecycle stage, shows what the library rejects and why, prints one party's audit trail, shows the
 * JSON form of the values, and records a support conversation and other touches on the timeline. Last, the
 * etiquette rules at work: a first response owed across a weekend, breached and escalated, and a thank-you
 * follow-up done on time, with each notification printed as it is delivered. Then contact decisions, a replay
 * of a scenario under two rule sets, and communication: stakeholders and their subscriptions, deliveries routed
 * by channel (an inbox, a mailer, a signed webhook to a receiver on 127.0.0.1), a manager's daily digest sent
 * at 08:00 in Paris by the relay, and a delivery the receiver refused with 503 retried after a backoff.
 *
 * <p>The output is deterministic: time comes from a clock the demo advances by hand, and ids from a
 * counting {@link IdGenerator}. Run it with {@code mvn -B -q -Pdemo -pl crm-examples -am compile} from the
 * repository root.
 */
public final class Demo {

  /** The instant the demo's clock starts at: Monday 3 March 2025, 09:00 in London (UTC in winter). */
  static final Instant START = Instant.parse("2025-03-03T09:00:00Z");

  private static final TenantId TENANT = TenantId.of("northwind");
  private static final TenantId OTHER_TENANT = TenantId.of("contoso");
  private static final RelationshipType REFERRED_BY = RelationshipType.of("referred_by");
  private static final int WIDTH = 78;

  private final PrintStream out;
  private final DemoClock clock = new DemoClock(START);
  /** The host's directory of people: empty (the default subscription) until section 15 fills it. */
  private final HostDirectory hostDirectory = new HostDirectory();
  /** The tenant that the printing ports of section 15 read party names through. */
  private CrmTenant reader;
  private int section;
  /** Deliveries to the support desk's own tool (section 16), counted, not printed. */
  private final AtomicInteger deskDeliveries = new AtomicInteger();

  private Demo(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the whole demo, printing to {@code out}. */
  public static void run(PrintStream out) {
    new Demo(out).tour();
  }

  private void tour() {
    Path directory = temporaryDirectory();
    // section 15's webhook receiver: started first, so that the Crm's router can point a webhook port at it
    try (WebhookReceiverExample receiver = WebhookReceiverExample.start(WebhookReceiverExample.SECRET, clock,
            text -> line("    %s", text), false);
        Crm crm = Crm.builder().clock(clock).idGenerator(new CountingIds())
            .stakeholders(hostDirectory)
            .notifications(router(receiver))
            // a fixed relay id and seeded jitter, so that a retry's instant is the same on every run
            .relay(RelayPolicy.builder().relayId("demo-relay").jitter(new SplittableRandom(2026)).build())
            .storage(JdbcStorage.embeddedH2(directory.resolve("crm"))).build()) {
      out.println("Records live in an embedded H2 database file: JdbcStorage.embeddedH2(path), one call, no server;");
      out.println("the schema is created by versioned migrations. This run uses a fresh temporary file, deleted at the end.");
      out.println();

      CrmTenant admin = crm.tenant(TENANT, Actor.user("admin"));
      CrmTenant sam = admin.as(Actor.user("sam.carter"));

      configureTenant(admin);
      People people = createParties(sam);
      showContactPointsAndConsent(sam, crm.tenant(OTHER_TENANT), people);
      relate(sam, people);
      search(sam);
      lifecycle(sam, people);
      rejectInvalidInput(sam);
      rejectStaleVersion(sam, people);
      auditTrail(sam, people);
      json(sam, people);
      timeline(sam, people);
      etiquette(crm, admin, sam, people);
      contactDecisions(admin, sam, people);
      replay();
      communication(crm, admin, sam, people, receiver);
      measurement(crm, admin, sam, people);

      heading("Done");
      line("Everything above ran in an embedded H2 file: no server to run, nothing to set up.");
      line("Next: docs/getting-started.md, docs/concepts.md and docs/adapters.md.");
    } finally {
      deleteRecursively(directory);
    }
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("etiquette-crm-demo");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // 1. The tenant

  private void configureTenant(CrmTenant admin) {
    heading("Tenant '" + TENANT + "' is configured");
    TenantSettings settings = TenantSettings.defaults(TENANT)
        .withZone(ZoneId.of("Europe/London"))
        .withDefaultRegion("GB")
        .withAttributes(AttributeSchema.of(
            AttributeDefinition.enumeration("tier", "bronze", "silver", "gold"),
            AttributeDefinition.number("annual_revenue"),
            AttributeDefinition.date("renewal_date")))
        .withRelationshipTypes(Set.of(REFERRED_BY));
    TenantSettings stored = admin.configure(settings);

    line("time zone            %s", stored.zone());
    line("default phone region %s  (national numbers such as 020 7946 0958 are read as UK numbers)",
        stored.defaultRegion().orElse("none"));
    line("lifecycle path       %s", stored.lifecycle().path().stream()
        .map(LifecycleStage::name).collect(Collectors.joining(" -> ")));
    line("exit stages          %s  (any stage may enter; leaving needs force)",
        stored.lifecycle().exits().stream().map(LifecycleStage::name).sorted()
            .collect(Collectors.joining(", ")));
    stored.attributes().definitions().values().forEach(d -> line("attribute            %s : %s%s",
        d.name(), d.type(), d.allowedValues().isEmpty() ? "" : " " + d.allowedValues()));
    line("relationship types   built in: account_of, partner_of, reports_to, works_for; tenant's own: %s",
        stored.relationshipTypes().stream().map(RelationshipType::name).collect(Collectors.joining(", ")));
  }

  // ---------------------------------------------------------------------------------------------------
  // 2. Parties in different roles

  /** The parties the later sections use. */
  private record People(Party globex, Party globexEurope, Party ada, Party initech, Party umbrella,
      Party samCarter, Party grace, Party grant, Party katherine) {}

  private People createParties(CrmTenant sam) {
    heading("Parties in different roles are created (as user sam.carter)");
    Parties parties = sam.parties();
    Instant signup = now().minus(Duration.ofDays(2));

    Party globex = created(parties.create(PartyDraft.organization("Globex Corporation")
        .roles(Role.CUSTOMER)
        .externalId("billing", "GLX-0042")
        .email("accounts@GLOBEX.Example")
        .contactPoint(ContactPoint.website("https://WWW.Globex.example/about"))
        .contactPoint(new PostalAddress(List.of("1 Globex Plaza"), "Manchester", Optional.empty(),
            Optional.of("M1 1AA"), "GB", Optional.of("head office"), false))
        .stage(LifecycleStage.CUSTOMER)
        .owner("sam.carter")
        .team("key-accounts")
        .tags("enterprise")
        .attribute("tier", AttributeValue.choice("gold"))
        .attribute("annual_revenue", AttributeValue.of(new BigDecimal("1250000")))
        .build()));

    Party globexEurope = created(parties.create(PartyDraft.organization("Globex Europe GmbH")
        .roles(Role.CUSTOMER)
        .email("einkauf@Globex-Europe.example")
        .stage(LifecycleStage.CUSTOMER)
        .owner("sam.carter")
        .tags("enterprise")
        .attribute("tier", AttributeValue.choice("silver"))
        .attribute("annual_revenue", AttributeValue.of(310_000))
        .build()));

    Party ada = created(parties.create(PartyDraft.person("Ada Lovelace")
        .roles(Role.CUSTOMER)
        .externalId("shop", "cust-1815")
        .email("Ada.Lovelace@Globex.EXAMPLE")
        .email("ada@lovelace.example")
        .phone("020 7946 0958")
        .contactPoint(ContactPoint.social("Mastodon", "@ada@analytical.example"))
        .preferences(Preferences.none()
            .withTimeZone(ZoneId.of("Europe/London"))
            .withLocale(Locale.UK)
            .withPreferredChannel(Channel.EMAIL)
            .withQuietHours(Channel.PHONE, QuietWindow.of(LocalTime.of(20, 0), LocalTime.of(9, 0)))
            .withQuietHours(Channel.SMS, QuietWindow.of(LocalTime.of(21, 0), LocalTime.of(8, 0))))
        .consent(ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "newsletter signup form")
            .capturedAt(signup)
            .doubleOptInConfirmedAt(signup.plus(Duration.ofMinutes(12))))
        .consent(ConsentDraft.optOut(Channel.SMS, Purpose.MARKETING, "replied STOP to an SMS")
            .capturedAt(signup.plus(Duration.ofDays(1))))
        .stage(LifecycleStage.CUSTOMER)
        .owner("sam.carter")
        .tags("vip", "newsletter")
        .attribute("tier", AttributeValue.choice("gold"))
        .attribute("renewal_date", AttributeValue.of(LocalDate.of(2025, 12, 31)))
        .build()));

    Party initech = created(parties.create(PartyDraft.organization("Initech Consulting")
        .roles(Role.PARTNER)
        .email("partners@initech.example")
        .phone("0161 496 0123")
        .owner("sam.carter")
        .tags("reseller")
        .build()));

    Party umbrella = created(parties.create(PartyDraft.organization("Umbrella Office Supplies Ltd")
        .roles(Role.VENDOR)
        .externalId("erp", "V-7731")
        .contactPoint(ContactPoint.website("https://umbrella.example"))
        .email("orders@umbrella.example")
        .build()));

    Party samCarter = created(parties.create(PartyDraft.person("Sam Carter")
        .roles(Role.EMPLOYEE)
        .externalId("hr", "E-1001")
        .email("sam.carter@Northwind.Example")
        .team("key-accounts")
        .build()));

    Party grace = created(parties.create(PartyDraft.person("Grace Hopper")
        .roles(Role.PROSPECT)
        .email("grace@Hopper.Example")
        .consent(ConsentDraft.optIn(Channel.EMAIL, Purpose.MARKETING, "webinar registration")
            .capturedAt(signup))
        .stage(LifecycleStage.LEAD)
        .owner("sam.carter")
        .tags("webinar-2025")
        .build()));

    Party grant = created(parties.create(PartyDraft.person("Grant Imahara")
        .roles(Role.PROSPECT)
        .email("grant@imahara.example")
        .stage(LifecycleStage.SUBSCRIBER)
        .tags("webinar-2025")
        .build()));

    Party katherine = created(parties.create(PartyDraft.person("Katherine Johnson")
        .roles(Role.PROSPECT, Role.STAKEHOLDER)
        .email("katherine@johnson.example")
        .stage(LifecycleStage.LEAD)
        .owner("sam.carter")
        .tags("webinar-2025", "investor-day")
        .build()));

    return new People(globex, globexEurope, ada, initech, umbrella, samCarter, grace, grant, katherine);
  }

  private Party created(Party party) {
    tick(Duration.ofMinutes(1));
    line("%-10s %s (%s), version %d", party.id(), party.displayName(), party.kind().name().toLowerCase(Locale.ROOT),
        party.version());
    List<String> facts = new ArrayList<>();
    facts.add("roles " + party.roles().stream().map(Enum::name).collect(Collectors.joining("+")));
    party.stage().ifPresent(s -> facts.add("stage " + s));
    party.owner().ifPresent(o -> facts.add("owner " + o));
    party.team().ifPresent(t -> facts.add("team " + t));
    if (!party.tags().isEmpty()) {
      facts.add("tags " + String.join(",", party.tags()));
    }
    line("%-10s %s", "", String.join(" | ", facts));
    if (!party.attributes().isEmpty()) {
      line("%-10s attributes %s", "", party.attributes().entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue().asText()).collect(Collectors.joining(", ")));
    }
    if (!party.externalIds().isEmpty()) {
      line("%-10s external ids %s", "", party.externalIds().stream().map(Object::toString)
          .collect(Collectors.joining(", ")));
    }
    return party;
  }

  // ---------------------------------------------------------------------------------------------------
  // 3. Contact points, preferences, consent, lookups

  private void showContactPointsAndConsent(CrmTenant sam, CrmTenant otherTenant, People people) {
    heading("Contact points are normalized; preferences and consent are kept");
    Party ada = people.ada();
    line("Ada Lovelace's contact points, as stored:");
    for (ContactPoint point : ada.contactPoints()) {
      line("  %-7s %-36s%s", point.kind().name().toLowerCase(Locale.ROOT), render(point),
          point.primary() ? " (primary)" : "");
    }
    line("given 'Ada.Lovelace@Globex.EXAMPLE' -> stored '%s'  (domain lower-cased, local part kept)",
        ada.primaryEmail().orElse("?"));
    line("given '020 7946 0958'               -> stored '%s'  (E.164, read with region GB)",
        ada.primaryPhone().orElse("?"));

    Preferences prefs = ada.preferences();
    line("preferences: zone %s, locale %s, prefers %s",
        prefs.timeZone().map(ZoneId::getId).orElse("(tenant's)"),
        prefs.locale().map(Locale::toLanguageTag).orElse("-"),
        prefs.preferredChannel().map(Enum::name).orElse("-"));
    prefs.quietHours().forEach((channel, windows) -> line("  quiet hours on %-5s %s", channel,
        windows.stream().map(w -> w.start() + "-" + w.end()).collect(Collectors.joining(", "))));

    line("consent at %s:", now());
    for (Channel channel : List.of(Channel.EMAIL, Channel.SMS, Channel.PHONE)) {
      Optional<ConsentRecord> consent = ada.consentAt(channel, Purpose.MARKETING, now());
      line("  %-5s marketing: %s", channel, consent.map(this::render).orElse("UNKNOWN (nothing recorded)"));
    }

    tick(Duration.ofMinutes(5));
    line("");
    line("Grace Hopper unsubscribes; the new record supersedes the old one, which stays in the history:");
    Party grace = people.grace();
    Instant beforeOptOut = now();
    tick(Duration.ofMinutes(1));
    grace = sam.parties().recordConsent(grace.id(), grace.version(),
        ConsentDraft.optOut(Channel.EMAIL, Purpose.MARKETING, "unsubscribe link"));
    for (ConsentRecord record : grace.consents()) {
      line("  %s %s", record.id(), render(record)
          + record.supersedes().map(s -> ", supersedes " + s).orElse(""));
    }
    line("  email marketing at %s: %s", beforeOptOut,
        grace.consentAt(Channel.EMAIL, Purpose.MARKETING, beforeOptOut).map(r -> r.status().name()).orElse("UNKNOWN"));
    line("  email marketing at %s: %s", now(),
        grace.consentAt(Channel.EMAIL, Purpose.MARKETING, now()).map(r -> r.status().name()).orElse("UNKNOWN"));

    line("");
    line("Lookups:");
    Parties parties = sam.parties();
    line("  by email 'ADA.LOVELACE@GLOBEX.EXAMPLE' -> %s (email lookup ignores case)",
        names(parties.findByEmail("ADA.LOVELACE@GLOBEX.EXAMPLE")));
    line("  by phone '+44 20 7946 0958'            -> %s", names(parties.findByPhone("+44 20 7946 0958")));
    line("  by external id billing:GLX-0042         -> %s",
        parties.findByExternalId(ExternalId.of("billing", "GLX-0042"))
            .map(Party::displayName).orElse("nobody"));
    line("  same email, from tenant '%s'       -> %s (tenants never see each other's records)",
        otherTenant.tenantId(), names(otherTenant.parties().findByEmail("ada.lovelace@globex.example")));
  }

  // ---------------------------------------------------------------------------------------------------
  // 4. Relationships

  private void relate(CrmTenant sam, People people) {
    heading("Relationships are typed and directed");
    List<RelationshipDraft> drafts = List.of(
        RelationshipDraft.of(people.ada().id(), RelationshipType.WORKS_FOR, people.globex().id()),
        RelationshipDraft.of(people.globexEurope().id(), RelationshipType.ACCOUNT_OF, people.globex().id()),
        RelationshipDraft.of(people.initech().id(), RelationshipType.PARTNER_OF, people.globex().id()),
        RelationshipDraft.of(people.grace().id(), REFERRED_BY, people.initech().id()));
    for (RelationshipDraft draft : drafts) {
      tick(Duration.ofMinutes(1));
      Relationship r = sam.relationships().create(draft);
      line("%-16s %s", r.id(), render(sam, r));
    }
    line("");
    line("Everything connected to Globex Corporation:");
    for (Relationship r : sam.relationships().of(people.globex().id())) {
      line("  %s", render(sam, r));
    }
    line("");
    try {
      sam.relationships().create(
          RelationshipDraft.of(people.umbrella().id(), RelationshipType.of("sponsors"), people.globex().id()));
      throw unexpected("a relationship of a type the tenant does not define");
    } catch (ValidationException e) {
      line("A type the tenant never defined is rejected:");
      printViolations(e);
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // 5. Search and paging

  private void search(CrmTenant sam) {
    heading("Search, with stable key-based paging");
    Parties parties = sam.parties();

    line("All customers, two per page:");
    PageRequest request = PageRequest.first(2);
    int pageNumber = 1;
    while (true) {
      Page<Party> page = parties.search(PartyQuery.all().withRole(Role.CUSTOMER), request);
      line("  page %d: %s%s", pageNumber++, names(page.items()), page.hasNext() ? "  (more...)" : "  (last page)");
      Optional<PageRequest> next = request.next(page);
      if (next.isEmpty()) {
        break;
      }
      request = next.get();
    }
    line("Tag 'webinar-2025' and stage lead:    %s",
        all(parties, PartyQuery.all().withTag("webinar-2025").withStage(LifecycleStage.LEAD)));
    line("Name starts with 'GR' (any case):     %s", all(parties, PartyQuery.all().withNamePrefix("GR")));
    line("Attribute tier = gold:                %s",
        all(parties, PartyQuery.all().withAttribute("tier", AttributeValue.choice("gold"))));
    line("Organizations owned by sam.carter:    %s",
        all(parties, PartyQuery.all().withKind(PartyKind.ORGANIZATION)
            .withOwner("sam.carter")));
    line("Vendors:                              %s", all(parties, PartyQuery.all().withRole(Role.VENDOR)));
  }

  // ---------------------------------------------------------------------------------------------------
  // 6. Lifecycle

  private void lifecycle(CrmTenant sam, People people) {
    heading("Lifecycle: forward moves, a refused backward move, a forced one");
    Parties parties = sam.parties();
    Party grace = parties.get(people.grace().id());

    tick(Duration.ofHours(1));
    grace = parties.moveStage(grace.id(), grace.version(), LifecycleStage.QUALIFIED_LEAD);
    line("Grace Hopper moved forward: lead -> %s (version %d)", grace.stage().orElseThrow(), grace.version());

    tick(Duration.ofMinutes(30));
    try {
      parties.moveStage(grace.id(), grace.version(), LifecycleStage.LEAD);
      throw unexpected("a backward stage move without force");
    } catch (ValidationException e) {
      line("Moving her back to lead without force is refused:");
      printViolations(e);
    }

    grace = parties.forceStage(grace.id(), grace.version(), LifecycleStage.LEAD,
        "qualified by mistake: no budget until next year");
    line("Forced back to %s, with a reason (version %d).", grace.stage().orElseThrow(), grace.version());

    tick(Duration.ofMinutes(10));
    Party grant = parties.get(people.grant().id());
    grant = parties.moveStage(grant.id(), grant.version(), LifecycleStage.CHURNED);
    line("Grant Imahara moved to the exit stage %s (any stage may enter it without force).",
        grant.stage().orElseThrow());

    line("");
    line("Grace Hopper's stage history:");
    for (StageChange change : grace.lifecycle().history()) {
      line("  %s  %-14s -> %-14s by %-10s%s", change.at(), change.from().map(LifecycleStage::name).orElse("(none)"),
          change.to(), change.actor(), change.forced() ? "  FORCED: " + change.reason().orElse("") : "");
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // 7. Invalid input

  private void rejectInvalidInput(CrmTenant sam) {
    heading("Invalid input is rejected: every problem at once, nothing stored");
    Parties parties = sam.parties();
    int before = count(parties);
    tick(Duration.ofMinutes(1));
    try {
      parties.create(PartyDraft.person(" ")
          .roles(Role.CUSTOMER)
          .email("jane.doe@@example..com")
          .phone("12")
          .contactPoint(ContactPoint.website("ftp://files.example"))
          .attribute("tier", AttributeValue.choice("platinum"))
          .attribute("annual_revenue", AttributeValue.of("a lot"))
          .attribute("shoe_size", AttributeValue.of(42))
          .stage(LifecycleStage.of("hot_lead"))
          .build());
      throw unexpected("an invalid party draft");
    } catch (ValidationException e) {
      line("ValidationException with %d violations (personal data masked):", e.violations().size());
      printViolations(e);
    }
    line("parties before: %d, after: %d", before, count(parties));
  }

  // ---------------------------------------------------------------------------------------------------
  // 8. Optimistic concurrency

  private void rejectStaleVersion(CrmTenant sam, People people) {
    heading("Optimistic concurrency: a stale update is refused");
    CrmTenant jo = sam.as(Actor.user("jo.bloggs"));
    Party samsCopy = sam.parties().get(people.ada().id());
    Party josCopy = jo.parties().get(people.ada().id());
    line("sam.carter and jo.bloggs both read Ada Lovelace at version %d.", samsCopy.version());

    tick(Duration.ofMinutes(3));
    Party updated = sam.parties().update(samsCopy.id(), samsCopy.version(), PartyUpdate.builder()
        .addTag("speaker")
        .attribute("annual_revenue", AttributeValue.of(new BigDecimal("98000.50")))
        .build());
    line("sam.carter adds tag 'speaker' and annual_revenue: now version %d.", updated.version());

    tick(Duration.ofMinutes(1));
    try {
      jo.parties().update(josCopy.id(), josCopy.version(), PartyUpdate.builder().rename("Augusta Ada King").build());
      throw unexpected("an update with a stale version");
    } catch (VersionConflictException e) {
      line("jo.bloggs renames from version %d: refused.", josCopy.version());
      line("  VersionConflictException: %s", e.getMessage());
    }
    Party fresh = jo.parties().get(josCopy.id());
    line("jo.bloggs reads again (version %d, name still '%s') and retries:", fresh.version(), fresh.displayName());
    tick(Duration.ofMinutes(1));
    fresh = jo.parties().update(fresh.id(), fresh.version(), PartyUpdate.builder()
        .rename("Augusta Ada King")
        .addContactPoint(ContactPoint.phone("+44 161 496 0123"))
        .build());
    line("  renamed to '%s', version %d; phones %s", fresh.displayName(), fresh.version(),
        fresh.contactPoints(ContactKind.PHONE).stream()
            .map(p -> render(p) + (p.primary() ? " (primary)" : "")).collect(Collectors.toList()));
  }

  // ---------------------------------------------------------------------------------------------------
  // 9. Audit

  private void auditTrail(CrmTenant sam, People people) {
    heading("The audit trail of Ada Lovelace (who, when, before -> after)");
    PartyId id = people.ada().id();
    PageRequest request = PageRequest.first(50);
    while (true) {
      Page<AuditEntry> page = sam.audit().ofParty(id, request);
      for (AuditEntry entry : page.items()) {
        line("#%-3d %s  %-16s by %s", entry.sequence(), entry.at(), entry.action(), entry.actor());
        entry.changes().forEach(this::printChange);
      }
      Optional<PageRequest> next = request.next(page);
      if (next.isEmpty()) {
        break;
      }
      request = next.get();
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // 10. JSON

  private void json(CrmTenant sam, People people) {
    heading("Every value has a JSON form (CrmJson), and reads back equal");
    Party grace = sam.parties().get(people.grace().id());
    ConsentRecord latest = grace.latestConsent(Channel.EMAIL, Purpose.MARKETING).orElseThrow();
    line("Grace Hopper's latest email marketing consent:");
    line("  %s", CrmJson.toJson(latest));
    Party ada = sam.parties().get(people.ada().id());
    line("Ada Lovelace's preferences:");
    line("  %s", CrmJson.toJson(ada.preferences()));
    String adaJson = CrmJson.toJson(ada);
    line("Ada Lovelace as JSON: %d characters; read back equal: %s", adaJson.length(),
        CrmJson.fromJson(adaJson, Party.class).equals(ada));
  }

  // ---------------------------------------------------------------------------------------------------
  // 11. The interaction timeline

  private void timeline(CrmTenant sam, People people) {
    heading("The interaction timeline: a conversation, its state, the last contact per channel");
    PartyId ada = people.ada().id();
    CrmTenant helpdesk = sam.as(Actor.system());
    ConversationId ticket = ConversationId.of("NW-1001");

    helpdesk.interactions().record(InteractionDraft.inbound(ada, Channel.EMAIL, Purpose.SERVICE)
        .conversation(ticket).occurredAt(now().minus(Duration.ofMinutes(2))).outcome("invoice question").build());
    printConversation("Ada e-mails support (recorded by the helpdesk integration):", sam, ticket);

    tick(Duration.ofMinutes(12));
    sam.interactions().record(InteractionDraft.outbound(ada, Channel.EMAIL, Purpose.SERVICE).conversation(ticket)
        .outcome("asked for the invoice number").build());
    Conversation replied = sam.interactions().conversation(ticket);
    tick(Duration.ofMinutes(1));
    sam.interactions().setConversationState(ticket, replied.version(), ConversationState.WAITING_ON_CUSTOMER);
    printConversation("sam.carter replies and sets the ticket to wait on the customer:", sam, ticket);

    tick(Duration.ofHours(3));
    helpdesk.interactions().record(InteractionDraft.inbound(ada, Channel.EMAIL, Purpose.SERVICE)
        .conversation(ticket).occurredAt(now().minusSeconds(30)).build());
    printConversation("Ada answers; her message reopens the ticket:", sam, ticket);

    tick(Duration.ofMinutes(20));
    sam.interactions().record(InteractionDraft.outbound(ada, Channel.PHONE, Purpose.SALES)
        .outcome("booked a demo").attribute("minutes", AttributeValue.of(14)).build());
    tick(Duration.ofHours(1));
    helpdesk.interactions().record(InteractionDraft.inbound(ada, Channel.IN_APP, Purpose.TRANSACTIONAL)
        .kind(InteractionKind.PURCHASE).attribute("amount", AttributeValue.of(new BigDecimal("49.90")))
        .attribute("currency", AttributeValue.of("GBP")).build());
    helpdesk.interactions().record(InteractionDraft.inbound(ada, Channel.PHONE, Purpose.SERVICE)
        .occurredAt(START.minus(Duration.ofDays(30))).outcome("imported from the old phone system").build());

    line("");
    line("Ada's timeline, newest first, in pages of 3:");
    PageRequest request = PageRequest.first(3);
    int pageNumber = 1;
    while (true) {
      Page<Interaction> page = sam.interactions().timeline(ada, request);
      for (Interaction i : page.items()) {
        line("  p%d %s  %-8s %-6s %-9s %-12s %s%s", pageNumber, i.occurredAt(), i.direction(), i.channel(),
            i.kind() == InteractionKind.CONTACT ? "" : i.kind(), i.purpose(),
            i.outcome().orElse(""), i.attributes().isEmpty() ? "" : " " + i.attributes().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().asText()).collect(Collectors.joining(", ")));
      }
      Optional<PageRequest> next = request.next(page);
      if (next.isEmpty()) {
        break;
      }
      request = next.get();
      pageNumber++;
    }
    line("Last contact per channel (kept up to date on every recording, never searched for):");
    sam.interactions().lastContacts(ada).forEach((channel, i) ->
        line("  %-6s %s %s by %s", channel, i.occurredAt(), i.direction(), i.actor()));

    line("A conversation holds one party on one channel: Grace cannot write into Ada's ticket.");
    try {
      sam.interactions().record(InteractionDraft.inbound(people.grace().id(), Channel.EMAIL, Purpose.SERVICE)
          .conversation(ticket).build());
      throw unexpected("an interaction of another party in Ada's conversation");
    } catch (ValidationException e) {
      printViolations(e);
    }
  }

  private void printConversation(String caption, CrmTenant tenant, ConversationId id) {
    Conversation c = tenant.interactions().conversation(id);
    line(caption);
    line("  %s: %s since %s, version %d, %d interaction(s), last in %s, last out %s, awaiting reply: %s",
        c.id(), c.state(), c.stateChangedAt(), c.version(), c.interactionCount(),
        c.lastInboundAt().map(Instant::toString).orElse("-"), c.lastOutboundAt().map(Instant::toString).orElse("-"),
        c.awaitingReply() ? "yes" : "no");
  }

  // ---------------------------------------------------------------------------------------------------
  // 12. Etiquette: obligations, due work and notifications

  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.UK);

  /**
   * The port of channel {@code "default"}, where the default subscription sends the obligation notifications to
   * their addressees: prints each notification as it is delivered.
   */
  private void delivered(Delivery delivery) {
    Notification n = delivery.notification();
    line("  >> %s to %s (key %s):", n.kind(), n.recipient(), n.key());
    line("     \"%s\"", n.message());
  }

  private void etiquette(Crm crm, CrmTenant admin, CrmTenant sam, People people) {
    heading("Etiquette: a first response breached across a weekend, and a thank-you done on time");
    clock.set(Instant.parse("2026-01-09T15:00:00Z")); // Friday 9 January 2026, 15:00 in London (GMT)
    line("The clock moves on to Friday 9 January 2026. The support desk's rules (rules/support-desk.json) took");
    line("effect on Monday 5 January; the tenant's business hours are Monday to Friday, 09:00-17:30 in London.");
    admin.configure(admin.settings().withCalendar(
        BusinessCalendar.weekdays(LONDON, LocalTime.of(9, 0), LocalTime.of(17, 30))));
    RuleSetHistory rules = admin.rules().publish(SupportDeskRules.load("support-desk.json"));
    RuleSet v1 = rules.versions().get(0);
    line("Published %s v%d: %s", v1.name(), v1.version(), v1.obligations().stream()
        .map(r -> r.id()).collect(Collectors.joining(", ")));
    List<Obligation> checkIns = sam.obligations().search(ObligationQuery.all(), PageRequest.first(20)).items();
    line("Publishing scheduled a dormancy check-in (after 90 days without interaction) for each customer:");
    line("  %s", checkIns.stream().map(o -> sam.parties().get(o.party()).displayName() + " (opens "
        + o.opensAt().atZone(LONDON).toLocalDate() + ")").collect(Collectors.joining(", ")));

    // a first response across the weekend
    PartyId ada = people.ada().id();
    ConversationId ticket = ConversationId.of("NW-2001");
    tick(Duration.ofMinutes(45));
    sam.as(Actor.system()).interactions().record(InteractionDraft.inbound(ada, Channel.EMAIL, Purpose.SERVICE)
        .conversation(ticket).outcome("cannot log in").build());
    Obligation reply = sam.obligations().ofConversation(ticket).get(0);
    line("");
    line("%s: %s (tagged vip) e-mails support, ticket %s.", local(now()), sam.parties().get(ada).displayName(),
        ticket);
    line("The rules owe her a reply within 2 business hours (a vip's first-response target):");
    printObligation(reply);
    line("  counted: Friday 15:45-17:30 (1 h 45 min), the weekend not at all, Monday 09:00-09:15 (15 min)");

    line("");
    line("Due work is processed as time passes (a host calls crm.processDue() on a schedule):");
    processDueAt(crm, reply.warnAt().orElseThrow());
    processDueAt(crm, Instant.parse("2026-01-10T12:00:00Z"));
    processDueAt(crm, reply.dueAt());
    processDueAt(crm, reply.escalations().get(0).dueAt());
    clock.set(reply.escalations().get(0).dueAt().plus(Duration.ofMinutes(10)));
    sam.interactions().record(InteractionDraft.outbound(ada, Channel.EMAIL, Purpose.SERVICE).conversation(ticket)
        .outcome("password reset link sent").build());
    Obligation late = sam.obligations().get(reply.id());
    line("%s: sam.carter replies. The obligation is %s; its history:", local(now()), late.state());
    for (ObligationEvent e : late.history()) {
      line("  %-17s %s  %s", e.type(), local(e.at()), e.role().map(r -> "to " + r).orElse(""));
    }
    processDueAt(crm, reply.escalations().get(1).dueAt());
    line("  (the second escalation, to head_of_support at %s, no longer falls: the reply settled it)",
        local(reply.escalations().get(1).dueAt()));

    // a thank-you after a purchase
    PartyId globex = people.globex().id();
    clock.set(Instant.parse("2026-01-12T14:00:00Z"));
    sam.as(Actor.system()).interactions().record(InteractionDraft.inbound(globex, Channel.IN_APP,
        Purpose.TRANSACTIONAL).kind(InteractionKind.PURCHASE).attribute("amount", AttributeValue.of(1200))
        .attribute("currency", AttributeValue.of("GBP")).build());
    Obligation thanks = sam.obligations().search(ObligationQuery.all().withParty(globex), PageRequest.first(10))
        .items().stream().filter(o -> o.kind() == ObligationKind.FOLLOW_UP).findFirst().orElseThrow();
    line("");
    line("%s: Globex Corporation buys (1200 GBP). The rules schedule a thank-you for the next day:", local(now()));
    printObligation(thanks);
    processDueAt(crm, thanks.opensAt());
    Obligation open = sam.obligations().get(thanks.id());
    line("  now %s, due %s (8 business hours), assigned to %s", open.state(), local(open.dueAt()), open.assignee());
    clock.set(Instant.parse("2026-01-13T16:00:00Z"));
    sam.interactions().record(InteractionDraft.outbound(globex, Channel.PHONE, Purpose.SALES)
        .outcome("thanked for the order").build());
    line("%s: sam.carter calls Globex to thank them: the thank-you is %s.", local(now()),
        sam.obligations().get(thanks.id()).state());
    processDueAt(crm, open.dueAt());
  }

  private void processDueAt(Crm crm, Instant at) {
    clock.set(at);
    line("%s: processDue()", local(at));
    DueWork done = crm.processDue();
    line("  -> %s", done.total() == 0 ? "nothing due" : describe(done));
  }

  private static String describe(DueWork done) {
    List<String> parts = new ArrayList<>();
    if (done.opened() > 0) {
      parts.add(done.opened() + " opened");
    }
    if (done.warned() > 0) {
      parts.add(done.warned() + " warned");
    }
    if (done.breached() > 0) {
      parts.add(done.breached() + " breached");
    }
    if (done.escalated() > 0) {
      parts.add(done.escalated() + " escalated");
    }
    return String.join(", ", parts);
  }

  /**
   * Section 13: a bundled scenario replayed under its four-hour rule and under an eight-hour one, on private
   * in-memory libraries of their own (nothing of the H2 file above is read or changed), and what differs.
   */
  private void replay() {
    heading("Replay: the weekend breach under a four-hour and an eight-hour first response");
    Scenario scenario;
    RuleSet relaxed;
    try {
      scenario = ReplayJson.readScenario(ReplayCommand.read("scenarios/support-weekend-breach.json"));
      relaxed = RuleSetJson.fromJson(ReplayCommand.read("scenarios/support-weekend-breach.relaxed.rules.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    line("Scenario '%s': %d steps, rule set %s v%d; compared with %s v%d (%s).", scenario.name(),
        scenario.steps().size(), scenario.rules().name(), scenario.rules().version(), relaxed.name(),
        relaxed.version(), relaxed.description().orElse(""));
    line("Times below are in the scenario's zone, %s.", scenario.zone());
    ReplayDiff diff = Replay.compare(scenario, scenario.rules(), relaxed);
    Function<Instant, String> local = t -> LOCAL.format(ZonedDateTime.ofInstant(t, scenario.zone()));
    for (ReplayDiff.ObligationDifference d : diff.obligations()) {
      line("obligation %s:", d.key());
      line("  %-16s %s", diff.a(), d.a().map(s -> summary(s, local)).orElse("not created"));
      line("  %-16s %s", diff.b(), d.b().map(s -> summary(s, local)).orElse("not created"));
    }
    for (ReplayDiff.BreachDifference d : diff.breaches()) {
      line("breach of %s: %s -> %s", d.key(), d.a().map(local).orElse("none"), d.b().map(local).orElse("none"));
    }
    for (ReplayDiff.EscalationDifference d : diff.escalations()) {
      line("escalations of %s: %s -> %s", d.key(), d.a().stream().map(EscalationPoint::role).toList(),
          d.b().stream().map(EscalationPoint::role).toList());
    }
    line("denied contacts that differ: %d. The same as JSON, from the command line:", diff.deniedContacts().size());
    line("  mvn -B -q -Preplay -pl crm-examples -am compile -Dscenario=scenarios/support-weekend-breach.json \\");
    line("      -Dcompare=scenarios/support-weekend-breach.relaxed.rules.json");
  }

  private static String summary(ReplayDiff.ObligationSummary s, Function<Instant, String> local) {
    return s.state() + ", due " + local.apply(s.dueAt()) + " (" + s.target().toHours() + " business hours)"
        + (s.escalated() > 0 ? ", escalated " + s.escalated() + "x" : "");
  }

  private void printObligation(Obligation o) {
    line("  %s %s (%s): %s, %s", o.id(), o.kind(), o.rule(), o.action(), o.state());
    if (o.state() == ObligationState.SCHEDULED) {
      line("  opens %s, then due within %s business hours; assigned to %s", local(o.opensAt()),
          o.target().toHours(), o.assignee());
      return;
    }
    line("  due %s (%d business hours), warning %s, assigned to %s", local(o.dueAt()), o.target().toHours(),
        o.warnAt().map(this::local).orElse("none"), o.assignee());
    for (EscalationPoint step : o.escalations()) {
      line("  escalation %d: to %s at %s", step.step(), step.role(), local(step.dueAt()));
    }
  }

  private String local(Instant instant) {
    return LOCAL.format(ZonedDateTime.ofInstant(instant, LONDON));
  }

  // ---------------------------------------------------------------------------------------------------
  // 13. Contact decisions, the ledger and reservations

  private void contactDecisions(CrmTenant admin, CrmTenant sam, People people) {
    heading("Contact decisions: receipts, a reservation, a cap reached, quiet hours");
    clock.set(Instant.parse("2026-01-15T09:30:00Z")); // Thursday 15 January 2026, 09:30 in London
    admin.rules().publish(SupportDeskRules.load("marketing.json"));
    line("Published marketing v1 (rules/marketing.json): marketing needs an opt-in, sales calls the absence of an");
    line("opt-out; at most 2 marketing contacts per rolling 7 days across channels and senders, 1 SMS a day;");
    line("no calls or texts 21:00-08:00 in the customer's zone unless they set quiet hours of their own.");
    PartyId ada = people.ada().id();

    line("");
    line("%s: the newsletter team reserves an e-mail to Ada Lovelace, sends it and confirms it:", local(now()));
    ContactEntry first = sam.as(Actor.user("newsletter")).contacts().reserve(ada, Channel.EMAIL, Purpose.MARKETING);
    line("  reserve -> %s %s; confirm -> %s", first.id(), first.status(),
        sam.contacts().confirm(first.id()).status());
    clock.set(Instant.parse("2026-01-16T10:00:00Z"));
    ContactEntry second = sam.contacts().reserve(ada, Channel.SMS, Purpose.MARKETING);
    line("%s: sam.carter reserves an SMS offer: %s (receipt below)", local(now()), second.status());
    printReceipt(second.receipt());
    tick(Duration.ofMinutes(5));
    ContactEntry third = sam.contacts().reserve(ada, Channel.EMAIL, Purpose.MARKETING);
    line("%s: sam.carter reserves a marketing e-mail: %s", local(now()), third.status());
    sam.contacts().confirm(third.id());
    clock.set(Instant.parse("2026-01-17T11:00:00Z"));
    line("%s: the newsletter team asks again:", local(now()));
    printReceipt(sam.contacts().decide(ada, Channel.EMAIL, Purpose.MARKETING));

    clock.set(Instant.parse("2026-01-17T20:30:00Z"));
    line("%s: an evening sales call (her quiet hours on PHONE are 20:00-09:00):", local(now()));
    printReceipt(sam.contacts().decide(ada, Channel.PHONE, Purpose.SALES));

    Party grace = people.grace();
    ContactEntry notice = sam.contacts().reserve(grace.id(), Channel.EMAIL, Purpose.LEGAL);
    line("%s: a terms-of-service notice to Grace Hopper, who opted out of marketing: %s, exempt as %s",
        local(now()), notice.status(), notice.receipt().exemption().map(Enum::name).orElse("-"));
    line("");
    line("Ada's ledger this week (receipts, every status; caps count RESERVED and SENT, not exempt):");
    for (ContactEntry e : sam.contacts().ofParty(ada, Instant.parse("2026-01-12T00:00:00Z"),
        Instant.parse("2026-01-19T00:00:00Z"), PageRequest.first(20)).items()) {
      line("  %s %s %-5s %-9s %-8s by %s", e.id(), local(e.at()), e.channel(), e.purpose(), e.status(),
          e.sender().id());
    }
  }

  private void printReceipt(ContactReceipt receipt) {
    line("  %s %s/%s at %s", receipt.verdict(), receipt.request().channel(), receipt.request().purpose(),
        local(receipt.request().at()));
    for (RuleVerdict rule : receipt.rules()) {
      line("    %-5s %-14s %s", rule.verdict(), rule.check(), rule.reason());
    }
    receipt.consent().ifPresent(c -> line("    consent relied on: record %s, %s, %s, effective from %s", c.id(),
        c.status(), c.legalBasis(), c.effectiveFrom()));
    receipt.nextAllowedAt().ifPresent(t -> line("    next allowed: %s", local(t)));
    if (!receipt.allowed() && receipt.nextAllowedAt().isEmpty()) {
      line("    next allowed: never, as things stand (a rule denies for good)");
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // 15. Communication: stakeholders, subscriptions, channels, the outbox and its relay

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /**
   * The demo's one notification port: routes each delivery by its channel. {@code default} is where the default
   * subscription sends (section 12); section 15 subscribes people to {@code inbox} (the host application's in-app
   * inbox), {@code email} (its mailer) and {@code webhook} (a signed POST to {@code receiver}).
   */
  private NotificationPort router(WebhookReceiverExample receiver) {
    return NotificationRouter.builder()
        .route("default", this::delivered)
        .route("inbox", this::inbox)
        .route("desk", delivery -> deskDeliveries.incrementAndGet())
        .route("email", this::mail)
        .route("webhook", WebhookNotificationPort.builder(receiver.endpoint(), WebhookReceiverExample.SECRET)
            .clock(clock).build())
        .build();
  }

  /** Channel {@code inbox}: the host application's in-app inbox, printed. */
  private void inbox(Delivery delivery) {
    Notification n = delivery.notification();
    line("    [inbox] %s: %s %s", delivery.recipient().id(), n.kind(), n.key());
  }

  /** Channel {@code email}: the host's mailer, printed; a digest lists its items. */
  private void mail(Delivery delivery) {
    String to = delivery.recipient().addresses().getOrDefault("email", "(no address: " + delivery.recipient().id()
        + ")");
    if (delivery.digest().isEmpty()) {
      Notification n = delivery.notification();
      line("    [email] to %s: %s %s (%s)", to, n.kind(), n.key(), partyName(n));
      return;
    }
    Delivery.Digest digest = delivery.digest().get();
    ZoneId zone = delivery.recipient().zone();
    line("    [email] to %s: %s digest of %d, %s to %s (%s)", to,
        digest.cadence().name().toLowerCase(Locale.ROOT), delivery.notifications().size(),
        LOCAL.format(digest.from().atZone(zone)), LOCAL.format(digest.to().atZone(zone)), zone);
    line("            key %s", delivery.key());
    for (Notification n : delivery.notifications()) {
      line("            - %s %s, %s, due %s (%s)", n.kind(), n.key(), partyName(n),
          LOCAL.format(n.at().atZone(zone)), zone);
    }
  }

  private String partyName(Notification n) {
    return n.party().map(p -> reader.parties().get(p).displayName()).orElse("no party");
  }

  private void communication(Crm crm, CrmTenant admin, CrmTenant sam, People people,
      WebhookReceiverExample receiver) {
    heading("Communication: who is told what, on which channel, when; a digest, a retry");
    reader = sam;
    clock.set(Instant.parse("2026-01-19T08:30:00Z")); // Monday 19 January 2026, 08:30 in London
    Party initech = people.initech();
    Directory directory = new Directory(
        List.of(
            Stakeholder.internal("sam.carter", "Sam Carter").withTeams("key-accounts").withZone(LONDON)
                .withAddress("email", "sam.carter@northwind.example"),
            Stakeholder.internal("priya.shah", "Priya Shah").withRoles("support").withTeams("support")
                .withZone(LONDON).withAddress("email", "priya.shah@northwind.example"),
            Stakeholder.internal("maria.rossi", "Maria Rossi").withRoles("manager").withZone(PARIS)
                .withAddress("email", "maria.rossi@northwind.example")
                .withAddress("webhook", receiver.endpoint().toString()),
            Stakeholder.external("ivan.petrov", "Ivan Petrov", initech.id()).withRoles("partner_contact")
                .withZone(LONDON).withAddress("email", "ivan@initech.example")),
        List.of(
            Subscription.addressed(Subscription.obligationKinds(), "inbox", Cadence.IMMEDIATE),
            new Subscription(Audience.role("manager"), Set.of(NotificationKind.OBLIGATION_BREACHED), "webhook",
                Cadence.IMMEDIATE, Scope.ALL),
            new Subscription(Audience.role("manager"), Set.of(NotificationKind.OBLIGATION_BREACHED), "email",
                Cadence.DAILY, Scope.ALL),
            new Subscription(Audience.role("partner_contact"), Set.of(NotificationKind.OBLIGATION_BREACHED), "email",
                Cadence.IMMEDIATE, Scope.RELATED)));
    hostDirectory.replace(directory);
    line("The host's directory (a StakeholderDirectory; here a Directory) now lists four people:");
    for (Stakeholder person : directory.people()) {
      List<String> facts = new ArrayList<>();
      facts.add(person.kind().name().toLowerCase(Locale.ROOT));
      person.roles().forEach(r -> facts.add("role " + r));
      person.teams().forEach(t -> facts.add("team " + t));
      person.party().ifPresent(p -> facts.add("speaks for " + sam.parties().get(p).displayName()));
      facts.add(person.zone().getId());
      line("  %-12s %s", person.id(), String.join(", ", facts));
    }
    line("and these subscriptions:");
    for (Subscription s : directory.subscriptions()) {
      line("  %s", describe(s));
    }
    line("Channels are routed by a NotificationRouter: inbox -> the app's inbox, email -> the mailer (both printed");
    line("here as [inbox] and [email]), webhook -> a WebhookNotificationPort that POSTs signed JSON to a receiver");
    line("on 127.0.0.1 (WebhookReceiverExample), which verifies the signature and drops repeats by key.");
    line("Deliveries are written to the outbox in the transaction of the change; right after the commit, those due");
    line("at once are sent; whatever fails or waits (a retry, a digest) is sent by crm.relay().deliverDue().");

    // two tickets, both due at 13:00
    ConversationId globexTicket = ConversationId.of("NW-3001");
    ConversationId adaTicket = ConversationId.of("NW-3002");
    clock.set(Instant.parse("2026-01-19T09:00:00Z"));
    sam.as(Actor.system()).interactions().record(InteractionDraft.inbound(people.globex().id(), Channel.EMAIL,
        Purpose.SERVICE).conversation(globexTicket).outcome("invoice missing").build());
    clock.set(Instant.parse("2026-01-19T11:00:00Z"));
    sam.as(Actor.system()).interactions().record(InteractionDraft.inbound(people.ada().id(), Channel.EMAIL,
        Purpose.SERVICE).conversation(adaTicket).outcome("cannot export").build());
    Obligation globexReply = sam.obligations().ofConversation(globexTicket).get(0);
    Obligation adaReply = sam.obligations().ofConversation(adaTicket).get(0);
    line("");
    line("Mon 19 Jan: two tickets come in by e-mail, and nobody answers in time:");
    for (Obligation o : List.of(globexReply, adaReply)) {
      line("  %s %s for %s: due %s, warning %s, assigned to %s", o.id(), o.conversation().map(Object::toString)
          .orElse(""), sam.parties().get(o.party()).displayName(), local(o.dueAt()),
          o.warnAt().map(this::local).orElse("none"), o.assignee());
    }
    processDueAt(crm, globexReply.warnAt().orElseThrow());
    processDueAt(crm, adaReply.warnAt().orElseThrow());
    processDueAt(crm, globexReply.dueAt());
    line("  (sam.carter, the Globex team, gets the Globex breach; priya.shah, role support, Ada's; maria.rossi,");
    line("  the manager, both on the webhook; Ivan Petrov of Initech, partner of Globex, only the Globex one)");
    clock.set(Instant.parse("2026-01-19T13:20:00Z"));
    for (ConversationId ticket : List.of(globexTicket, adaTicket)) {
      PartyId party = ticket.equals(globexTicket) ? people.globex().id() : people.ada().id();
      sam.interactions().record(InteractionDraft.outbound(party, Channel.EMAIL, Purpose.SERVICE)
          .conversation(ticket).outcome("answered").build());
    }
    line("%s: sam.carter answers both tickets (late), so no escalation falls.", local(now()));

    // the manager's digest
    line("");
    Page<OutboxEntry> held = admin.notifications().list(DeliveryStatus.HELD, PageRequest.first(20));
    line("Meanwhile the outbox holds %d deliveries for maria.rossi's daily e-mail digest:", held.items().size());
    for (OutboxEntry e : held.items()) {
      line("  %s HELD until %s (%s)", e.key(), LOCAL.format(e.dueAt().atZone(PARIS)), PARIS);
    }
    clock.set(held.items().get(0).dueAt().minusSeconds(60));
    line("%s (%s in Paris): crm.relay().deliverDue()", local(now()), LocalTime.from(now().atZone(PARIS)));
    printRun(crm.relay().deliverDue());
    clock.set(held.items().get(0).dueAt());
    line("%s (%s in Paris): crm.relay().deliverDue()", local(now()), LocalTime.from(now().atZone(PARIS)));
    printRun(crm.relay().deliverDue());

    // a failing channel
    line("");
    ConversationId europeTicket = ConversationId.of("NW-3003");
    clock.set(Instant.parse("2026-01-20T09:00:00Z"));
    sam.as(Actor.system()).interactions().record(InteractionDraft.inbound(people.globexEurope().id(), Channel.EMAIL,
        Purpose.SERVICE).conversation(europeTicket).outcome("delivery late").build());
    Obligation europeReply = sam.obligations().ofConversation(europeTicket).get(0);
    line("%s: Globex Europe GmbH e-mails (ticket %s, %s, due %s).", local(now()), europeTicket,
        europeReply.id(), local(europeReply.dueAt()));
    line("The webhook's receiving system goes down: it will answer 503 to the next request.");
    receiver.answerNext(1, 503);
    processDueAt(crm, europeReply.dueAt());
    String key = europeReply.id() + ":breach/maria.rossi/webhook";
    OutboxEntry failed = admin.notifications().find(key).orElseThrow();
    line("  the outbox keeps %s:", key);
    Duration bound = crm.relay().policy().retryBound(failed.attempts());
    line("    %s, %d failed attempt(s), next attempt at %s (a backoff of %d s, drawn from %d-%d s)",
        failed.status(), failed.attempts(), failed.dueAt(), Duration.between(now(), failed.dueAt()).toSeconds(),
        bound.dividedBy(2).toSeconds(), bound.toSeconds());
    // the receiver listens on a free port, different on each run
    line("    last error: %s", failed.lastError().orElse("-").replace(receiver.endpoint().toString(),
        "http://127.0.0.1:<port>/crm-notifications"));
    line("%s: crm.relay().deliverDue() (before the retry is due)", now());
    printRun(crm.relay().deliverDue());
    clock.set(failed.dueAt());
    line("%s: crm.relay().deliverDue()", now());
    printRun(crm.relay().deliverDue());
    OutboxEntry delivered = admin.notifications().find(key).orElseThrow();
    line("  %s is %s at %s, after %d failed attempt(s)", key, delivered.status(),
        delivered.deliveredAt().map(Instant::toString).orElse("-"), delivered.attempts());

    line("");
    OutboxStats stats = crm.relay().stats();
    line("crm.relay().stats(): held %d, pending %d, in flight %d, delivered %d, dead %d, digested %d",
        stats.held(), stats.pending(), stats.inFlight(), stats.delivered(), stats.dead(), stats.digested());
    line("  (held: today's breach, waiting for Wednesday's digest; digested: the two in Tuesday's)");
    line("A host runs the relay on a schedule: crm.relay().start(Duration.ofSeconds(5)).");
  }

  private static String describe(Subscription s) {
    String audience = s.audience() instanceof Audience.Role role ? "role " + role.role()
        : s.audience() instanceof Audience.Person person ? person.id() : "everyone";
    String kinds = s.kinds().stream().map(k -> k.name().replace("OBLIGATION_", "")).collect(Collectors.joining(
        "+"));
    String scope = switch (s.scope()) {
      case ADDRESSED -> "addressed to them";
      case ALL -> "all of the tenant";
      case RELATED -> "about their party or a party related to it";
    };
    String when = s.cadence() == Cadence.IMMEDIATE ? "at once"
        : s.cadence().name().toLowerCase(Locale.ROOT) + " digest at 08:00 in their zone";
    return String.format(Locale.ROOT, "%-20s %-28s %-44s -> %s, %s", audience, kinds, scope, s.channel(), when);
  }

  private void printRun(RelayRun run) {
    line("  -> %d digest(s) made, %d claimed, %d delivered, %d to retry, %d dead", run.digests(), run.claimed(),
        run.delivered(), run.retried(), run.deadLettered());
  }

  // ---------------------------------------------------------------------------------------------------
  // 16. Measurement: a vision, objectives, KPIs on a cadence, status, the programme's ROI, a report

  /** Business minutes from each February ticket to its reply, Monday to Friday, week by week. */
  private static final int[][] REPLY_MINUTES = {
      {100, 120, 150, 200, 230},
      {80, 90, 120, 200, 250},
      {60, 70, 90, 250, 260},
      {40, 50, 60, 250, 280}};

  private void measurement(Crm crm, CrmTenant admin, CrmTenant sam, People people) {
    heading("Measurement: a vision, KPIs measured weekly and monthly, status, ROI, a stale KPI, a report");
    clock.set(Instant.parse("2026-02-02T08:00:00Z")); // Monday 2 February 2026
    // the owners hear of their KPIs in the app's inbox; the desk's obligations go to its own tool (not printed)
    hostDirectory.replace(new Directory(hostDirectory.directory().people(), List.of(
        Subscription.addressed(Set.of(NotificationKind.KPI_STALE, NotificationKind.KPI_OFF_TRACK), "inbox",
            Cadence.IMMEDIATE),
        Subscription.addressed(Subscription.obligationKinds(), "desk", Cadence.IMMEDIATE))));
    line("Subscriptions now: KPI_STALE and KPI_OFF_TRACK to the addressee's inbox (a KPI's notifications are");
    line("addressed to its owner); warnings, breaches and escalations to the desk's own tool (counted, not printed).");
    line("");
    LocalDate deadline = LocalDate.of(2026, 6, 30);
    Vision vision = new Vision("Every Northwind customer hears from us promptly, and the CRM pays for itself.",
        List.of(
            new Objective("responsive", "Answer promptly", List.of(
                new Kpi("first-response", "Median first response, business minutes",
                    BuiltInKpi.FIRST_RESPONSE_TIME.with(Map.of("statistic", "median", "time", "business")),
                    KpiDirection.LOWER_IS_BETTER, 180, 45, deadline, "priya.shah", WEEKLY),
                new Kpi("sla", "First responses within the SLA, %",
                    BuiltInKpi.SLA_COMPLIANCE.with(Map.of("kind", "first_response")),
                    KpiDirection.HIGHER_IS_BETTER, 90, 95, deadline, "priya.shah", WEEKLY))),
            new Objective("loyal", "Keep customers glad they chose us", List.of(
                new Kpi("nps", "Net promoter score", BuiltInKpi.NPS.definition(), KpiDirection.HIGHER_IS_BETTER,
                    10, 40, LocalDate.of(2026, 12, 31), "sam.carter", MONTHLY),
                new Kpi("partner-satisfaction", "Partner satisfaction (from the partner survey tool)",
                    BuiltInKpi.MANUAL.definition(), KpiDirection.HIGHER_IS_BETTER, 3, 4,
                    LocalDate.of(2026, 12, 31), "maria.rossi", MONTHLY))),
            new Objective("worth-it", "The CRM programme pays for itself", List.of(
                new Kpi("roi", "Programme ROI, %", BuiltInKpi.ROI.definition(), KpiDirection.HIGHER_IS_BETTER, 0, 50,
                    deadline, "maria.rossi", MONTHLY)))));
    Measurements measurement = admin.measurement();
    measurement.define(vision);
    line("admin.measurement().define(vision): \"%s\"", vision.statement());
    for (Objective objective : vision.objectives()) {
      line("  objective %s: %s", objective.id(), objective.title());
      for (Kpi kpi : objective.kpis()) {
        line("    %-20s %-19s %-16s %s -> %s by %s, %s, owner %s", kpi.id(), kpi.definition().name(),
            kpi.direction() == KpiDirection.HIGHER_IS_BETTER ? "higher is better" : "lower is better",
            number(kpi.baseline()), number(kpi.target()), kpi.deadline(),
            kpi.cadence().name().toLowerCase(Locale.ROOT), kpi.owner());
      }
    }

    line("");
    line("February: each weekday a customer e-mails support at 10:00 and gets a reply; the first-response rule");
    line("allows 4 business hours. Replies get faster, but more of them come too late. Each Monday at 09:00 the");
    line("host runs crm.measureDue(tenants) (or crm.startMeasuring(period, tenants)):");
    List<PartyId> customers = List.of(people.globex().id(), people.initech().id(), people.umbrella().id(),
        people.globexEurope().id(), people.grace().id());
    LocalDate monday = LocalDate.of(2026, 2, 2);
    for (int week = 0; week < REPLY_MINUTES.length; week++) {
      for (int day = 0; day < 5; day++) {
        LocalDate date = monday.plusWeeks(week).plusDays(day);
        ConversationId ticket = ConversationId.of("NW-4" + week + day);
        clock.set(date.atTime(10, 0).atZone(LONDON).toInstant());
        PartyId customer = customers.get(day);
        sam.as(Actor.system()).interactions().record(InteractionDraft.inbound(customer, Channel.EMAIL,
            Purpose.SERVICE).conversation(ticket).outcome("question").build());
        tick(Duration.ofMinutes(REPLY_MINUTES[week][day]));
        sam.interactions().record(InteractionDraft.outbound(customer, Channel.EMAIL, Purpose.SERVICE)
            .conversation(ticket).outcome("answered").build());
      }
      // the survey answers and the ledger of the month
      if (week == 3) {
        int[] scores = {10, 9, 9, 7, 6, 3};
        for (int i = 0; i < scores.length; i++) {
          clock.set(monday.plusWeeks(week).plusDays(4).atTime(16, i).atZone(LONDON).toInstant());
          sam.as(Actor.system()).interactions().record(InteractionDraft.inbound(customers.get(i % 5),
              Channel.EMAIL, Purpose.SURVEY).kind(InteractionKind.SURVEY_ANSWER)
              .attribute("survey", AttributeValue.of("nps")).attribute("score", AttributeValue.of(scores[i])).build());
        }
        LocalDate february = LocalDate.of(2026, 2, 1);
        measurement.addToLedger(LedgerEntry.cost("lic-2026-02", LedgerEntry.LICENCE, new BigDecimal("1200"),
            february, "CRM licences, February"));
        measurement.addToLedger(LedgerEntry.hours("ops-2026-02", new BigDecimal("20"), new BigDecimal("45"),
            february.plusDays(27), "Administration, 20 h at 45"));
        measurement.addToLedger(LedgerEntry.cost("onb-2026-02", LedgerEntry.SERVICES, new BigDecimal("400"),
            february.plusDays(14), "Onboarding services"));
        measurement.addToLedger(LedgerEntry.value("rev-2026-02", LedgerEntry.ATTRIBUTED_REVENUE,
            new BigDecimal("3000"), february.plusDays(19), "Upsells from answered tickets"));
        measurement.addToLedger(LedgerEntry.value("ret-2026-02", LedgerEntry.RETAINED_VALUE, new BigDecimal("1000"),
            february.plusDays(27), "Renewals saved"));
        line("  Fri 27 Feb: six NPS answers (10, 9, 9, 7, 6, 3); the ledger gets February's costs (licences 1200,");
        line("  20 h x 45 = 900, services 400) and values (attributed revenue 3000, retained value 1000)");
      }
      clock.set(monday.plusWeeks(week + 1).atTime(9, 0).atZone(LONDON).toInstant());
      line("%s: crm.measureDue()", local(now()));
      MeasureRun run = crm.measureDue(List.of(TENANT)).get(TENANT);
      for (Measurement m : run.measured()) {
        KpiAssessment a = measurement.assess(m.kpi());
        line("  %-15s %s to %s: %-7s %-9s inputs %s", m.kpi(), m.period().start(), m.period().end().minusDays(1),
            m.value().map(Demo::number).orElse("none"), a.status(), m.result().inputs());
      }
      for (KpiAssessment stale : run.stale()) {
        line("  %-15s STALE: no value for %s to %s", stale.kpi().id(), stale.overdue().orElseThrow().start(),
            stale.overdue().orElseThrow().end().minusDays(1));
      }
      line("  (%d notification(s))", run.notified());
    }

    line("");
    line("The report at %s, measurement().report(), as a table:", local(now()));
    Report report = measurement.report();
    for (Report.ObjectiveReport objective : report.objectives()) {
      line("  %s: %s", objective.objective().id(), objective.status());
      for (KpiReport k : objective.kpis()) {
        String previous = k.previous().stream().map(m -> m.value().map(Demo::number).orElse("none"))
            .collect(Collectors.joining(", "));
        line("    %-20s %-7s target %-4s %-9s%s previous [%s]%s", k.kpi().id(),
            k.current().flatMap(Measurement::value).map(Demo::number).orElse("none"), number(k.kpi().target()),
            k.assessment().status(), k.assessment().projected().map(p -> " projected " + number(p)).orElse(""),
            previous, k.assessment().stale() ? " STALE" : "");
      }
    }
    line("");
    line("The same report as Reports.toCsv(report), one row per KPI (Reports.toJson(report) gives it as JSON):");
    Reports.toCsv(report).lines().forEach(row -> line("  %s", row));
    line("Meanwhile the desk's tool received %d obligation notifications (warnings, breaches, escalations).",
        deskDeliveries.get());
    line("A single value is a flat trend (first-response's first week: 150 stays 150, short of 45, so off track);");
    line("the status method, every definition and worked examples are in docs/measurement.md.");
  }

  private static final dev.etiquette.crm.api.measure.Cadence WEEKLY = dev.etiquette.crm.api.measure.Cadence.WEEKLY;
  private static final dev.etiquette.crm.api.measure.Cadence MONTHLY =
      dev.etiquette.crm.api.measure.Cadence.MONTHLY;

  /** A KPI value for people: up to one decimal place. */
  private static String number(double value) {
    return BigDecimal.valueOf(value).setScale(1, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
        .toPlainString();
  }

  // ---------------------------------------------------------------------------------------------------
  // Rendering helpers

  private void heading(String title) {
    section++;
    String head = "== " + (title.equals("Done") ? title : section + ". " + title) + " ";
    out.println();
    out.println(head + "=".repeat(Math.max(3, WIDTH - head.length())));
  }

  private void line(String format, Object... args) {
    out.println(("  " + String.format(Locale.ROOT, format, args)).stripTrailing());
  }

  private void printViolations(ValidationException e) {
    for (Violation v : e.violations()) {
      line("  - %-28s '%s': %s", v.path(), v.value(), v.message());
    }
  }

  private static String render(ContactPoint point) {
    if (point instanceof EmailAddress email) {
      return email.address();
    } else if (point instanceof PhoneNumber phone) {
      return phone.number();
    } else if (point instanceof Website website) {
      return website.url();
    } else if (point instanceof SocialHandle social) {
      return social.network() + " " + social.handle();
    } else if (point instanceof PostalAddress postal) {
      return String.join(", ", postal.lines()) + ", " + postal.locality() + " " + postal.postalCode().orElse("")
          + ", " + postal.country();
    }
    return point.key();
  }

  private String render(ConsentRecord record) {
    StringBuilder text = new StringBuilder(record.status().name())
        .append(" (").append(record.legalBasis().name().toLowerCase(Locale.ROOT))
        .append(", '").append(record.source()).append("', captured ").append(record.capturedAt());
    record.doubleOptInConfirmedAt().ifPresent(at -> text.append(", double opt-in confirmed ").append(at));
    return text.append(')').toString();
  }

  private String render(CrmTenant tenant, Relationship r) {
    return tenant.parties().get(r.from()).displayName() + " --" + r.type() + "--> "
        + tenant.parties().get(r.to()).displayName() + " (from " + r.validFrom() + ")";
  }

  private static String names(List<Party> parties) {
    return parties.isEmpty() ? "(none)"
        : parties.stream().map(Party::displayName).collect(Collectors.joining(", "));
  }

  private static String all(Parties parties, PartyQuery query) {
    List<Party> found = new ArrayList<>();
    PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      Page<Party> page = parties.search(query, request);
      found.addAll(page.items());
      Optional<PageRequest> next = request.next(page);
      if (next.isEmpty()) {
        return names(found);
      }
      request = next.get();
    }
  }

  private static int count(Parties parties) {
    int n = 0;
    PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      Page<Party> page = parties.search(PartyQuery.all(), request);
      n += page.items().size();
      Optional<PageRequest> next = request.next(page);
      if (next.isEmpty()) {
        return n;
      }
      request = next.get();
    }
  }

  /**
   * Prints one field's before and after. Long list values (contact points, tags) are shown as what was
   * added and removed, so the line says what actually changed.
   */
  private void printChange(FieldChange change) {
    String field = change.field();
    if (change.before().isPresent() && change.after().isPresent()
        && Math.max(change.before().get().length(), change.after().get().length()) > 40) {
      List<String> before = List.of(change.before().get().split(", "));
      List<String> after = List.of(change.after().get().split(", "));
      List<String> added = after.stream().filter(v -> !before.contains(v)).collect(Collectors.toList());
      List<String> removed = before.stream().filter(v -> !after.contains(v)).collect(Collectors.toList());
      List<String> parts = new ArrayList<>();
      if (!added.isEmpty()) {
        parts.add("added " + String.join(", ", added));
      }
      if (!removed.isEmpty()) {
        parts.add("removed " + String.join(", ", removed));
      }
      line("       %-28s %s", field, parts.isEmpty() ? "reordered" : String.join("; ", parts));
    } else {
      line("       %-28s %s -> %s", field, shorten(change.before().orElse("(none)")),
          shorten(change.after().orElse("(none)")));
    }
  }

  /** At most about 60 characters of a list value: whole items, then how many more there are. */
  private static String shorten(String text) {
    String oneLine = text.replace('\n', ' ');
    if (oneLine.length() <= 60) {
      return oneLine;
    }
    String[] items = oneLine.split(", ");
    StringBuilder shown = new StringBuilder();
    int count = 0;
    while (count < items.length && shown.length() + items[count].length() <= 60) {
      shown.append(count == 0 ? "" : ", ").append(items[count]);
      count++;
    }
    if (count == 0) {
      return oneLine.substring(0, 57) + "...";
    }
    return shown + " (+" + (items.length - count) + " more)";
  }

  private static IllegalStateException unexpected(String what) {
    return new IllegalStateException("the demo expected the library to reject " + what + ", but it was accepted");
  }

  private Instant now() {
    return clock.instant();
  }

  private void tick(Duration duration) {
    clock.advance(duration);
  }

  // ---------------------------------------------------------------------------------------------------
  // Deterministic time and ids

  /** A clock that stands still until the demo moves it forward. */
  static final class DemoClock extends Clock {
    private Instant now;

    DemoClock(Instant start) {
      this.now = start;
    }

    synchronized void advance(Duration duration) {
      now = now.plus(duration);
    }

    /** Moves the clock to {@code instant}; the demo only ever moves it forward. */
    synchronized void set(Instant instant) {
      if (instant.isBefore(now)) {
        throw new IllegalArgumentException("the demo clock only moves forward: " + instant + " is before " + now);
      }
      now = instant;
    }

    @Override
    public synchronized Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the demo clock is always UTC");
    }
  }

  /**
   * The host application's directory of people, as the library asks it: until section 15 it holds nobody and the
   * default subscription ({@link Directory#ADDRESSEES}); section 15 puts people and their subscriptions in it, as
   * a host does when its users change. The library asks it in each transaction that notifies.
   */
  static final class HostDirectory implements StakeholderDirectory {
    private volatile Directory current = Directory.ADDRESSEES;

    void replace(Directory directory) {
      current = directory;
    }

    Directory directory() {
      return current;
    }

    @Override
    public List<Stakeholder> stakeholders(TenantId tenant) {
      return current.stakeholders(tenant);
    }

    @Override
    public List<Subscription> subscriptions(TenantId tenant) {
      return current.subscriptions(tenant);
    }
  }

  /** Ids like {@code party-001}, counted per record type, so that every run prints the same ids. */
  static final class CountingIds implements IdGenerator {
    private final Map<String, Integer> counters = new HashMap<>();

    @Override
    public synchronized String newId(String recordType) {
      String prefix = recordType.replaceAll("[^A-Za-z0-9_-]", "_");
      prefix = prefix.length() > 40 ? prefix.substring(0, 40) : prefix;
      int n = counters.merge(prefix, 1, Integer::sum);
      return String.format(Locale.ROOT, "%s-%03d", prefix, n);
    }
  }
}
