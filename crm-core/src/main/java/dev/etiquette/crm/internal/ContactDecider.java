package dev.etiquette.crm.internal;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.TenantId;
import dev.etiquette.crm.api.contact.ContactCheck;
import dev.etiquette.crm.api.contact.ContactEntry;
import dev.etiquette.crm.api.contact.ContactReceipt;
import dev.etiquette.crm.api.contact.ContactRequest;
import dev.etiquette.crm.api.contact.Contacts;
import dev.etiquette.crm.api.contact.RuleVerdict;
import dev.etiquette.crm.api.contact.Verdict;
import dev.etiquette.crm.api.party.ConsentRecord;
import dev.etiquette.crm.api.party.ConsentStatus;
import dev.etiquette.crm.api.party.Party;
import dev.etiquette.crm.api.party.QuietWindow;
import dev.etiquette.crm.api.rules.CapWindow;
import dev.etiquette.crm.api.rules.ConsentRegime;
import dev.etiquette.crm.api.rules.ContactRules;
import dev.etiquette.crm.api.rules.FrequencyCap;
import dev.etiquette.crm.api.rules.RuleRef;
import dev.etiquette.crm.api.rules.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides one contact request: a pure function of the request, the party, the contact rules in effect, the
 * customer's zone and the counted ledger entries around the request's instant. See {@code docs/rules.md},
 * "Contact decisions", for the meaning; this class is its one implementation, used by the live API and by
 * replay alike.
 *
 * <p>Each time-based rule (consent validity, a cap, quiet hours) can say from when it alone would allow the same
 * contact ({@link Rule#allowedFrom}). The next allowed instant is their joint fixpoint: start at the request's
 * instant, move to the latest of the rules' answers, and repeat until every rule allows there. Each step's answer
 * is a lower bound of the joint answer, so the fixpoint is the earliest instant every rule allows.
 */
final class ContactDecider {

  /** The most fixpoint steps before the search gives up (and the receipt has no next allowed instant). */
  static final int MAX_STEPS = 10_000;

  private ContactDecider() {}

  /**
   * The contact rules of one rule set in effect, or the defaults (with no source) when none has any, with what
   * every decision under them would compute again: the refs of its rules and the text of its caps' windows and
   * quiet hours.
   */
  static final class Source {
    private final Optional<RuleSet> set;
    private final ContactRules rules;
    private final Optional<RuleRef> consentRef;
    private final Optional<RuleRef> quietRef;
    private final List<Optional<RuleRef>> capRefs = new ArrayList<>();
    private final List<String> capWindows = new ArrayList<>();

    Source(Optional<RuleSet> set, ContactRules rules) {
      this.set = set;
      this.rules = rules;
      this.consentRef = ref("consent");
      this.quietRef = ref("quiet_hours");
      for (FrequencyCap cap : rules.caps()) {
        capRefs.add(ref(cap.id()));
        capWindows.add(cap.window() instanceof CapWindow.Rolling r ? "in a rolling window of " + days(r.length())
            : "in " + ((CapWindow.CalendarDays) cap.window()).days() + " calendar day(s)");
      }
    }

    Optional<RuleSet> set() {
      return set;
    }

    ContactRules rules() {
      return rules;
    }

    private Optional<RuleRef> ref(String rule) {
      return set.map(s -> new RuleRef(s.name(), s.version(), rule));
    }

    /** {@code P7D} for whole days, else the JDK's {@code PT36H}. */
    private static String days(Duration d) {
      return d.toSeconds() % 86_400 == 0 && d.getNano() == 0 ? "P" + d.toDays() + "D" : d.toString();
    }
  }

  /** The contact rules of {@code sets} (the rule sets in effect), or the defaults when none has any. */
  static List<Source> sources(List<RuleSet> sets) {
    List<Source> sources = new ArrayList<>(1);
    for (RuleSet set : sets) {
      set.contact().ifPresent(rules -> sources.add(new Source(Optional.of(set), rules)));
    }
    if (sources.isEmpty()) {
      sources.add(new Source(Optional.empty(), Contacts.DEFAULT_RULES));
    }
    return sources;
  }

  /**
   * How far before (and after) a contact instant the ledger must be read to decide it and search for its next
   * allowed instant: the longest cap window, plus two days for calendar-day windows (zone offsets and the
   * contact's own date).
   */
  static Duration reach(List<Source> sources) {
    Duration reach = Duration.ZERO;
    for (Source source : sources) {
      for (FrequencyCap cap : source.rules().caps()) {
        Duration span = cap.window() instanceof CapWindow.Rolling r ? r.length()
            : Duration.ofDays(((CapWindow.CalendarDays) cap.window()).days() + 2L);
        if (span.compareTo(reach) > 0) {
          reach = span;
        }
      }
    }
    return reach;
  }

  /**
   * Decides.
   *
   * @param counted the party's counted ledger entries (reserved or sent, not exempt) from {@code request.at()
   *     - reach(sources)} on, in (instant, id) order
   */
  static ContactReceipt decide(TenantId tenant, ContactRequest request, Instant decidedAt, Party party,
      List<Source> sources, ZoneId zone, List<ContactEntry> counted) {
    Instant at = request.at();
    Channel channel = request.channel();
    Purpose purpose = request.purpose();
    boolean exempt = ContactRules.isExempt(purpose);
    List<RuleVerdict> verdicts = new ArrayList<>(4 + sources.size());
    List<Rule> timed = new ArrayList<>(2 + sources.size());
    boolean forGood = false;
    Optional<ConsentRecord> consent = Optional.empty();
    if (exempt) {
      verdicts.add(new RuleVerdict(ContactCheck.EXEMPTION, Optional.empty(), Verdict.ALLOW,
          purpose + " contacts are exempt from consent, do-not-contact and frequency caps; the ledger keeps them"
              + " without counting them", Optional.empty()));
    } else {
      if (party.doNotContact()) {
        verdicts.add(new RuleVerdict(ContactCheck.DO_NOT_CONTACT, Optional.empty(), Verdict.DENY,
            "the party is marked do-not-contact: only transactional, service and legal contacts are allowed",
            Optional.empty()));
        forGood = true;
      } else {
        verdicts.add(new RuleVerdict(ContactCheck.DO_NOT_CONTACT, Optional.empty(), Verdict.ALLOW,
            "the party is not marked do-not-contact", Optional.empty()));
      }
      consent = party.consentAt(channel, purpose, at);
      for (Source source : sources) {
        ConsentRule rule = new ConsentRule(party, channel, purpose, source.rules());
        RuleVerdict verdict = rule.verdict(at, consent, source.consentRef);
        verdicts.add(verdict);
        if (verdict.verdict() == Verdict.DENY) {
          if (verdict.allowedFrom().isEmpty()) {
            forGood = true;
          } else {
            timed.add(rule);
          }
        }
        // A consent that allows now may lapse later; the search must keep it true too.
        if (verdict.verdict() == Verdict.ALLOW) {
          timed.add(rule);
        }
      }
      for (Source source : sources) {
        List<FrequencyCap> caps = source.rules().caps();
        for (int i = 0; i < caps.size(); i++) {
          FrequencyCap cap = caps.get(i);
          if (cap.counts(channel, purpose)) {
            CapRule rule = new CapRule(cap, zone, counted);
            verdicts.add(rule.verdict(at, source.capRefs.get(i), source.capWindows.get(i)));
            timed.add(rule);
          }
        }
      }
    }
    List<QuietWindow> own = party.preferences().quietHoursFor(channel);
    if (!own.isEmpty()) {
      QuietRule rule = new QuietRule(own, zone, channel, "the party's own");
      verdicts.add(rule.verdict(at, Optional.empty()));
      timed.add(rule);
    } else {
      for (Source source : sources) {
        List<QuietWindow> windows = source.rules().quietHours().get(channel);
        if (windows != null) {
          QuietRule rule = new QuietRule(windows, zone, channel, "the rules'");
          verdicts.add(rule.verdict(at, source.quietRef));
          timed.add(rule);
        }
      }
    }
    boolean denied = false;
    for (RuleVerdict verdict : verdicts) {
      if (verdict.verdict() == Verdict.DENY) {
        denied = true;
        break;
      }
    }
    Optional<Instant> next = denied && !forGood ? nextAllowed(at, timed) : Optional.empty();
    return new ContactReceipt(tenant, request, decidedAt, denied ? Verdict.DENY : Verdict.ALLOW, verdicts,
        exempt ? Optional.empty() : consent, exempt ? Optional.of(purpose) : Optional.empty(), next);
  }

  /** The earliest instant at or after {@code from} that every rule allows; empty if one never does again. */
  static Optional<Instant> nextAllowed(Instant from, List<Rule> rules) {
    Instant t = from;
    for (int step = 0; step < MAX_STEPS; step++) {
      Instant latest = t;
      for (Rule rule : rules) {
        Optional<Instant> allowed = rule.allowedFrom(t);
        if (allowed.isEmpty()) {
          return Optional.empty();
        }
        if (allowed.get().isAfter(latest)) {
          latest = allowed.get();
        }
      }
      if (latest.equals(t)) {
        return Optional.of(t);
      }
      t = latest;
    }
    return Optional.empty();
  }

  /** A time-based rule: from when, at or after an instant, it alone would allow the contact. */
  interface Rule {
    /** The earliest instant at or after {@code t} this rule allows; empty if none. */
    Optional<Instant> allowedFrom(Instant t);
  }

  // ------------------------------------------------------------------------------------------------ consent

  /** Consent for (channel, purpose) under the purpose's regime. */
  record ConsentRule(Party party, Channel channel, Purpose purpose, ContactRules rules) implements Rule {

    /** Why the consent at {@code t} does not allow the contact, or null if it does. */
    String problem(Instant t) {
      return problem(t, party.consentAt(channel, purpose, t));
    }

    /** Why {@code record}, the record that holds at {@code t}, does not allow the contact, or null. */
    private String problem(Instant t, Optional<ConsentRecord> record) {
      ConsentRegime regime = rules.regimeOf(purpose);
      if (record.isPresent() && record.get().status() == ConsentStatus.OPTED_OUT) {
        return "consent record " + record.get().id() + " says OPTED_OUT";
      }
      if (regime == ConsentRegime.OPT_OUT) {
        return null;
      }
      if (record.isEmpty() || record.get().status() != ConsentStatus.OPTED_IN) {
        return record.isEmpty() ? "no consent record holds for " + channel + "/" + purpose + " at " + t
            + "; the opt-in regime requires an opt-in"
            : "consent record " + record.get().id() + " says " + record.get().status()
                + "; the opt-in regime requires an opt-in";
      }
      if (rules.doubleOptIn().contains(purpose)
          && record.get().doubleOptInConfirmedAt().map(c -> c.isAfter(t)).orElse(true)) {
        return "consent record " + record.get().id() + " is an opt-in whose double opt-in is not confirmed, which "
            + purpose + " requires";
      }
      return null;
    }

    /** The verdict at {@code t}, where {@code record} holds (the receipt gives its validity). */
    RuleVerdict verdict(Instant t, Optional<ConsentRecord> record, Optional<RuleRef> ref) {
      String problem = problem(t, record);
      if (problem == null) {
        String reason = record.isPresent()
            ? "consent record " + record.get().id() + " (" + record.get().status() + ", " + record.get().legalBasis()
                + ") allows " + channel + "/" + purpose + " under the " + rules.regimeOf(purpose) + " regime"
            : "no opt-out is recorded for " + channel + "/" + purpose + ", which the opt-out regime allows";
        return new RuleVerdict(ContactCheck.CONSENT, ref, Verdict.ALLOW, reason, Optional.empty());
      }
      return new RuleVerdict(ContactCheck.CONSENT, ref, Verdict.DENY, problem, allowedFrom(t));
    }

    /**
     * The first instant at or after {@code t} at which consent allows: {@code t}, or the next instant at which a
     * record of the pair starts or stops holding or has its double opt-in confirmed, whichever allows first.
     */
    @Override
    public Optional<Instant> allowedFrom(Instant t) {
      if (problem(t) == null) {
        return Optional.of(t);
      }
      List<Instant> changes = new ArrayList<>();
      for (ConsentRecord record : party.consents()) {
        if (record.channel() == channel && record.purpose() == purpose) {
          addIfAfter(changes, record.effectiveFrom(), t);
          record.effectiveTo().ifPresent(to -> addIfAfter(changes, to, t));
          record.doubleOptInConfirmedAt().ifPresent(c -> addIfAfter(changes, c, t));
        }
      }
      changes.sort(null);
      for (Instant change : changes) {
        if (problem(change) == null) {
          return Optional.of(change);
        }
      }
      return Optional.empty();
    }

    private static void addIfAfter(List<Instant> out, Instant instant, Instant t) {
      if (instant.isAfter(t)) {
        out.add(instant);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------- caps

  /**
   * A frequency cap over the counted entries. A contact at {@code t} is allowed when every window it would count
   * in holds fewer than {@code max} matching entries: for a rolling window {@code W}, the windows {@code (s - W,
   * s]} for every {@code s} in {@code [t, t + W)} (the most loaded of them ends at {@code t} or at an entry); for
   * calendar days {@code D}, the runs of {@code D} local dates that hold {@code t}'s date.
   */
  static final class CapRule implements Rule {
    private final FrequencyCap cap;
    private final ZoneId zone;
    private final List<Instant> instants = new ArrayList<>();

    CapRule(FrequencyCap cap, ZoneId zone, List<ContactEntry> counted) {
      this.cap = cap;
      this.zone = zone;
      for (ContactEntry entry : counted) {
        if (cap.counts(entry.channel(), entry.purpose())) {
          instants.add(entry.at());
        }
      }
    }

    /** The most matching entries in one window that a contact at {@code t} would count in. */
    int load(Instant t) {
      if (cap.window() instanceof CapWindow.Rolling rolling) {
        Duration w = rolling.length();
        int most = countRolling(t.minus(w), t);
        Instant end = t.plus(w);
        for (Instant e : instants) {
          if (e.isAfter(t) && e.isBefore(end)) {
            most = Math.max(most, countRolling(e.minus(w), e));
          }
        }
        return most;
      }
      int days = ((CapWindow.CalendarDays) cap.window()).days();
      LocalDate date = ZoneOffsets.local(t, zone).toLocalDate();
      int most = 0;
      for (int shift = 0; shift < days; shift++) {
        LocalDate last = date.plusDays(shift);
        most = Math.max(most, countDates(last.minusDays(days - 1L), last));
      }
      return most;
    }

    /** Entries in {@code (from, to]}. */
    private int countRolling(Instant from, Instant to) {
      int n = 0;
      for (Instant e : instants) {
        if (e.isAfter(from) && !e.isAfter(to)) {
          n++;
        }
      }
      return n;
    }

    /** Entries whose local date is in {@code [first, last]}. */
    private int countDates(LocalDate first, LocalDate last) {
      int n = 0;
      for (Instant e : instants) {
        LocalDate d = ZoneOffsets.local(e, zone).toLocalDate();
        if (!d.isBefore(first) && !d.isAfter(last)) {
          n++;
        }
      }
      return n;
    }

    RuleVerdict verdict(Instant t, Optional<RuleRef> ref, String windowText) {
      int load = load(t);
      String counted = load + " of " + cap.max() + " " + cap.purpose()
          + (cap.channel().isPresent() ? " " + cap.channel().get() : "") + " contacts";
      String window = cap.window() instanceof CapWindow.Rolling ? windowText : windowText + " in " + zone;
      if (load < cap.max()) {
        return new RuleVerdict(ContactCheck.FREQUENCY_CAP, ref, Verdict.ALLOW, counted + " " + window
            + " (the most loaded window this contact would count in)", Optional.empty());
      }
      return new RuleVerdict(ContactCheck.FREQUENCY_CAP, ref, Verdict.DENY, counted + " " + window
          + " already: the cap is reached", allowedFrom(t));
    }

    /**
     * The first instant at or after {@code t} the cap allows. The answer only turns from deny to allow where an
     * entry leaves a window: at {@code e + W} for a rolling window, at the local midnight {@code D} dates after
     * an entry's date for calendar days; so those instants, and {@code t}, are the only candidates.
     */
    @Override
    public Optional<Instant> allowedFrom(Instant t) {
      if (load(t) < cap.max()) {
        return Optional.of(t);
      }
      List<Instant> candidates = new ArrayList<>();
      for (Instant e : instants) {
        Instant c = cap.window() instanceof CapWindow.Rolling r ? e.plus(r.length())
            : e.atZone(zone).toLocalDate().plusDays(((CapWindow.CalendarDays) cap.window()).days())
                .atStartOfDay(zone).toInstant();
        if (c.isAfter(t)) {
          candidates.add(c);
        }
      }
      candidates.sort(null);
      for (Instant c : candidates) {
        if (load(c) < cap.max()) {
          return Optional.of(c);
        }
      }
      return Optional.empty();
    }
  }

  // ----------------------------------------------------------------------------------------------- quiet hours

  /** Quiet windows of a channel in the customer's local time, each [start, end), some across midnight. */
  record QuietRule(List<QuietWindow> windows, ZoneId zone, Channel channel, String whose) implements Rule {

    /** The window {@code t} falls in, or null. */
    QuietWindow quietAt(Instant t) {
      return quietAt(ZoneOffsets.local(t, zone).toLocalTime());
    }

    private QuietWindow quietAt(LocalTime local) {
      for (QuietWindow window : windows) {
        if (window.contains(local)) {
          return window;
        }
      }
      return null;
    }

    RuleVerdict verdict(Instant t, Optional<RuleRef> ref) {
      LocalDateTime local = ZoneOffsets.local(t, zone);
      QuietWindow window = quietAt(local.toLocalTime());
      if (window == null) {
        return new RuleVerdict(ContactCheck.QUIET_HOURS, ref, Verdict.ALLOW, "local time " + hhmm(local.getHour(),
            local.getMinute()) + " in " + zone + " is outside " + whose + " quiet hours for " + channel,
            Optional.empty());
      }
      return new RuleVerdict(ContactCheck.QUIET_HOURS, ref, Verdict.DENY, "local time " + local + " in " + zone
          + " is inside " + whose + " quiet window " + window.start() + "-" + window.end() + " for " + channel,
          allowedFrom(t));
    }

    private static String hhmm(int hour, int minute) {
      char[] text = {(char) ('0' + hour / 10), (char) ('0' + hour % 10), ':', (char) ('0' + minute / 10),
          (char) ('0' + minute % 10)};
      return new String(text);
    }

    /**
     * The first instant whose local time is {@code time} or later: the instant of {@code time} at the offset of
     * {@code near} where that offset is valid (so a time repeated by an autumn change is taken on the same side
     * of it), at the valid offset otherwise, and the end of the gap when {@code time} is skipped by a spring
     * change.
     */
    private Instant localInstant(LocalDateTime time, ZonedDateTime near) {
      ZoneRules rules = zone.getRules();
      if (rules.getValidOffsets(time).isEmpty()) {
        return rules.getTransition(time).getInstant();
      }
      return ZonedDateTime.ofLocal(time, zone, near.getOffset()).toInstant();
    }

    /**
     * The end of the quiet window {@code t} is in, repeated while that end falls in another window: the first
     * instant whose local time is outside every window. Where a window's end falls in a gap of the zone's clock
     * (spring forward), the end is the first instant after the gap.
     */
    @Override
    public Optional<Instant> allowedFrom(Instant t) {
      Instant at = t;
      for (int i = 0; i <= windows.size() + 1; i++) {
        QuietWindow window = quietAt(at);
        if (window == null) {
          return Optional.of(at);
        }
        ZonedDateTime local = at.atZone(zone);
        LocalDate endDate = window.spansMidnight() && !local.toLocalTime().isBefore(window.start())
            ? local.toLocalDate().plusDays(1) : local.toLocalDate();
        Instant end = localInstant(LocalDateTime.of(endDate, window.end()), local);
        at = end.isAfter(at) ? end : at.plusSeconds(1);
      }
      return quietAt(at) == null ? Optional.of(at) : Optional.empty();
    }
  }
}
