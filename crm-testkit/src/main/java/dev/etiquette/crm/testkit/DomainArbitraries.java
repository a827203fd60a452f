package dev.etiquette.crm.testkit;

import dev.etiquette.crm.api.Actor;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Page;
import dev.etiquette.crm.api.PageRequest;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.TenantSettings;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import dev.etiquette.crm.api.calendar.CalendarChoice;
import dev.etiquette.crm.api.contact.ContactCheck;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactId;
import dev.etiquette.crm.api.contact.ContactReceipt;
import dev.etiquette.crm.api.contact.ContactRequest;
import dev.etiquette.crm.api.contact.ContactStatus;
import dev.etiquette.crm.api.contact.RuleVerdict;
import dev.etiquette.crm.api.contact.Verdict;
import dev.etiquette.crm.api.calendar.OpenInterval;
import dev.etiquette.crm.api.interaction.Conversation;
import dev.etiquette.crm.api.interaction.ConversationId;
import dev.etiquette.crm.api.interaction.ConversationState;
import dev.etiquette.crm.api.interaction.Direction;
import dev.etiquette.crm.api.interaction.Interaction;
import dev.etiquette.crm.api.interaction.InteractionDraft;
import dev.etiquette.crm.api.interaction.InteractionId;
import dev.etiquette.crm.api.interaction.InteractionKind;
import dev.etiquette.crm.api.notification.Notification;
import dev.etiquette.crm.api.notification.NotificationKind;
import dev.etiquette.crm.api.obligation.AssignedTo;
import dev.etiquette.crm.api.obligation.EscalationPoint;
import dev.etiquette.crm.api.obligation.Obligation;
import dev.etiquette.crm.api.obligation.ObligationEvent;
import dev.etiquette.crm.api.obligation.ObligationId;
import dev.etiquette.crm.api.obligation.ObligationKind;
import dev.etiquette.crm.api.obligation.ObligationQuery;
import dev.etiquette.crm.api.obligation.ObligationState;
import dev.etiquette.crm.api.party.AttributeDefinition;
import dev.etiquette.crm.api.party.AttributeSchema;
import dev.etiquette.crm.api.party.AttributeType;
import dev.etiquette.crm.api.party.AttributeValue;
import dev.etiquette.crm.api.party.AuditAction;
import dev.etiquette.crm.api.party.AuditEntry;
import dev.etiquette.crm.api.party.ConsentDraft;
import dev.etiquette.crm.api.party.ConsentId;
import dev.etiquette.crm.api.party.ConsentRecord;
import dev.etiquette.crm.api.party.ConsentStatus;
import dev.etiquette.crm.api.party.ContactKind;
import dev.etiquette.crm.api.party.ContactPoint;
import dev.etiquette.crm.api.party.EmailAddress;
import dev.etiquette.crm.api.party.ExternalId;
import dev.etiquette.crm.api.party.FieldChange;
import dev.etiquette.crm.api.party.LegalBasis;
import dev.etiquette.crm.api.party.Lifecycle;
import dev.etiquette.crm.api.party.LifecycleModel;
import dev.etiquette.crm.api.party.LifecycleStage;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.PartyChange;
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
import dev.etiquette.crm.api.party.RelationshipId;
import dev.etiquette.crm.api.party.RelationshipType;
import dev.etiquette.crm.api.party.Role;
import dev.etiquette.crm.api.party.SocialHandle;
import dev.etiquette.crm.api.party.StageChange;
import dev.etiquette.crm.api.party.Website;
import dev.etiquette.crm.api.rules.Assignee;
import dev.etiquette.crm.api.rules.CapWindow;
import dev.etiquette.crm.api.rules.ConsentRegime;
import dev.etiquette.crm.api.rules.ContactRules;
import dev.etiquette.crm.api.rules.DormancyRule;
import dev.etiquette.crm.api.rules.EscalationStep;
import dev.etiquette.crm.api.rules.EventFilter;
import dev.etiquette.crm.api.rules.FollowUpRule;
import dev.etiquette.crm.api.rules.FrequencyCap;
import dev.etiquette.crm.api.rules.ObligationRule;
import dev.etiquette.crm.api.rules.ResponseKind;
import dev.etiquette.crm.api.rules.ResponseRule;
import dev.etiquette.crm.api.rules.ResponseTarget;
import dev.etiquette.crm.api.rules.RuleRef;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.api.rules.RuleSetHistory;
import dev.etiquette.crm.api.rules.Warning;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators for every value type of crm-api. Each generates <em>valid</em> values: ids of the
 * documented formats, emails like {@code local@domain.tld} with a lower-case domain, E.164 phone numbers in
 * fictional ranges such as {@code +1415555xxxx}, at most one primary contact point per kind, ordered
 * lifecycle moves and consent records, and so on. A {@link PartyDraft} is accepted by
 * {@code Parties.create} (once the tenant's schema declares its attributes and stage) and its contact
 * points come back unchanged, being normalized already; {@link TenantSettings} are accepted by
 * {@code CrmTenant.configure}. Whether a {@link PartyUpdate} applies depends on the party it is applied to
 * (removing a contact point the party lacks is rejected), so updates are only well-formed.
 *
 * <p>Conventions: instants lie in {@code [2000-01-01, 2100-01-01)} and are truncated to microseconds (what
 * SQL databases keep), with whole seconds and milliseconds mixed in; local times are whole seconds; time
 * zones are any of {@link ZoneId#getAvailableZoneIds()} plus a few fixed offsets; locales are the JDK's
 * available locales whose BCP 47 language tag reads back as the same locale. Free text mixes ASCII with
 * accented Latin, Greek, Cyrillic, Hebrew and Arabic (right-to-left), CJK, emoji (surrogate pairs) and JSON and
 * HTML metacharacters; text the API says is free of control characters has none.
 *
 * <p>{@link #hostileStrings()} is a separate domain of nasty strings (empty, 10,000 characters, control
 * characters, bidi overrides, SQL and HTML metacharacters); use it on purpose where any string is allowed.
 * {@link #hostileInteractionDraftsFor} builds interaction drafts from it (and from extreme instants), which
 * the library must record verbatim or reject.
 *
 * <p>{@link DomainArbitraryProvider} makes these the default for {@code @ForAll} parameters of the types.
 */
public final class DomainArbitraries {

  private static final Instant MIN_INSTANT = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant MAX_INSTANT = Instant.parse("2100-01-01T00:00:00Z");
  private static final List<String> ZONE_IDS =
      ZoneId.getAvailableZoneIds().stream().sorted().collect(Collectors.toUnmodifiableList());
  private static final List<Locale> LOCALES = Arrays.stream(Locale.getAvailableLocales())
      .filter(DomainArbitraries::tagRoundTrips)
      .sorted(Comparator.comparing(Locale::toLanguageTag))
      .collect(Collectors.toUnmodifiableList());
  private static final List<String> COUNTRIES = List.of(Locale.getISOCountries());
  /** Regions with a phone numbering plan: what a tenant's default region must be. */
  private static final List<String> PHONE_REGIONS = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance()
      .getSupportedRegions().stream().sorted().collect(Collectors.toUnmodifiableList());
  /** Seconds from 2000 to 2020: instants of drafts stay in the past of a real clock. */
  private static final long PAST_SECONDS = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond()
      - MIN_INSTANT.getEpochSecond();

  private DomainArbitraries() {}

  // ------------------------------------------------------------------------------------------------ text

  /**
   * Strings meant to break things, for any place that accepts any string: empty and blank strings, a string
   * of 10,000 characters, control characters (NUL, ESC, DEL), bidi overrides and other right-to-left text,
   * emoji and combining marks, zero-width and byte-order marks, line and paragraph separators, SQL and HTML
   * metacharacters, JSON and template syntax, and random mixes of these.
   */
  public static Arbitrary<String> hostileStrings() {
    List<String> fixed = List.of(
        "", " ", "\t\n\r", "\u0000", "a\u0000b", "\u001b[31mred\u001b[0m", "\u007f", "\u0007\u0008\u000b\u000c",
        "\u202Egnp.exe", "\u202Dforced", "\u200F\u05E9\u05DC\u05D5\u05DD", "\u0645\u0631\u062D\u0628\u0627",
        "\uD83D\uDE00\uD83D\uDC69\u200D\uD83D\uDCBB\uD83C\uDDE9\uD83C\uDDEA", "e\u0301\u0301\u0301", "\u200B\uFEFF\u2060",
        "\u2028\u2029", "'; DROP TABLE parties; --", "\" OR \"1\"=\"1", "1' OR '1'='1' /*", "%_\\%",
        "<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "&amp;&lt;&#x27;", "]]><!--",
        "{\"type\":\"email\"}", "\\u0000\\\"", "${jndi:ldap://localhost/x}", "{{7*7}}", "../../etc/passwd",
        "null", "undefined", "NaN", "-0", "1e999999", "\uFFFD\uFFFE\uFFFF", "\uDBFF\uDFFF");
    Arbitrary<String> fragments = Arbitraries.of(fixed);
    return Arbitraries.frequencyOf(
        Tuple.of(6, fragments),
        Tuple.of(1, Arbitraries.of("x".repeat(10_000), "\uD83D\uDE00".repeat(5_000), "\u202E".repeat(10_000))),
        Tuple.of(1, codePoint().list().ofMinSize(10_000).ofMaxSize(10_000).map(DomainArbitraries::fromCodePoints)),
        Tuple.of(3, fragments.list().ofMinSize(2).ofMaxSize(6).map(parts -> String.join("", parts))),
        Tuple.of(3, anyCodePoint().list().ofMaxSize(30).map(DomainArbitraries::fromCodePoints)));
  }

  /**
   * Text of {@code 1..maxChars} characters, trimmed, not blank, without control characters: words of
   * mixed scripts (including right-to-left and emoji) separated by single spaces.
   */
  public static Arbitrary<String> text(int maxChars) {
    if (maxChars < 2) {
      throw new IllegalArgumentException("maxChars must be at least 2, was " + maxChars);
    }
    return word(Math.min(maxChars, 20)).list().ofMinSize(1).ofMaxSize(Math.max(1, Math.min(8, maxChars / 3)))
        .map(words -> truncate(String.join(" ", words), maxChars));
  }

  /** Any string of at most {@code maxChars} characters, control characters and blanks included. */
  public static Arbitrary<String> anyText(int maxChars) {
    return Arbitraries.oneOf(
        anyCodePoint().list().ofMaxSize(maxChars / 2).map(DomainArbitraries::fromCodePoints),
        text(Math.max(2, maxChars)),
        hostileStrings().filter(s -> s.length() <= maxChars));
  }

  private static Arbitrary<String> word(int maxCodePoints) {
    return codePoint().list().ofMinSize(1).ofMaxSize(maxCodePoints).map(DomainArbitraries::fromCodePoints);
  }

  /** A code point of a printable character, of several scripts, never white space or a control. */
  private static Arbitrary<Integer> codePoint() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.of(chars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"))),
        Tuple.of(3, Arbitraries.integers().between(0xC0, 0xFF).filter(c -> c != 0xD7 && c != 0xF7)),
        Tuple.of(2, Arbitraries.integers().between(0x3B1, 0x3C9)),
        Tuple.of(2, Arbitraries.integers().between(0x430, 0x44F)),
        Tuple.of(2, Arbitraries.integers().between(0x5D0, 0x5EA)),
        Tuple.of(2, Arbitraries.integers().between(0x621, 0x64A)),
        Tuple.of(2, Arbitraries.integers().between(0x4E00, 0x9FA5)),
        Tuple.of(2, Arbitraries.integers().between(0x1F600, 0x1F64F)),
        Tuple.of(2, Arbitraries.of(chars("\"\\/'<>&%_;.,-:!?()[]{}@#$*+=|~`^"))));
  }

  /** Any code point but a lone surrogate: controls, white space, separators and unassigned ones too. */
  private static Arbitrary<Integer> anyCodePoint() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, codePoint()),
        Tuple.of(1, Arbitraries.integers().between(0, 0x1F)),
        Tuple.of(1, Arbitraries.of(0x7F, 0x85, 0xA0, 0x2028, 0x2029, 0x202E, 0x200B, 0xFEFF, 0xFFFD, 0xFFFF)),
        Tuple.of(1, Arbitraries.integers().between(0, 0x10FFFF).filter(c -> c < 0xD800 || c > 0xDFFF)));
  }

  private static Integer[] chars(String chars) {
    return chars.chars().boxed().toArray(Integer[]::new);
  }

  private static String fromCodePoints(List<Integer> codePoints) {
    StringBuilder out = new StringBuilder();
    codePoints.forEach(out::appendCodePoint);
    return out.toString();
  }

  /** Cuts to at most {@code max} chars without splitting a surrogate pair, then trims. */
  private static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text.strip();
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end).strip();
  }

  private static Arbitrary<String> chars(String alphabet, int min, int max) {
    return Arbitraries.strings().withChars(alphabet).ofMinLength(min).ofMaxLength(max);
  }

  private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
  /** The printable ASCII characters, {@code !} to {@code ~}: what a conversation id is made of. */
  private static final String PRINTABLE_ASCII = java.util.stream.IntStream.rangeClosed(0x21, 0x7E)
      .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();

  // ------------------------------------------------------------------------------------------------ time

  /** Instants in [2000, 2100), truncated to microseconds; some whole seconds and milliseconds. */
  public static Arbitrary<Instant> instants() {
    long min = MIN_INSTANT.getEpochSecond();
    long max = MAX_INSTANT.getEpochSecond() - 1;
    Arbitrary<Long> seconds = Arbitraries.longs().between(min, max);
    return Arbitraries.oneOf(
        seconds.map(Instant::ofEpochSecond),
        Combinators.combine(seconds, Arbitraries.integers().between(0, 999))
            .as((s, ms) -> Instant.ofEpochSecond(s).plusMillis(ms)),
        Combinators.combine(seconds, Arbitraries.integers().between(0, 999_999))
            .as((s, us) -> Instant.ofEpochSecond(s).plus(us, ChronoUnit.MICROS)));
  }

  /** Local times in whole seconds. */
  public static Arbitrary<LocalTime> localTimes() {
    return Arbitraries.integers().between(0, 86_399).map(LocalTime::ofSecondOfDay);
  }

  /** Dates from 1900 to 2100. */
  public static Arbitrary<LocalDate> localDates() {
    return Arbitraries.longs().between(LocalDate.of(1900, 1, 1).toEpochDay(), LocalDate.of(2100, 12, 31).toEpochDay())
        .map(LocalDate::ofEpochDay);
  }

  /** Any region id of {@link ZoneId#getAvailableZoneIds()}, {@code UTC}, {@code Z} or a fixed offset. */
  public static Arbitrary<ZoneId> zoneIds() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.of(ZONE_IDS).map(ZoneId::of)),
        Tuple.of(1, Arbitraries.of(ZoneOffset.UTC, ZoneId.of("UTC"), ZoneId.of("GMT"))),
        Tuple.of(1, Arbitraries.integers().between(-18 * 4, 18 * 4).map(q -> ZoneOffset.ofTotalSeconds(q * 900))));
  }

  /** The JDK's available locales whose BCP 47 language tag reads back as the same locale. */
  public static Arbitrary<Locale> locales() {
    return Arbitraries.of(LOCALES);
  }

  private static boolean tagRoundTrips(Locale locale) {
    try {
      return new Locale.Builder().setLanguageTag(locale.toLanguageTag()).build().equals(locale);
    } catch (IllformedLocaleException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------------------------------------ ids

  public static Arbitrary<TenantId> tenantIds() {
    return Combinators.combine(chars(ALNUM, 1, 1), chars(ALNUM + "._-", 0, 63)).as((a, b) -> new TenantId(a + b));
  }

  /** Actors: {@code system} or a user id of 1 to 200 characters of mixed scripts. */
  public static Arbitrary<Actor> actors() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(Actor.system())),
        Tuple.of(4, Arbitraries.oneOf(chars(ALNUM + "._-@", 1, 40), text(200)).map(Actor::new)));
  }

  private static Arbitrary<String> idValues() {
    return Arbitraries.oneOf(
        chars(ALNUM + "_-", 1, 64),
        Arbitraries.randomValue(random -> new java.util.UUID(random.nextLong(), random.nextLong()).toString()));
  }

  public static Arbitrary<PartyId> partyIds() {
    return idValues().map(PartyId::new);
  }

  public static Arbitrary<RelationshipId> relationshipIds() {
    return idValues().map(RelationshipId::new);
  }

  public static Arbitrary<ConsentId> consentIds() {
    return idValues().map(ConsentId::new);
  }

  private static Arbitrary<String> snakeNames() {
    return Combinators.combine(chars("abcdefghijklmnopqrstuvwxyz", 1, 1), chars(LOWER_ALNUM + "_", 0, 63))
        .as((a, b) -> a + b);
  }

  /** The default model's stages and other lower snake case names. */
  public static Arbitrary<LifecycleStage> lifecycleStages() {
    return Arbitraries.oneOf(
        Arbitraries.of(LifecycleModel.defaults().path()),
        Arbitraries.just(LifecycleStage.CHURNED),
        snakeNames().map(LifecycleStage::new));
  }

  /** The built-in relationship types and other lower snake case names. */
  public static Arbitrary<RelationshipType> relationshipTypes() {
    List<RelationshipType> builtIn = RelationshipType.BUILT_IN.stream()
        .sorted(Comparator.comparing(RelationshipType::name)).collect(Collectors.toList());
    return Arbitraries.oneOf(Arbitraries.of(builtIn),
        snakeNames().map(RelationshipType::new));
  }

  public static Arbitrary<ExternalId> externalIds() {
    return Combinators.combine(
        Arbitraries.oneOf(Arbitraries.of("billing", "shop", "erp.v2", "legacy-crm"), chars(ALNUM + "._-", 1, 64)),
        Arbitraries.oneOf(chars(ALNUM, 1, 12), text(200)))
        .as(ExternalId::new);
  }

  // ------------------------------------------------------------------------------------------------ contact points

  private static Arbitrary<Optional<String>> labels() {
    return Arbitraries.oneOf(Arbitraries.of("work", "home", "mobile", "billing"), text(50)).optional();
  }

  /** Normalized email addresses {@code local@domain.tld}: the domain lower case. */
  public static Arbitrary<EmailAddress> emailAddresses() {
    Arbitrary<String> local = Arbitraries.oneOf(
        chars(ALNUM, 1, 20),
        Combinators.combine(chars(ALNUM, 1, 10), Arbitraries.of(".", "+", "_", "-"), chars(ALNUM, 1, 10))
            .as((a, sep, b) -> a + sep + b));
    Arbitrary<String> domain = Combinators.combine(chars(LOWER_ALNUM, 1, 15), chars(LOWER_ALNUM, 0, 10),
        chars("abcdefghijklmnopqrstuvwxyz", 2, 6))
        .as((a, b, tld) -> a + (b.isEmpty() ? "" : "." + b) + "." + tld);
    return Combinators.combine(local, domain, labels(), Arbitraries.of(true, false))
        .as((l, d, label, primary) -> new EmailAddress(l + "@" + d, label, primary));
  }

  /** E.164 numbers in fictional ranges: {@code +1415555xxxx} and {@code +442079460xxx}. */
  public static Arbitrary<PhoneNumber> phoneNumbers() {
    Arbitrary<String> number = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 9999).map(n -> String.format("+1415555%04d", n)),
        Arbitraries.integers().between(0, 999).map(n -> String.format("+442079460%03d", n)));
    return Combinators.combine(number, labels(), Arbitraries.of(true, false)).as(PhoneNumber::new);
  }

  /** Postal addresses of 1 to 5 trimmed lines, with an ISO 3166-1 alpha-2 country. */
  public static Arbitrary<PostalAddress> postalAddresses() {
    return Combinators.combine(
        text(200).list().ofMinSize(1).ofMaxSize(5),
        text(100),
        text(100).optional(),
        chars(ALNUM + " -", 3, 10).map(String::strip).filter(s -> !s.isEmpty()).optional(),
        Arbitraries.of(COUNTRIES),
        labels(),
        Arbitraries.of(true, false))
        .as(PostalAddress::new);
  }

  /** {@code http} and {@code https} URLs with a lower-case scheme and host. */
  public static Arbitrary<Website> websites() {
    Arbitrary<String> url = Combinators.combine(
        Arbitraries.of("http", "https"),
        chars(LOWER_ALNUM + "-", 1, 20).filter(h -> !h.startsWith("-") && !h.endsWith("-")),
        chars("abcdefghijklmnopqrstuvwxyz", 2, 6),
        chars(ALNUM + "-_./", 0, 30))
        .as((scheme, host, tld, path) -> scheme + "://" + host + "." + tld + (path.isEmpty() ? "" : "/" + path));
    return Combinators.combine(url, labels(), Arbitraries.of(true, false)).as(Website::new);
  }

  /** Social handles with a lower-case network and a handle without white space. */
  public static Arbitrary<SocialHandle> socialHandles() {
    return Combinators.combine(
        Arbitraries.oneOf(Arbitraries.of("linkedin", "mastodon", "github", "bluesky"),
            chars(LOWER_ALNUM + "._-", 1, 40)),
        Arbitraries.oneOf(chars(ALNUM + "_.@", 1, 30), word(30)),
        labels(),
        Arbitraries.of(true, false))
        .as(SocialHandle::new);
  }

  /** Any kind of contact point. */
  public static Arbitrary<ContactPoint> contactPoints() {
    return Arbitraries.oneOf(emailAddresses(), phoneNumbers(), postalAddresses(), websites(), socialHandles());
  }

  /**
   * A party's contact points: distinct keys, and exactly the first of each kind primary (as the library
   * normalizes them).
   */
  public static Arbitrary<List<ContactPoint>> partyContactPoints() {
    return contactPoints().list().ofMaxSize(6).uniqueElements(ContactPoint::key).map(points -> {
      Set<ContactKind> seen = EnumSet.noneOf(ContactKind.class);
      List<ContactPoint> out = new ArrayList<>();
      for (ContactPoint point : points) {
        out.add(point.withPrimary(seen.add(point.kind())));
      }
      return out;
    });
  }

  // ------------------------------------------------------------------------------------------------ preferences

  /** Windows whose start and end differ; some span midnight. */
  public static Arbitrary<QuietWindow> quietWindows() {
    return Combinators.combine(localTimes(), Arbitraries.integers().between(1, 86_399))
        .as((start, length) -> new QuietWindow(start, start.plusSeconds(length)));
  }

  public static Arbitrary<Preferences> preferences() {
    return Combinators.combine(
        zoneIds().optional(),
        locales().optional(),
        Arbitraries.of(Channel.class).optional(),
        Arbitraries.maps(Arbitraries.of(Channel.class), quietWindows().list().ofMinSize(1).ofMaxSize(3)).ofMaxSize(3),
        businessCalendars().optional(0.2))
        .as(Preferences::new);
  }

  // ------------------------------------------------------------------------------------------------ consent

  public static Arbitrary<ConsentRecord> consentRecords() {
    return Combinators.combine(
        List.of(consentIds().asGeneric(), Arbitraries.of(Channel.class).asGeneric(),
            Arbitraries.of(Purpose.class).asGeneric(), Arbitraries.of(ConsentStatus.class).asGeneric(),
            Arbitraries.of(LegalBasis.class).asGeneric(), instants().asGeneric(), text(200).asGeneric(),
            instants().list().ofSize(4).asGeneric(), Arbitraries.of(true, false).list().ofSize(2).asGeneric(),
            consentIds().optional().asGeneric()))
        .as(v -> {
          Instant captured = at(v, 5);
          List<Instant> later = sortedAfter(captured, at(v, 7));
          List<Boolean> flags = at(v, 8);
          Instant from = later.get(0);
          Optional<Instant> to = flags.get(0) ? Optional.of(later.get(3).plusSeconds(1)) : Optional.empty();
          ConsentStatus status = at(v, 3);
          Optional<Instant> confirmed = flags.get(1) && status == ConsentStatus.OPTED_IN
              ? Optional.of(later.get(1)) : Optional.empty();
          return new ConsentRecord(at(v, 0), at(v, 1), at(v, 2), at(v, 3), at(v, 4), captured, at(v, 6), from, to,
              confirmed, later.get(2), at(v, 9));
        });
  }

  /**
   * A party's consent history: unique ids, oldest recorded first, each record superseding the previous one
   * of its (channel, purpose).
   */
  public static Arbitrary<List<ConsentRecord>> consentHistories() {
    return consentRecords().list().ofMaxSize(5).map(records -> {
      List<ConsentRecord> sorted = new ArrayList<>(records);
      sorted.sort(Comparator.comparing(ConsentRecord::recordedAt));
      Map<String, ConsentId> latest = new HashMap<>();
      List<ConsentRecord> out = new ArrayList<>();
      for (int i = 0; i < sorted.size(); i++) {
        ConsentRecord r = sorted.get(i);
        String base = r.id().value();
        ConsentId id = new ConsentId(base.substring(0, Math.min(base.length(), 60)) + "-" + i);
        String pair = r.channel() + "/" + r.purpose();
        Optional<ConsentId> supersedes = Optional.ofNullable(latest.put(pair, id));
        out.add(new ConsentRecord(id, r.channel(), r.purpose(), r.status(), r.legalBasis(), r.capturedAt(),
            r.source(), r.effectiveFrom(), r.effectiveTo(), r.doubleOptInConfirmedAt(), r.recordedAt(), supersedes));
      }
      return out;
    });
  }

  /**
   * Consent statements as a client submits them. Their instants lie in {@code [2000, 2020)}, so that they are
   * in the past of the library's clock; only an opt-in has a double opt-in confirmation, and only when its
   * capture time is given; an end of validity is after its start, and only given when the start is.
   */
  public static Arbitrary<ConsentDraft> consentDrafts() {
    Arbitrary<Instant> past = instants().map(i -> Instant.ofEpochSecond(
        MIN_INSTANT.getEpochSecond() + Math.floorMod(i.getEpochSecond(), PAST_SECONDS), i.getNano()));
    return Combinators.combine(
        List.of(Arbitraries.of(Channel.class).asGeneric(), Arbitraries.of(Purpose.class).asGeneric(),
            Arbitraries.of(ConsentStatus.class).asGeneric(), Arbitraries.of(LegalBasis.class).asGeneric(),
            past.asGeneric(), text(200).asGeneric(), past.list().ofSize(3).asGeneric(),
            Arbitraries.of(true, false).list().ofSize(4).asGeneric()))
        .as(v -> {
          Instant captured = at(v, 4);
          List<Instant> later = new ArrayList<>(at(v, 6));
          later.replaceAll(i -> i.isBefore(captured) ? captured : i);
          later.sort(Comparator.naturalOrder());
          List<Boolean> flags = at(v, 7);
          ConsentStatus status = at(v, 2);
          // without capturedAt (meaning "now") nothing may be confirmed, and nothing may end, before now
          boolean capturedGiven = flags.get(0);
          boolean fromGiven = flags.get(1);
          return new ConsentDraft(at(v, 0), at(v, 1), status, at(v, 3),
              capturedGiven ? Optional.of(captured) : Optional.empty(), at(v, 5),
              fromGiven ? Optional.of(later.get(0)) : Optional.empty(),
              flags.get(2) && (capturedGiven || fromGiven) ? Optional.of(later.get(2).plusSeconds(1)) : Optional.empty(),
              flags.get(3) && capturedGiven && status == ConsentStatus.OPTED_IN ? Optional.of(later.get(1))
                  : Optional.empty());
        });
  }

  /** The instants, each moved to at or after {@code start}, sorted. */
  private static List<Instant> sortedAfter(Instant start, List<Instant> instants) {
    List<Instant> out = new ArrayList<>();
    for (Instant instant : instants) {
      out.add(instant.isBefore(start) ? start.plus(ChronoUnit.DAYS.getDuration().multipliedBy(
          Math.floorMod(instant.getEpochSecond(), 400))) : instant);
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  // ------------------------------------------------------------------------------------------------ lifecycle

  /** Lifecycles of up to 5 moves, in time order, each to another stage than the last; forced ones have a reason. */
  public static Arbitrary<Lifecycle> lifecycles() {
    Arbitrary<Tuple.Tuple5<LifecycleStage, Instant, Actor, Boolean, String>> move =
        Combinators.combine(lifecycleStages(), instants(), actors(), Arbitraries.of(true, false), text(500))
            .as(Tuple::of);
    return move.list().ofMaxSize(5).map(moves -> {
      List<Instant> times = moves.stream().map(Tuple.Tuple5::get2).sorted().collect(Collectors.toList());
      List<StageChange> history = new ArrayList<>();
      Optional<LifecycleStage> current = Optional.empty();
      for (int i = 0; i < moves.size(); i++) {
        var m = moves.get(i);
        if (current.isPresent() && current.get().equals(m.get1())) {
          continue;
        }
        boolean forced = m.get4() && current.isPresent();
        history.add(new StageChange(current, m.get1(), times.get(i), m.get3(), forced,
            forced ? Optional.of(m.get5()) : Optional.empty()));
        current = Optional.of(m.get1());
      }
      return new Lifecycle(history);
    });
  }

  public static Arbitrary<StageChange> stageChanges() {
    return Combinators.combine(lifecycleStages().optional(), lifecycleStages(), instants(), actors(),
        Arbitraries.of(true, false), text(500).optional())
        .as(StageChange::new);
  }

  /** Valid models: 1 to 8 distinct stages on the path, up to 3 distinct exits off it. */
  public static Arbitrary<LifecycleModel> lifecycleModels() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(LifecycleModel.defaults())),
        Tuple.of(4, Combinators.combine(lifecycleStages().set().ofMinSize(1).ofMaxSize(11),
            Arbitraries.integers().between(0, 3))
            .as((stages, exits) -> {
              List<LifecycleStage> all = new ArrayList<>(stages);
              int exitCount = Math.min(exits, all.size() - 1);
              return new LifecycleModel(all.subList(0, all.size() - exitCount),
                  new LinkedHashSet<>(all.subList(all.size() - exitCount, all.size())));
            })));
  }

  // ------------------------------------------------------------------------------------------------ attributes

  private static Arbitrary<String> attributeNames() {
    return Combinators.combine(chars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 1, 1),
        chars(ALNUM + "_", 0, 63)).as((a, b) -> a + b);
  }

  /**
   * Exact decimals within the bounds a number attribute allows (at most 38 significant digits, scale within
   * ±38 once trailing zeros are stripped); the generated value as the record stores it.
   */
  public static Arbitrary<BigDecimal> decimals() {
    BigInteger bound = BigInteger.TEN.pow(38);
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.bigIntegers().between(bound.negate(), bound),
            Arbitraries.integers().between(-20, 30)).as(BigDecimal::new).filter(DomainArbitraries::fitsANumber),
        Arbitraries.of(BigDecimal.ZERO, BigDecimal.ONE, new BigDecimal("-0.5"), new BigDecimal("1E+3"),
            new BigDecimal("0.1"), new BigDecimal("12345678901234567890123456789.123456789")));
  }

  private static boolean fitsANumber(BigDecimal d) {
    BigDecimal stripped = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    return stripped.precision() <= AttributeValue.NumberValue.MAX_PRECISION
        && Math.abs(stripped.scale()) <= AttributeValue.NumberValue.MAX_SCALE;
  }

  public static Arbitrary<AttributeValue> attributeValues() {
    return Arbitraries.oneOf(
        Arbitraries.frequencyOf(
            Tuple.of(10, anyText(200)),
            Tuple.of(1, anyCodePoint().list().ofMinSize(1_000).ofMaxSize(5_000).map(DomainArbitraries::fromCodePoints)))
            .map(AttributeValue.StringValue::new),
        decimals().map(AttributeValue.NumberValue::new),
        Arbitraries.of(true, false).map(AttributeValue.BooleanValue::new),
        localDates().map(AttributeValue.DateValue::new),
        Arbitraries.oneOf(Arbitraries.of("gold", "silver", "bronze"), text(50)).map(AttributeValue.EnumValue::new));
  }

  public static Arbitrary<Map<String, AttributeValue>> attributeMaps() {
    return Arbitraries.maps(attributeNames(), attributeValues()).ofMaxSize(4);
  }

  public static Arbitrary<AttributeDefinition> attributeDefinitions() {
    return Combinators.combine(attributeNames(), Arbitraries.of(AttributeType.class),
        text(50).set().ofMinSize(1).ofMaxSize(4))
        .as((name, type, values) -> new AttributeDefinition(name, type, type == AttributeType.ENUM ? values : Set.of()));
  }

  public static Arbitrary<AttributeSchema> attributeSchemas() {
    return attributeDefinitions().list().ofMaxSize(5).map(AttributeSchema::of);
  }

  // ------------------------------------------------------------------------------------------------ parties

  private static Arbitrary<Set<String>> tags() {
    return text(100).set().ofMaxSize(4);
  }

  /** Stored parties: normalized contact points, ordered consents and moves, timestamps that fit them. */
  public static Arbitrary<Party> parties() {
    return Combinators.combine(List.of(
            tenantIds().asGeneric(), partyIds().asGeneric(), Arbitraries.of(PartyKind.class).asGeneric(),
            text(500).asGeneric(), Arbitraries.subsetOf(Role.values()).asGeneric(), externalIds().set().ofMaxSize(3).asGeneric(),
            partyContactPoints().asGeneric(), preferences().asGeneric(), consentHistories().asGeneric(),
            Arbitraries.of(true, false).asGeneric(), lifecycles().asGeneric(), text(200).optional().asGeneric(),
            text(100).optional().asGeneric(), tags().asGeneric(), attributeMaps().asGeneric(),
            Arbitraries.longs().between(1, Long.MAX_VALUE).asGeneric(), instants().list().ofSize(2).asGeneric()))
        .as(v -> {
          List<ConsentRecord> consents = at(v, 8);
          Lifecycle lifecycle = at(v, 10);
          List<Instant> stamps = new ArrayList<>(at(v, 16));
          consents.forEach(c -> stamps.add(c.recordedAt()));
          lifecycle.history().forEach(m -> stamps.add(m.at()));
          Instant created = stamps.stream().min(Comparator.naturalOrder()).orElseThrow();
          Instant updated = stamps.stream().max(Comparator.naturalOrder()).orElseThrow();
          return new Party(at(v, 0), at(v, 1), at(v, 2), at(v, 3), at(v, 4), at(v, 5), at(v, 6), at(v, 7), consents,
              at(v, 9), lifecycle, at(v, 11), at(v, 12), at(v, 13), at(v, 14), at(v, 15), created, updated);
        });
  }

  public static Arbitrary<PartyDraft> partyDrafts() {
    return Combinators.combine(List.of(
            Arbitraries.of(PartyKind.class).asGeneric(), text(500).asGeneric(),
            Arbitraries.subsetOf(Role.values()).asGeneric(), externalIds().set().ofMaxSize(3).asGeneric(),
            partyContactPoints().asGeneric(), preferences().asGeneric(),
            consentDrafts().list().ofMaxSize(3).asGeneric(), Arbitraries.of(true, false).asGeneric(),
            lifecycleStages().optional().asGeneric(), text(200).optional().asGeneric(),
            text(100).optional().asGeneric(), tags().asGeneric(), attributeMaps().asGeneric()))
        .as(v -> new PartyDraft(at(v, 0), at(v, 1), at(v, 2), at(v, 3), at(v, 4), at(v, 5), at(v, 6), at(v, 7),
            at(v, 8), at(v, 9), at(v, 10), at(v, 11), at(v, 12)));
  }

  /** Every kind of {@link PartyChange}, evenly. */
  public static Arbitrary<PartyChange> partyChanges() {
    Arbitrary<Role> roles = Arbitraries.of(Role.class);
    return Arbitraries.oneOf(List.<Arbitrary<? extends PartyChange>>of(
        text(500).map(PartyChange.Rename::new),
        roles.map(PartyChange.AddRole::new),
        roles.map(PartyChange.RemoveRole::new),
        externalIds().map(PartyChange.AddExternalId::new),
        externalIds().map(PartyChange.RemoveExternalId::new),
        contactPoints().map(PartyChange.AddContactPoint::new),
        contactPoints().map(PartyChange.RemoveContactPoint::new),
        contactPoints().map(PartyChange.MakePrimary::new),
        preferences().map(PartyChange.SetPreferences::new),
        Arbitraries.of(true, false).map(PartyChange.SetDoNotContact::new),
        text(200).optional().map(PartyChange.AssignOwner::new),
        text(100).optional().map(PartyChange.AssignTeam::new),
        text(100).map(PartyChange.AddTag::new),
        text(100).map(PartyChange.RemoveTag::new),
        Combinators.combine(attributeNames(), attributeValues()).as(PartyChange.SetAttribute::new),
        attributeNames().map(PartyChange.RemoveAttribute::new)));
  }

  public static Arbitrary<PartyUpdate> partyUpdates() {
    return partyChanges().list().ofMaxSize(8).map(PartyUpdate::new);
  }

  public static Arbitrary<PartyQuery> partyQueries() {
    Arbitrary<PartyQuery.AttributeMatch> match =
        Combinators.combine(attributeNames(), attributeValues()).as(PartyQuery.AttributeMatch::new);
    return Combinators.combine(
        Arbitraries.of(PartyKind.class).optional(), Arbitraries.of(Role.class).optional(),
        lifecycleStages().optional(), text(100).optional(), text(200).optional(), match.optional(),
        text(50).optional())
        .as(PartyQuery::new);
  }

  // ------------------------------------------------------------------------------------------------ relationships

  public static Arbitrary<Relationship> relationships() {
    return Combinators.combine(List.of(
            tenantIds().asGeneric(), relationshipIds().asGeneric(), relationshipTypes().asGeneric(),
            partyIds().list().ofSize(2).uniqueElements().asGeneric(), instants().list().ofSize(4).asGeneric(),
            Arbitraries.of(true, false).asGeneric(), Arbitraries.longs().between(1, 1_000_000).asGeneric()))
        .as(v -> {
          List<PartyId> ends = at(v, 3);
          List<Instant> times = new ArrayList<>(at(v, 4));
          times.sort(Comparator.naturalOrder());
          boolean ended = at(v, 5);
          return new Relationship(at(v, 0), at(v, 1), at(v, 2), ends.get(0), ends.get(1), times.get(1),
              ended ? Optional.of(times.get(3).plusSeconds(1)) : Optional.empty(), at(v, 6), times.get(0),
              times.get(2));
        });
  }

  public static Arbitrary<RelationshipDraft> relationshipDrafts() {
    return Combinators.combine(relationshipTypes(), partyIds().list().ofSize(2).uniqueElements(),
        instants().list().ofSize(2), Arbitraries.of(true, false).list().ofSize(2))
        .as((type, ends, times, flags) -> {
          List<Instant> sorted = new ArrayList<>(times);
          sorted.sort(Comparator.naturalOrder());
          return new RelationshipDraft(type, ends.get(0), ends.get(1),
              flags.get(0) ? Optional.of(sorted.get(0)) : Optional.empty(),
              flags.get(1) ? Optional.of(sorted.get(1).plusSeconds(1)) : Optional.empty());
        });
  }

  // ------------------------------------------------------------------------------------------------ audit

  public static Arbitrary<FieldChange> fieldChanges() {
    Arbitrary<String> fields = Arbitraries.oneOf(
        Arbitraries.of("displayName", "roles", "contactPoints", "preferences", "owner", "tags", "doNotContact"),
        attributeNames().map(n -> "attributes." + n));
    return Combinators.combine(fields, anyText(300).optional(), anyText(300).optional()).as(FieldChange::new);
  }

  public static Arbitrary<AuditEntry> auditEntries() {
    return Combinators.combine(
        tenantIds(), Arbitraries.longs().between(1, Long.MAX_VALUE),
        Combinators.combine(Arbitraries.of("party", "relationship", "settings"), idValues()).as(Tuple::of),
        Arbitraries.of(AuditAction.class), actors(), instants(), fieldChanges().list().ofMaxSize(5))
        .as((tenant, sequence, record, action, actor, at, changes) ->
            new AuditEntry(tenant, sequence, record.get1(), record.get2(), action, actor, at, changes));
  }

  // ------------------------------------------------------------------------------------------------ interactions

  public static Arbitrary<InteractionId> interactionIds() {
    return idValues().map(InteractionId::new);
  }

  /**
   * Conversation ids as hosts choose them: ticket numbers, e-mail message ids with {@code <}, {@code @},
   * quotes and {@code %}, and any printable ASCII up to the maximum length of 128.
   */
  public static Arbitrary<ConversationId> conversationIds() {
    String printable = PRINTABLE_ASCII;
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.integers().between(1, 999_999).map(n -> "ZD-" + n)),
        Tuple.of(2, Combinators.combine(chars(ALNUM + "=._-", 1, 40), chars(LOWER_ALNUM + ".", 1, 30))
            .as((local, host) -> "<" + local + "@" + host + ">")),
        Tuple.of(1, Arbitraries.of("x".repeat(ConversationId.MAX_LENGTH), "'", "%_\\", "\"';--", "T-1", "t-1")),
        Tuple.of(4, chars(printable, 1, ConversationId.MAX_LENGTH)))
        .map(ConversationId::new);
  }

  /** Free interaction attributes: valid names, values of every type within the bounds. */
  public static Arbitrary<Map<String, AttributeValue>> interactionAttributes() {
    return Arbitraries.maps(attributeNames(), attributeValues()).ofMaxSize(5);
  }

  /** A kind and a direction that fit it (survey answers and purchases are inbound). */
  private static Arbitrary<Tuple.Tuple2<InteractionKind, Direction>> kindsAndDirections() {
    return Combinators.combine(Arbitraries.of(InteractionKind.class), Arbitraries.of(Direction.class))
        .as((kind, direction) -> Tuple.of(kind, kind.alwaysInbound() ? Direction.INBOUND : direction));
  }

  /** Stored interactions: occurred no later than recorded, outcomes and attributes within the bounds. */
  public static Arbitrary<Interaction> interactions() {
    return Combinators.combine(List.of(
            tenantIds().asGeneric(), interactionIds().asGeneric(), partyIds().asGeneric(),
            kindsAndDirections().asGeneric(), Arbitraries.of(Channel.class).asGeneric(),
            Arbitraries.of(Purpose.class).asGeneric(), actors().asGeneric(), conversationIds().optional().asGeneric(),
            instants().list().ofSize(2).asGeneric(), text(500).optional().asGeneric(),
            interactionAttributes().asGeneric()))
        .as(v -> {
          Tuple.Tuple2<InteractionKind, Direction> kind = at(v, 3);
          List<Instant> times = new ArrayList<>(at(v, 8));
          times.sort(Comparator.naturalOrder());
          return new Interaction(at(v, 0), at(v, 1), at(v, 2), kind.get1(), at(v, 4), at(v, 5), kind.get2(),
              at(v, 6), at(v, 7), times.get(0), times.get(1), at(v, 9), at(v, 10));
        });
  }

  /**
   * Drafts that are valid on their own, for a random party: a kind and direction that fit, an
   * {@code occurredAt} in the past (2000 to 2020) or none, an outcome of 1 to 500 characters without control
   * characters, valid attributes. Recording one also needs the party to exist, and a conversation it names to
   * be new or of the same party and channel.
   */
  public static Arbitrary<InteractionDraft> interactionDrafts() {
    return partyIds().flatMap(DomainArbitraries::interactionDraftsFor);
  }

  /** Like {@link #interactionDrafts()}, for {@code party}. */
  public static Arbitrary<InteractionDraft> interactionDraftsFor(PartyId party) {
    Arbitrary<Instant> past = Arbitraries.longs().between(0, PAST_SECONDS - 1)
        .map(s -> MIN_INSTANT.plusSeconds(s));
    return Combinators.combine(kindsAndDirections(), Arbitraries.of(Channel.class), Arbitraries.of(Purpose.class),
            conversationIds().optional(), past.optional(), text(500).optional(), interactionAttributes())
        .as((kind, channel, purpose, conversation, occurredAt, outcome, attributes) -> new InteractionDraft(party,
            kind.get1(), channel, purpose, kind.get2(), conversation, occurredAt, outcome, attributes));
  }

  /**
   * Drafts for {@code party} meant to break things, each of which the library must either record verbatim or
   * reject with a {@code ValidationException}: {@link #hostileStrings()} as outcomes, attribute names, string
   * and enum values; instants far in the past and the future ({@link Instant#MIN}, {@link Instant#MAX}, 1899,
   * a nanosecond from now); survey answers and purchases marked outbound; too many attributes; the longest
   * conversation ids.
   */
  public static Arbitrary<InteractionDraft> hostileInteractionDraftsFor(PartyId party) {
    Arbitrary<String> hostile = hostileStrings();
    Arbitrary<Instant> instants = Arbitraries.oneOf(
        Arbitraries.of(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.parse("1899-12-31T23:59:59.999999999Z"),
            Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"),
            Instant.parse("2019-12-31T23:59:59.999999999Z")),
        instants());
    Arbitrary<AttributeValue> values = Arbitraries.oneOf(
        hostile.map(AttributeValue.StringValue::new),
        hostile.map(AttributeValue.EnumValue::new),
        attributeValues());
    Arbitrary<Map<String, AttributeValue>> attributes = Arbitraries.oneOf(
        Arbitraries.maps(Arbitraries.oneOf(hostile, attributeNames()), values).ofMaxSize(4),
        Arbitraries.maps(attributeNames(), values).ofMinSize(InteractionDraft.MAX_ATTRIBUTES + 1)
            .ofMaxSize(InteractionDraft.MAX_ATTRIBUTES + 3));
    return Combinators.combine(Arbitraries.of(InteractionKind.class), Arbitraries.of(Direction.class),
            Arbitraries.of(Channel.class), Arbitraries.of(Purpose.class), conversationIds().optional(),
            instants.optional(), Arbitraries.oneOf(hostile, text(500)).optional(), attributes)
        .as((kind, direction, channel, purpose, conversation, occurredAt, outcome, attrs) -> new InteractionDraft(
            party, kind, channel, purpose, direction, conversation, occurredAt, outcome, attrs));
  }

  /**
   * Stored conversations with consistent instants: opened first, the first inbound before the last, the state
   * changed after the opening, created before updated, a count and version of at least 1.
   */
  public static Arbitrary<Conversation> conversations() {
    return Combinators.combine(List.of(
            tenantIds().asGeneric(), conversationIds().asGeneric(), partyIds().asGeneric(),
            Arbitraries.of(Channel.class).asGeneric(), Arbitraries.of(ConversationState.class).asGeneric(),
            instants().list().ofSize(6).asGeneric(), Arbitraries.integers().between(0, 2).asGeneric(),
            Arbitraries.longs().between(1, 1_000_000).asGeneric(), Arbitraries.longs().between(0, 1_000).asGeneric(),
            Arbitraries.integers().between(0, 2).asGeneric(), Arbitraries.doubles().between(0, 1).asGeneric()))
        .as(v -> {
          List<Instant> t = new ArrayList<>(at(v, 5));
          t.sort(Comparator.naturalOrder());
          int sides = at(v, 6); // 0: inbound only, 1: outbound only, 2: both
          long count = at(v, 7);
          long extraVersions = at(v, 8);
          int reply = at(v, 9); // with both sides: 0 no reply, 1 at the last inbound, 2 at the last outbound
          double businessShare = at(v, 10);
          Optional<Instant> firstIn = sides == 1 ? Optional.empty() : Optional.of(t.get(1));
          Optional<Instant> lastIn = sides == 1 ? Optional.empty() : Optional.of(t.get(2));
          Optional<Instant> lastOut = sides == 0 ? Optional.empty() : Optional.of(t.get(3));
          Optional<Instant> firstReply = sides == 2 && reply > 0 ? Optional.of(t.get(reply + 1)) : Optional.empty();
          // business time: a share of the elapsed time, in whole microseconds
          Optional<Duration> business = firstReply.map(r -> Duration.ofNanos(
              (long) (Duration.between(t.get(1), r).toNanos() / 1_000 * businessShare) * 1_000));
          return new Conversation(at(v, 0), at(v, 1), at(v, 2), at(v, 3), at(v, 4), t.get(0), t.get(1), firstIn,
              lastIn, lastOut, firstReply, business, count, count + extraVersions, t.get(4), t.get(5));
        });
  }

  // ------------------------------------------------------------------------------------------------ settings, paging

  /** Settings a tenant may be configured with: the default region has a phone numbering plan. */
  public static Arbitrary<TenantSettings> tenantSettings() {
    return Combinators.combine(tenantIds(), zoneIds(), Arbitraries.of(PHONE_REGIONS).optional(), lifecycleModels(),
        attributeSchemas(), relationshipTypes().filter(t -> !RelationshipType.BUILT_IN.contains(t)).set().ofMaxSize(4),
        businessCalendars().optional(0.5),
        Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12), businessCalendars())
            .ofMaxSize(2))
        .as(TenantSettings::new);
  }

  public static Arbitrary<PageRequest> pageRequests() {
    return Combinators.combine(
        Arbitraries.oneOf(Arbitraries.integers().between(1, PageRequest.MAX_LIMIT), Arbitraries.of(1, 50, 1_000)),
        cursors().optional())
        .as(PageRequest::new);
  }

  private static Arbitrary<String> cursors() {
    return chars(ALNUM + "-_=", 1, 80);
  }

  /** Pages of up to 5 items of {@code items}; the last page has no cursor. */
  public static <T> Arbitrary<Page<T>> pages(Arbitrary<T> items) {
    return Combinators.combine(items.list().ofMaxSize(5), cursors().optional()).as(Page::new);
  }

  /** Violations with any text, hostile strings included. */
  public static Arbitrary<Violation> violations() {
    Arbitrary<String> any = Arbitraries.oneOf(anyText(100), hostileStrings());
    return Combinators.combine(any, any, any).as(Violation::new);
  }

  // ------------------------------------------------------------------------------------------------ calendars

  /**
   * Zones whose rules make business-time arithmetic hard: summer time in both hemispheres and with a negative
   * saving (Europe/Dublin), clock changes at midnight (America/Sao_Paulo until 2019, America/Santiago,
   * America/Havana, Asia/Beirut), half-hour and three-quarter-hour offsets (Asia/Kolkata, Asia/Kathmandu,
   * America/St_Johns, Australia/Adelaide, Pacific/Chatham), a 30-minute saving (Australia/Lord_Howe), a 2-hour
   * one (Antarctica/Troll), a skipped day (Pacific/Apia, 2011-12-30), Ramadan gaps (Africa/Casablanca), the
   * ends of the date line (Pacific/Kiritimati, Pacific/Pago_Pago), and fixed offsets up to the extremes of
   * {@code ±18:00}.
   */
  private static final List<ZoneId> CALENDAR_ZONES = List.of(
      ZoneOffset.UTC, ZoneId.of("Europe/Berlin"), ZoneId.of("Europe/London"), ZoneId.of("Europe/Dublin"),
      ZoneId.of("America/New_York"), ZoneId.of("America/Los_Angeles"), ZoneId.of("America/St_Johns"),
      ZoneId.of("America/Sao_Paulo"), ZoneId.of("America/Santiago"), ZoneId.of("America/Havana"),
      ZoneId.of("Asia/Beirut"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Kathmandu"), ZoneId.of("Asia/Tokyo"),
      ZoneId.of("Australia/Adelaide"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Pacific/Auckland"),
      ZoneId.of("Pacific/Chatham"), ZoneId.of("Pacific/Apia"), ZoneId.of("Pacific/Kiritimati"),
      ZoneId.of("Pacific/Pago_Pago"), ZoneId.of("Africa/Casablanca"), ZoneId.of("Antarctica/Troll"),
      ZoneOffset.ofHoursMinutes(-9, -30), ZoneOffset.MAX, ZoneOffset.MIN);

  /** Minutes of the day (0 to 1,440) at which intervals open and close: any minute, quarter hours, and the
   * times around midnight and clock changes more often. */
  private static Arbitrary<Integer> minutesOfDay() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.integers().between(0, 1_440)),
        Tuple.of(3, Arbitraries.integers().between(0, 96).map(quarter -> quarter * 15)),
        Tuple.of(2, Arbitraries.of(0, 60, 120, 135, 150, 165, 180, 240, 540, 720, 1_020, 1_380, 1_440)));
  }

  private static LocalTime minuteOfDay(int minute) {
    return minute == 1_440 ? LocalTime.MIDNIGHT : LocalTime.of(minute / 60, minute % 60);
  }

  /** Time zones for calendars: see the list above; all of them have offsets and transitions on whole minutes. */
  public static Arbitrary<ZoneId> calendarZones() {
    return Arbitraries.of(CALENDAR_ZONES);
  }

  /** Open intervals on whole minutes, {@link OpenInterval#ALL_DAY} and ones closing at 24:00 included. */
  public static Arbitrary<OpenInterval> openIntervals() {
    return minutesOfDay().list().ofSize(2).filter(m -> !m.get(0).equals(m.get(1))).map(m -> {
      int open = Math.min(m.get(0), m.get(1));
      int close = Math.max(m.get(0), m.get(1));
      return OpenInterval.of(minuteOfDay(open), minuteOfDay(close));
    });
  }

  /**
   * The intervals of one day as a calendar holds them: 0 to 3, on whole minutes, sorted, not overlapping, some
   * touching (one closes when the next opens), some all day or closing at 24:00.
   */
  public static Arbitrary<List<OpenInterval>> daySchedules() {
    return Arbitraries.integers().between(0, 3).flatMap(count -> minutesOfDay().list().ofSize(2 * count)
        .map(points -> {
          List<Integer> sorted = new ArrayList<>(points);
          sorted.sort(Comparator.naturalOrder());
          List<OpenInterval> intervals = new ArrayList<>();
          for (int i = 0; i < sorted.size(); i += 2) {
            if (sorted.get(i) < sorted.get(i + 1)) {
              intervals.add(OpenInterval.of(minuteOfDay(sorted.get(i)), minuteOfDay(sorted.get(i + 1))));
            }
          }
          return intervals;
        }));
  }

  /**
   * Valid business calendars in {@link #calendarZones()}, with holidays and special dates from 2000 to 2099.
   * See {@link #businessCalendars(ZoneId, LocalDate, LocalDate)}.
   */
  public static Arbitrary<BusinessCalendar> businessCalendars() {
    return calendarZones().flatMap(zone ->
        businessCalendars(zone, LocalDate.of(2000, 1, 1), LocalDate.of(2099, 12, 31)));
  }

  /**
   * Valid business calendars in {@code zone} whose holidays and special dates (up to 5 of each) fall between
   * {@code from} and {@code to}, so that a property can put them where its instants are. Intervals are on whole
   * minutes; about one day in seven is open around the clock, and about one calendar in eight has no weekly
   * intervals and is open only on its special dates (and so runs out of open time). A calendar that would never
   * be open gets Monday {@code 09:00-17:00}.
   */
  public static Arbitrary<BusinessCalendar> businessCalendars(ZoneId zone, LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from, was " + from + " to " + to);
    }
    Arbitrary<LocalDate> dates = Arbitraries.longs().between(from.toEpochDay(), to.toEpochDay()).map(LocalDate::ofEpochDay);
    Arbitrary<List<OpenInterval>> days = Arbitraries.frequencyOf(
        Tuple.of(6, daySchedules()),
        Tuple.of(1, Arbitraries.just(List.of(OpenInterval.ALL_DAY))));
    Arbitrary<List<List<OpenInterval>>> weeks = Arbitraries.frequencyOf(
        Tuple.of(7, days.list().ofSize(7)),
        Tuple.of(1, Arbitraries.just(Collections.nCopies(7, List.<OpenInterval>of()))));
    return Combinators.combine(weeks, dates.set().ofMaxSize(5), Arbitraries.maps(dates, days).ofMaxSize(5))
        .as((week, holidays, specials) -> {
          Map<DayOfWeek, List<OpenInterval>> weekly = new EnumMap<>(DayOfWeek.class);
          for (DayOfWeek day : DayOfWeek.values()) {
            weekly.put(day, week.get(day.ordinal()));
          }
          Set<LocalDate> closed = new TreeSet<>(holidays);
          closed.removeAll(specials.keySet());
          boolean open = week.stream().anyMatch(intervals -> !intervals.isEmpty())
              || specials.values().stream().anyMatch(intervals -> !intervals.isEmpty());
          if (!open) {
            weekly.put(DayOfWeek.MONDAY, List.of(OpenInterval.parse("09:00-17:00")));
          }
          return new BusinessCalendar(zone, weekly, closed, new TreeMap<>(specials));
        });
  }

  /** Every kind of {@link CalendarChoice}, a team's named like a party's owning team. */
  public static Arbitrary<CalendarChoice> calendarChoices() {
    return Arbitraries.oneOf(List.<Arbitrary<? extends CalendarChoice>>of(
        Arbitraries.just(new CalendarChoice.Business()),
        text(100).map(CalendarChoice.Team::new),
        Arbitraries.just(new CalendarChoice.Customer()),
        Arbitraries.just(new CalendarChoice.Elapsed())));
  }

  // ------------------------------------------------------------------------------------------------ rules

  /**
   * Durations a rule may name: positive, at most 400 days; mostly whole minutes, hours and days, some with
   * seconds and nanoseconds.
   */
  public static Arbitrary<Duration> ruleDurations() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.longs().between(1, 24 * 60).map(Duration::ofMinutes)),
        Tuple.of(2, Arbitraries.longs().between(1, 400).map(Duration::ofDays)),
        Tuple.of(1, Arbitraries.longs().between(1, 400L * 86_400).map(Duration::ofSeconds)),
        Tuple.of(1, Combinators.combine(Arbitraries.longs().between(0, 86_400), Arbitraries.integers()
            .between(1, 999_999_999)).as(Duration::ofSeconds)));
  }

  /** Ids of rules and names of rule sets: 1 to 64 characters from {@code [A-Za-z0-9._-]}. */
  public static Arbitrary<String> ruleIds() {
    return Combinators.combine(chars(ALNUM, 1, 1), chars(ALNUM + "._-", 0, 40)).as((a, b) -> a + b);
  }

  /** Names of roles, queues, teams and priorities: text of 1 to 200 characters of mixed scripts. */
  public static Arbitrary<String> roleNames() {
    return Arbitraries.oneOf(Arbitraries.of("team_lead", "head_of_support", "support", "sales", "account-manager",
        "Tier 2", "Vertrieb Süd"), text(200));
  }

  public static Arbitrary<Warning> warnings(Duration shortestTarget) {
    List<Arbitrary<? extends Warning>> kinds = new ArrayList<>();
    kinds.add(Arbitraries.integers().between(1, 999_999_999)
        .map(n -> (Warning) new Warning.ElapsedFraction(BigDecimal.valueOf(n, 9))));
    kinds.add(Arbitraries.of("0.5", "0.75", "0.9", "0.25", "0.333333333")
        .map(f -> (Warning) new Warning.ElapsedFraction(new BigDecimal(f))));
    if (shortestTarget.toNanos() > 1) {
      kinds.add(Arbitraries.longs().between(1, shortestTarget.toNanos() - 1)
          .map(n -> (Warning) new Warning.BeforeDeadline(Duration.ofNanos(n).truncatedTo(
              n >= 60_000_000_000L ? ChronoUnit.MINUTES : ChronoUnit.NANOS))));
    }
    return Arbitraries.oneOf(kinds);
  }

  /** Any warning that is valid in a rule whose shortest target is at least a day. */
  public static Arbitrary<Warning> warnings() {
    return warnings(Duration.ofDays(1));
  }

  /** Chains of 0 to 4 steps: the first may escalate at the breach, the others after a positive delay. */
  public static Arbitrary<List<EscalationStep>> escalationChains() {
    return Combinators.combine(roleNames(), ruleDurations(), Arbitraries.of(true, false)).as((role, after, now) ->
        new EscalationStep(role, now ? Duration.ZERO : after)).list().ofMaxSize(4).map(steps -> {
          List<EscalationStep> out = new ArrayList<>();
          for (int i = 0; i < steps.size(); i++) {
            EscalationStep step = steps.get(i);
            out.add(i > 0 && step.after().isZero() ? new EscalationStep(step.role(), Duration.ofMinutes(i)) : step);
          }
          return out;
        });
  }

  public static Arbitrary<EscalationStep> escalationSteps() {
    return Combinators.combine(roleNames(), ruleDurations()).as(EscalationStep::new);
  }

  public static Arbitrary<Assignee> assignees() {
    return Arbitraries.oneOf(List.<Arbitrary<? extends Assignee>>of(
        roleNames().map(Assignee.Owner::new),
        roleNames().map(Assignee.Team::new),
        roleNames().map(Assignee.Role::new)));
  }

  /** Filters that can match something, with up to 3 attribute conditions. */
  public static Arbitrary<EventFilter> eventFilters() {
    Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.of("onboarded", "nps", "42", "true", "2026-01-31"),
        text(300));
    return Combinators.combine(
            Arbitraries.of(InteractionKind.class).set().ofMaxSize(2),
            Arbitraries.of(Direction.class).set().ofMaxSize(2),
            Arbitraries.of(Channel.class).set().ofMaxSize(3),
            Arbitraries.of(Purpose.class).set().ofMaxSize(2),
            Arbitraries.maps(attributeNames(), values).ofMaxSize(3))
        .as(EventFilter::new)
        .filter(f -> !(f.directions().equals(Set.of(Direction.OUTBOUND)) && !f.kinds().isEmpty()
            && f.kinds().stream().allMatch(InteractionKind::alwaysInbound)));
  }

  /** Valid target lists: a default target first or last, then up to 4 more with distinct conditions. */
  private static Arbitrary<List<ResponseTarget>> responseTargets(Set<Channel> channels) {
    Arbitrary<Optional<Channel>> channel = (channels.isEmpty() ? Arbitraries.of(Channel.class)
        : Arbitraries.of(List.copyOf(channels))).optional();
    Arbitrary<ResponseTarget> specific = Combinators.combine(channel,
            Arbitraries.oneOf(Arbitraries.of("urgent", "high", "1"), text(200)).optional(),
            Arbitraries.oneOf(Arbitraries.of("vip", "enterprise"), text(100)).optional(), ruleDurations())
        .as(ResponseTarget::new).filter(t -> !t.isDefault());
    return Combinators.combine(ruleDurations().map(ResponseTarget::of), specific.list().ofMaxSize(4),
        Arbitraries.of(true, false)).as((fallback, others, first) -> {
          List<ResponseTarget> out = new ArrayList<>();
          for (ResponseTarget target : others) {
            boolean repeated = out.stream().anyMatch(o -> o.channel().equals(target.channel())
                && o.priority().equals(target.priority()) && o.segment().equals(target.segment()));
            if (!repeated) {
              out.add(target);
            }
          }
          out.add(first ? 0 : out.size(), fallback);
          return out;
        });
  }

  private static Duration shortest(List<ResponseTarget> targets) {
    return targets.stream().map(ResponseTarget::within).min(Comparator.naturalOrder()).orElseThrow();
  }

  /** Valid response rules on their own (see {@link #ruleSets()} for sets in which every one applies). */
  public static Arbitrary<ResponseRule> responseRules() {
    return Combinators.combine(ruleIds(), Arbitraries.of(ResponseKind.class),
            Arbitraries.of(Channel.class).set().ofMaxSize(3), Arbitraries.of(Purpose.class).set().ofMaxSize(2))
        .flatAs((id, kind, channels, purposes) -> responseTargets(channels).flatMap(targets ->
            Combinators.combine(calendarChoices(), warnings(shortest(targets)).optional(0.6), escalationChains(),
                assignees())
                .as((calendar, warning, escalation, assignee) -> new ResponseRule(id, kind, channels, purposes,
                    targets, calendar, warning, escalation, assignee))));
  }

  public static Arbitrary<FollowUpRule> followUpRules() {
    return Combinators.combine(List.of(
            ruleIds().asGeneric(), text(200).asGeneric(), eventFilters().asGeneric(),
            Arbitraries.oneOf(Arbitraries.just(Duration.ZERO), ruleDurations()).asGeneric(),
            ruleDurations().asGeneric(), eventFilters().asGeneric(), eventFilters().list().ofMaxSize(3).asGeneric(),
            calendarChoices().asGeneric(), escalationChains().asGeneric(), assignees().asGeneric()))
        .as(v -> v).flatMap(v -> warnings(at(v, 4)).optional(0.5).map(warning -> new FollowUpRule(at(v, 0), at(v, 1),
            at(v, 2), at(v, 3), at(v, 4), at(v, 5), at(v, 6), at(v, 7), warning, at(v, 8), at(v, 9))));
  }

  public static Arbitrary<DormancyRule> dormancyRules() {
    return Combinators.combine(List.of(
            ruleIds().asGeneric(), text(200).asGeneric(), lifecycleStages().set().ofMaxSize(3).asGeneric(),
            Arbitraries.of(Role.class).set().ofMaxSize(2).asGeneric(),
            Arbitraries.integers().between(1, DormancyRule.MAX_DAYS).asGeneric(), ruleDurations().asGeneric(),
            eventFilters().asGeneric(), eventFilters().list().ofMaxSize(3).asGeneric(), calendarChoices().asGeneric(),
            escalationChains().asGeneric(), assignees().asGeneric()))
        .as(v -> v)
        .filter(v -> !((Set<?>) at(v, 2)).isEmpty() || !((Set<?>) at(v, 3)).isEmpty())
        .flatMap(v -> warnings(at(v, 5)).optional(0.5).map(warning -> new DormancyRule(at(v, 0), at(v, 1), at(v, 2),
            at(v, 3), at(v, 4), at(v, 5), at(v, 6), at(v, 7), at(v, 8), warning, at(v, 9), at(v, 10))));
  }

  /** Valid rules of every kind, on their own. */
  public static Arbitrary<ObligationRule> obligationRules() {
    return Arbitraries.oneOf(List.<Arbitrary<? extends ObligationRule>>of(responseRules(), followUpRules(),
        dormancyRules()));
  }

  /**
   * Valid rule sets of up to 6 rules: ids made unique, and response rules that earlier ones would leave nothing to
   * do (every channel and purpose they cover already covered) left out.
   */
  public static Arbitrary<RuleSet> ruleSets() {
    return Combinators.combine(ruleIds(), Arbitraries.integers().between(1, Integer.MAX_VALUE), instants(),
            text(300).optional(), obligationRules().list().ofMaxSize(6), contactRules().optional(0.5))
        .as((name, version, from, description, rules, contact) ->
            new RuleSet(name, version, from, description, usable(rules), contact));
  }

  /** The purposes that are not exempt from consent and caps. */
  private static Arbitrary<Purpose> consentPurposes() {
    return Arbitraries.of(EnumSet.complementOf(EnumSet.copyOf(ContactRules.EXEMPT)));
  }

  /** Windows of caps: rolling (a minute to 60 days) or 1 to 31 calendar days. */
  public static Arbitrary<CapWindow> capWindows() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(60, 86_400L * 60).map(s -> CapWindow.rolling(Duration.ofSeconds(s))),
        Arbitraries.integers().between(1, 31).map(CapWindow::calendarDays));
  }

  /** Frequency caps of non-exempt purposes, on every channel or one, with ids {@code cap-0}, {@code cap-1}, .... */
  public static Arbitrary<List<FrequencyCap>> frequencyCaps() {
    Arbitrary<FrequencyCap> cap = Combinators.combine(consentPurposes(), Arbitraries.of(Channel.class).optional(0.5),
            Arbitraries.integers().between(1, 20), capWindows())
        .as((purpose, channel, max, window) -> new FrequencyCap("cap", purpose, channel, max, window));
    return cap.list().ofMaxSize(4).map(caps -> {
      List<FrequencyCap> out = new ArrayList<>();
      for (FrequencyCap c : caps) {
        out.add(new FrequencyCap("cap-" + out.size(), c.purpose(), c.channel(), c.max(), c.window()));
      }
      return out;
    });
  }

  /** Valid contact rules: regimes, double opt-in, caps and default quiet hours. */
  public static Arbitrary<ContactRules> contactRules() {
    Arbitrary<Map<Purpose, ConsentRegime>> regimes =
        Arbitraries.maps(consentPurposes(), Arbitraries.of(ConsentRegime.class)).ofMaxSize(3);
    Arbitrary<Set<Purpose>> doubleOptIn = consentPurposes().set().ofMaxSize(2);
    Arbitrary<Map<Channel, List<QuietWindow>>> quiet =
        Arbitraries.maps(Arbitraries.of(Channel.class), quietWindows().list().ofMinSize(1).ofMaxSize(2)).ofMaxSize(2);
    return Combinators.combine(Arbitraries.of(ConsentRegime.class), regimes, doubleOptIn, frequencyCaps(), quiet)
        .as(ContactRules::new);
  }

  /** The rules with unique ids, without response rules that the ones before them shadow. */
  private static List<ObligationRule> usable(List<ObligationRule> rules) {
    List<ObligationRule> out = new ArrayList<>();
    Set<List<Object>> covered = new HashSet<>();
    for (ObligationRule rule : rules) {
      if (rule instanceof ResponseRule response) {
        Set<List<Object>> mine = new HashSet<>();
        for (Channel channel : response.channels().isEmpty() ? EnumSet.allOf(Channel.class) : response.channels()) {
          for (Purpose purpose : response.purposes().isEmpty() ? EnumSet.allOf(Purpose.class)
              : response.purposes()) {
            mine.add(List.of(response.kind(), channel, purpose));
          }
        }
        if (covered.containsAll(mine)) {
          continue;
        }
        covered.addAll(mine);
      }
      out.add(withId(rule, rule.id() + "." + out.size()));
    }
    return out;
  }

  private static ObligationRule withId(ObligationRule rule, String id) {
    if (rule instanceof ResponseRule r) {
      return new ResponseRule(id, r.kind(), r.channels(), r.purposes(), r.targets(), r.calendar(), r.warning(),
          r.escalation(), r.assignee());
    }
    if (rule instanceof FollowUpRule f) {
      return new FollowUpRule(id, f.action(), f.trigger(), f.delay(), f.within(), f.satisfiedBy(), f.cancelWhen(),
          f.calendar(), f.warning(), f.escalation(), f.assignee());
    }
    DormancyRule d = (DormancyRule) rule;
    return new DormancyRule(id, d.action(), d.stages(), d.roles(), d.days(), d.within(), d.satisfiedBy(),
        d.cancelWhen(), d.calendar(), d.warning(), d.escalation(), d.assignee());
  }

  /** Histories of 1 to 4 versions of one rule set, taking effect one after the other. */
  public static Arbitrary<RuleSetHistory> ruleSetHistories() {
    return Combinators.combine(ruleSets().list().ofMinSize(1).ofMaxSize(4),
            Arbitraries.longs().between(0, 86_400L * 400).list().ofSize(4))
        .as((sets, gaps) -> {
          List<RuleSet> versions = new ArrayList<>();
          Instant from = sets.get(0).effectiveFrom();
          for (int i = 0; i < sets.size(); i++) {
            RuleSet set = sets.get(i);
            from = from.plusSeconds(gaps.get(i));
            versions.add(new RuleSet(sets.get(0).name(), i + 1, from, set.description(), set.obligations(),
                set.contact()));
          }
          return new RuleSetHistory(versions);
        });
  }

  public static Arbitrary<RuleRef> ruleRefs() {
    return Combinators.combine(ruleIds(), Arbitraries.integers().between(1, Integer.MAX_VALUE), ruleIds())
        .as(RuleRef::new);
  }

  // ------------------------------------------------------------------------------------------------ obligations

  public static Arbitrary<ObligationId> obligationIds() {
    return idValues().map(ObligationId::new);
  }

  /** Owners, teams and roles, named like a party's owner or a rule's role: 1 to 200 characters. */
  public static Arbitrary<AssignedTo> assignedTos() {
    return Combinators.combine(Arbitraries.of(AssignedTo.Kind.class), roleNames()).as(AssignedTo::new);
  }

  /** Events of every type: recorded no earlier than they happened, a role exactly for an escalation. */
  public static Arbitrary<ObligationEvent> obligationEvents() {
    return Combinators.combine(Arbitraries.of(ObligationEvent.Type.class), instants(),
            Arbitraries.longs().between(0, 86_400L * 30), text(300), interactionIds().optional(), roleNames(),
            Arbitraries.integers().between(1, Integer.MAX_VALUE))
        .as((type, at, delay, cause, interaction, role, version) -> new ObligationEvent(type, at, at.plusSeconds(delay),
            cause, interaction, type == ObligationEvent.Type.ESCALATED ? Optional.of(role) : Optional.empty(), version));
  }

  public static Arbitrary<EscalationPoint> escalationPoints() {
    return Combinators.combine(Arbitraries.integers().between(1, 20), roleNames(), instants())
        .as(EscalationPoint::new);
  }

  /**
   * Stored obligations of every kind and state whose parts agree: a conversation (and perhaps a priority) exactly
   * for response obligations, no trigger for some check-ins; instants in order (created, opened, warned, due, the
   * escalation steps after the deadline, updated last); a pause only while open or breached; {@code breachedAt}
   * exactly for breached ones, satisfied-late ones and some cancelled ones, with escalation steps fallen only
   * then; {@code settledAt} exactly for final states; a history of events oldest first. {@link
   * Obligation#nextDueAt()} and {@link Obligation#exclusiveKey()} follow, being derived.
   */
  public static Arbitrary<Obligation> obligations() {
    Arbitrary<List<Object>> parts = Combinators.combine(List.of(
        tenantIds().asGeneric(), obligationIds().asGeneric(), ruleRefs().asGeneric(),
        Arbitraries.of(ObligationKind.class).asGeneric(), partyIds().asGeneric(), conversationIds().asGeneric(),
        text(100).optional().asGeneric(), interactionIds().optional().asGeneric(), text(500).asGeneric(),
        assignedTos().asGeneric(), Arbitraries.of(ObligationState.class).asGeneric(),
        calendarChoices().asGeneric(), ruleDurations().asGeneric(),
        instants().list().ofSize(4).asGeneric(), Arbitraries.of(true, false).list().ofSize(4).asGeneric(),
        Combinators.combine(roleNames(), ruleDurations()).as(Tuple::of).list().ofMaxSize(4).asGeneric(),
        Arbitraries.integers().between(0, 4).asGeneric(), interactionIds().optional().asGeneric(),
        obligationEvents().list().ofMaxSize(6).asGeneric(), Arbitraries.longs().between(1, 1_000_000).asGeneric()))
        .as(v -> v);
    return parts.map(v -> {
      ObligationKind kind = at(v, 3);
      boolean response = kind == ObligationKind.FIRST_RESPONSE || kind == ObligationKind.NEXT_RESPONSE;
      ObligationState state = at(v, 10);
      Duration target = at(v, 12);
      List<Instant> t = new ArrayList<>(at(v, 13));
      t.sort(Comparator.naturalOrder());
      List<Boolean> flags = at(v, 14);
      Instant createdAt = t.get(0);
      Instant opensAt = t.get(1);
      Instant dueAt = t.get(2).plus(target);
      boolean breached = state == ObligationState.BREACHED || state == ObligationState.SATISFIED_LATE
          || (state == ObligationState.CANCELLED && flags.get(0));
      boolean paused = (state == ObligationState.OPEN || state == ObligationState.BREACHED) && flags.get(1);
      Optional<Instant> warnAt = flags.get(2) ? Optional.of(dueAt.minus(target.dividedBy(4))) : Optional.empty();
      Optional<Instant> warnedAt = warnAt.filter(w -> flags.get(3) && state != ObligationState.SCHEDULED);
      List<Tuple.Tuple2<String, Duration>> chain = at(v, 15);
      List<EscalationPoint> escalations = new ArrayList<>();
      Instant step = dueAt;
      for (Tuple.Tuple2<String, Duration> link : chain) {
        step = step.plus(link.get2());
        escalations.add(new EscalationPoint(escalations.size() + 1, link.get1(), step));
      }
      int escalated = breached ? Math.min(at(v, 16), escalations.size()) : 0;
      Instant last = escalated > 0 ? escalations.get(escalated - 1).dueAt() : dueAt;
      Instant updatedAt = Collections.max(List.of(t.get(3), last, createdAt));
      List<ObligationEvent> history = new ArrayList<>(at(v, 18));
      history.sort(Comparator.comparing(ObligationEvent::at));
      Optional<InteractionId> someTrigger = at(v, 7);
      Optional<InteractionId> trigger = kind == ObligationKind.DORMANCY ? Optional.empty()
          : Optional.of(someTrigger.orElse(InteractionId.of("trigger")));
      return new Obligation(at(v, 0), at(v, 1), at(v, 2), kind, at(v, 4),
          response ? Optional.of(DomainArbitraries.<ConversationId>at(v, 5)) : Optional.empty(),
          response ? at(v, 6) : Optional.empty(), trigger, at(v, 8), at(v, 9), state, at(v, 11), target,
          opensAt, paused ? opensAt : t.get(2), paused ? Duration.ZERO : Duration.between(opensAt, t.get(2)),
          paused ? Optional.of(t.get(2)) : Optional.empty(), warnAt, dueAt, escalations, warnedAt,
          breached ? Optional.of(dueAt) : Optional.empty(), escalated,
          state.isFinal() ? Optional.of(updatedAt) : Optional.empty(),
          state.isFinal() ? at(v, 17) : Optional.empty(), history, at(v, 19), createdAt, updatedAt);
    });
  }

  /** Queries of any combination of criteria; a deadline range is never empty. */
  public static Arbitrary<ObligationQuery> obligationQueries() {
    return Combinators.combine(Arbitraries.of(ObligationState.class).set().ofMaxSize(3), partyIds().optional(),
            assignedTos().optional(), instants().list().ofSize(2), Arbitraries.of(0, 1, 2, 3),
            Arbitraries.of(true, false))
        .as((states, party, assignee, range, bounds, escalatedOnly) -> {
          List<Instant> sorted = range.stream().sorted().toList();
          return new ObligationQuery(states, party, assignee,
              (bounds & 1) != 0 ? Optional.of(sorted.get(0)) : Optional.empty(),
              (bounds & 2) != 0 ? Optional.of(sorted.get(1).plusSeconds(1)) : Optional.empty(), escalatedOnly);
        });
  }

  /**
   * Notifications keyed as the library keys them, written after they fell due: about a random obligation, or for
   * {@link NotificationKind#CONTACT_DENIED} about a random ledger entry.
   */
  public static Arbitrary<Notification> notifications() {
    return Combinators.combine(List.of(
            tenantIds().asGeneric(), obligationIds().asGeneric(), Arbitraries.of(NotificationKind.class).asGeneric(),
            partyIds().asGeneric(), ruleRefs().asGeneric(), assignedTos().asGeneric(), instants().asGeneric(),
            Arbitraries.longs().between(0, 86_400L * 7).asGeneric(), Arbitraries.integers().between(1, 20).asGeneric(),
            text(500).asGeneric()))
        .as(v -> {
          ObligationId obligation = at(v, 1);
          NotificationKind kind = at(v, 2);
          Instant due = at(v, 6);
          if (kind == NotificationKind.CONTACT_DENIED) {
            ContactId contact = ContactId.of(obligation.value());
            return new Notification(at(v, 0), contact.value() + ":denied", kind, Optional.empty(),
                Optional.of(contact), Optional.of(at(v, 3)), Optional.of(at(v, 4)), Optional.empty(), at(v, 5), due,
                due.plusSeconds(at(v, 7)), at(v, 9));
          }
          if (kind == NotificationKind.KPI_STALE || kind == NotificationKind.KPI_OFF_TRACK) {
            String kpi = "kpi-" + DomainArbitraries.<Integer>at(v, 8);
            String key = "kpi:" + kpi + (kind == NotificationKind.KPI_STALE ? ":stale:" : ":off-track:")
                + due.atZone(java.time.ZoneOffset.UTC).toLocalDate();
            return new Notification(at(v, 0), key, kind, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(kpi), at(v, 5), due, due.plusSeconds(at(v, 7)), at(v, 9));
          }
          String key = obligation.value() + switch (kind) {
            case OBLIGATION_WARNING -> ":warning";
            case OBLIGATION_BREACHED -> ":breach";
            case OBLIGATION_ESCALATED -> ":escalation:" + DomainArbitraries.<Integer>at(v, 8);
            default -> throw new AssertionError(kind);
          };
          return Notification.ofObligation(at(v, 0), key, kind, obligation, at(v, 3), at(v, 4), at(v, 5), due,
              due.plusSeconds(at(v, 7)), at(v, 9));
        });
  }

  // ------------------------------------------------------------------------------------------------ contacts

  public static Arbitrary<ContactId> contactIds() {
    return idValues().map(ContactId::new);
  }

  /** Requests of any party, channel and purpose, at an instant in whole microseconds. */
  public static Arbitrary<ContactRequest> contactRequests() {
    return Combinators.combine(partyIds(), Arbitraries.of(Channel.class), Arbitraries.of(Purpose.class), instants())
        .as(ContactRequest::new);
  }

  /**
   * One rule's verdict: the exemption and do-not-contact name no rule; only a denial may have an instant from which
   * the rule would allow.
   */
  public static Arbitrary<RuleVerdict> ruleVerdicts() {
    return Combinators.combine(Arbitraries.of(ContactCheck.class), ruleRefs().optional(), Arbitraries.of(Verdict.class),
            text(300), instants().optional())
        .as((check, rule, verdict, reason, allowedFrom) -> new RuleVerdict(check,
            check == ContactCheck.EXEMPTION || check == ContactCheck.DO_NOT_CONTACT ? Optional.empty() : rule,
            verdict, reason, verdict == Verdict.DENY ? allowedFrom : Optional.empty()));
  }

  /**
   * Receipts as a decision writes them: the rules in the order of {@link ContactCheck}, the exemption applied (and
   * no consent, do-not-contact or cap evaluated) exactly when the purpose is exempt, a consent record of the
   * request's (channel, purpose) only when consent was checked, the verdict {@code DENY} exactly when a rule
   * denies, every denial's instant at or after the request's, and for a denial the next allowed instant, the
   * latest of the denials' own, when every denial has one.
   */
  public static Arbitrary<ContactReceipt> contactReceipts() {
    return Combinators.combine(List.of(tenantIds().asGeneric(), contactRequests().asGeneric(), instants().asGeneric(),
            ruleVerdicts().list().ofMaxSize(6).asGeneric(), consentRecords().optional().asGeneric(),
            Arbitraries.longs().between(0, 86_400L * 30).asGeneric()))
        .as(v -> {
          ContactRequest request = at(v, 1);
          boolean exempt = ContactRules.isExempt(request.purpose());
          long spread = at(v, 5);
          List<RuleVerdict> rules = new ArrayList<>();
          if (exempt) {
            rules.add(new RuleVerdict(ContactCheck.EXEMPTION, Optional.empty(), Verdict.ALLOW,
                request.purpose() + " is exempt", Optional.empty()));
          }
          for (RuleVerdict r : DomainArbitraries.<List<RuleVerdict>>at(v, 3)) {
            boolean skipped = exempt ? r.check() != ContactCheck.QUIET_HOURS : r.check() == ContactCheck.EXEMPTION;
            if (!skipped) {
              rules.add(new RuleVerdict(r.check(), r.rule(), r.verdict(), r.reason(), r.allowedFrom().map(i ->
                  request.at().plusSeconds(Math.floorMod(i.getEpochSecond(), spread + 1)))));
            }
          }
          rules.sort(Comparator.comparing(RuleVerdict::check));
          List<RuleVerdict> denials = rules.stream().filter(r -> r.verdict() == Verdict.DENY).toList();
          Verdict verdict = denials.isEmpty() ? Verdict.ALLOW : Verdict.DENY;
          Optional<Instant> next = denials.isEmpty() || denials.stream().anyMatch(r -> r.allowedFrom().isEmpty())
              ? Optional.empty() : denials.stream().map(r -> r.allowedFrom().orElseThrow()).max(Instant::compareTo);
          boolean consentChecked = rules.stream().anyMatch(r -> r.check() == ContactCheck.CONSENT);
          Optional<ConsentRecord> consent = DomainArbitraries.<Optional<ConsentRecord>>at(v, 4)
              .filter(c -> consentChecked)
              .map(c -> new ConsentRecord(c.id(), request.channel(), request.purpose(), c.status(), c.legalBasis(),
                  c.capturedAt(), c.source(), c.effectiveFrom(), c.effectiveTo(), c.doubleOptInConfirmedAt(),
                  c.recordedAt(), c.supersedes()));
          return new ContactReceipt(at(v, 0), request, at(v, 2), verdict, rules, consent,
              exempt ? Optional.of(request.purpose()) : Optional.empty(), next);
        });
  }

  /**
   * Entries of the contact ledger: {@code DENIED} exactly when the receipt denies, else reserved, sent or released;
   * entered when decided, at version 1, and a sent or released one changed once since, at version 2.
   */
  public static Arbitrary<ContactEntry> contactEntries() {
    return Combinators.combine(contactReceipts(), contactIds(),
            Arbitraries.of(ContactStatus.RESERVED, ContactStatus.SENT, ContactStatus.RELEASED), actors(),
            Arbitraries.longs().between(0, 86_400L * 30))
        .as((receipt, id, allowedStatus, sender, later) -> {
          ContactStatus status = receipt.allowed() ? allowedStatus : ContactStatus.DENIED;
          boolean settled = status == ContactStatus.SENT || status == ContactStatus.RELEASED;
          Instant created = receipt.decidedAt();
          return new ContactEntry(receipt.tenant(), id, status, receipt, sender, settled ? 2 : 1, created,
              settled ? created.plusSeconds(later) : created);
        });
  }

  // ------------------------------------------------------------------------------------------------ helpers

  @SuppressWarnings("unchecked")
  private static <T> T at(List<Object> values, int index) {
    return (T) values.get(index);
  }

  /** Maps a type to its arbitrary; used by {@link DomainArbitraryProvider}. */
  /**
   * Datasets for the measurement aggregates, in tenant {@code m}: see {@link MeasurementArbitraries#datasets()};
   * {@link FactStoreAgreement} asks every aggregate about them.
   */
  public static Arbitrary<MeasurementDataset> measurementDatasets() {
    return MeasurementArbitraries.datasets();
  }

  static Map<Class<?>, Supplier<Arbitrary<?>>> byType() {
    Map<Class<?>, Supplier<Arbitrary<?>>> map = new LinkedHashMap<>();
    map.put(TenantId.class, () -> tenantIds());
    map.put(Actor.class, () -> actors());
    map.put(PartyId.class, () -> partyIds());
    map.put(RelationshipId.class, () -> relationshipIds());
    map.put(ConsentId.class, () -> consentIds());
    map.put(LifecycleStage.class, () -> lifecycleStages());
    map.put(RelationshipType.class, () -> relationshipTypes());
    map.put(ExternalId.class, () -> externalIds());
    map.put(EmailAddress.class, () -> emailAddresses());
    map.put(PhoneNumber.class, () -> phoneNumbers());
    map.put(PostalAddress.class, () -> postalAddresses());
    map.put(Website.class, () -> websites());
    map.put(SocialHandle.class, () -> socialHandles());
    map.put(ContactPoint.class, () -> contactPoints());
    map.put(QuietWindow.class, () -> quietWindows());
    map.put(Preferences.class, () -> preferences());
    map.put(ConsentRecord.class, () -> consentRecords());
    map.put(ConsentDraft.class, () -> consentDrafts());
    map.put(StageChange.class, () -> stageChanges());
    map.put(Lifecycle.class, () -> lifecycles());
    map.put(LifecycleModel.class, () -> lifecycleModels());
    map.put(AttributeValue.class, () -> attributeValues());
    map.put(AttributeDefinition.class, () -> attributeDefinitions());
    map.put(AttributeSchema.class, () -> attributeSchemas());
    map.put(Party.class, () -> parties());
    map.put(PartyDraft.class, () -> partyDrafts());
    map.put(PartyChange.class, () -> partyChanges());
    map.put(PartyUpdate.class, () -> partyUpdates());
    map.put(PartyQuery.class, () -> partyQueries());
    map.put(Relationship.class, () -> relationships());
    map.put(RelationshipDraft.class, () -> relationshipDrafts());
    map.put(FieldChange.class, () -> fieldChanges());
    map.put(AuditEntry.class, () -> auditEntries());
    map.put(InteractionId.class, () -> interactionIds());
    map.put(ConversationId.class, () -> conversationIds());
    map.put(Interaction.class, () -> interactions());
    map.put(InteractionDraft.class, () -> interactionDrafts());
    map.put(Conversation.class, () -> conversations());
    map.put(TenantSettings.class, () -> tenantSettings());
    map.put(PageRequest.class, () -> pageRequests());
    map.put(Violation.class, () -> violations());
    map.put(OpenInterval.class, () -> openIntervals());
    map.put(BusinessCalendar.class, () -> businessCalendars());
    map.put(CalendarChoice.class, () -> calendarChoices());
    map.put(RuleSet.class, () -> ruleSets());
    map.put(RuleSetHistory.class, () -> ruleSetHistories());
    map.put(RuleRef.class, () -> ruleRefs());
    map.put(ObligationRule.class, () -> obligationRules());
    map.put(ResponseRule.class, () -> responseRules());
    map.put(FollowUpRule.class, () -> followUpRules());
    map.put(DormancyRule.class, () -> dormancyRules());
    map.put(EventFilter.class, () -> eventFilters());
    map.put(Warning.class, () -> warnings());
    map.put(EscalationStep.class, () -> escalationSteps());
    map.put(Assignee.class, () -> assignees());
    map.put(ObligationId.class, () -> obligationIds());
    map.put(AssignedTo.class, () -> assignedTos());
    map.put(ObligationEvent.class, () -> obligationEvents());
    map.put(EscalationPoint.class, () -> escalationPoints());
    map.put(Obligation.class, () -> obligations());
    map.put(ObligationQuery.class, () -> obligationQueries());
    map.put(Notification.class, () -> notifications());
    map.put(ContactId.class, () -> contactIds());
    map.put(ContactRequest.class, () -> contactRequests());
    map.put(RuleVerdict.class, () -> ruleVerdicts());
    map.put(ContactReceipt.class, () -> contactReceipts());
    map.put(ContactEntry.class, () -> contactEntries());
    return map;
  }
}
