package dev.etiquette.crm.api.rules;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.Sets;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import dev.etiquette.crm.api.party.QuietWindow;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contact rules of a {@link RuleSet}: what a contact decision checks before an outbound touch, besides the
 * party's do-not-contact flag, which always applies.
 *
 * <ul>
 *   <li><b>Exempt purposes</b> ({@link #EXEMPT}: transactional, service, legal) need no consent, pass
 *       do-not-contact and are not counted by caps; a contact for one is still entered in the ledger with its
 *       exemption. Quiet hours still apply to them: they are about the customer's night, not the message.</li>
 *   <li><b>Consent</b>: every other purpose needs consent for its (channel, purpose) under the purpose's regime
 *       ({@link #regimes()}, else {@link #regime()}); a purpose in {@link #doubleOptIn()} needs an opt-in whose
 *       double opt-in was confirmed.</li>
 *   <li><b>Frequency caps</b>: {@link #caps()}.</li>
 *   <li><b>Quiet hours</b> per channel, in the customer's local time: the party's own quiet windows for the
 *       channel when it has any, else {@link #quietHours()} of the channel.</li>
 * </ul>
 *
 * @param regime the consent regime of every purpose not named in {@code regimes}
 * @param regimes the regime per purpose, where it differs from {@code regime}; never an exempt purpose
 * @param doubleOptIn the purposes whose opt-in counts only once its double opt-in was confirmed; never an exempt
 *     one
 * @param caps the frequency caps, at most {@value #MAX_CAPS}
 * @param quietHours the default quiet windows per channel; a channel with no windows is left out
 */
public record ContactRules(
    ConsentRegime regime,
    Map<Purpose, ConsentRegime> regimes,
    Set<Purpose> doubleOptIn,
    List<FrequencyCap> caps,
    Map<Channel, List<QuietWindow>> quietHours) {

  /** The purposes exempt from consent, do-not-contact and caps: transactional, service and legal. */
  public static final Set<Purpose> EXEMPT =
      Sets.immutableEnumSet(Purpose.TRANSACTIONAL, Purpose.SERVICE, Purpose.LEGAL);

  /** The most caps a rule set may hold. */
  public static final int MAX_CAPS = 100;

  public ContactRules {
    requireNonNull(regime, "regime");
    regimes = ImmutableSortedMap.copyOf(requireNonNull(regimes, "regimes"));
    doubleOptIn = Sets.immutableEnumSet(requireNonNull(doubleOptIn, "doubleOptIn"));
    caps = ImmutableList.copyOf(requireNonNull(caps, "caps"));
    ImmutableSortedMap.Builder<Channel, List<QuietWindow>> quiet = ImmutableSortedMap.naturalOrder();
    requireNonNull(quietHours, "quietHours").forEach((channel, windows) -> {
      if (!windows.isEmpty()) {
        quiet.put(channel, ImmutableList.copyOf(windows));
      }
    });
    quietHours = quiet.build();
  }

  /** Starts contact rules under {@code regime}, with no caps, no quiet hours and no double opt-in. */
  public static Builder builder(ConsentRegime regime) {
    return new Builder(regime);
  }

  /** Whether {@code purpose} is exempt ({@link #EXEMPT}). */
  public static boolean isExempt(Purpose purpose) {
    return EXEMPT.contains(requireNonNull(purpose, "purpose"));
  }

  /** The regime of {@code purpose}. */
  public ConsentRegime regimeOf(Purpose purpose) {
    ConsentRegime own = regimes.get(requireNonNull(purpose, "purpose"));
    return own != null ? own : regime;
  }

  /** Builds {@link ContactRules}. Each method rejects {@code null}; the rule set checks the rest. */
  public static final class Builder {
    private final ConsentRegime regime;
    private final Map<Purpose, ConsentRegime> regimes = new EnumMap<>(Purpose.class);
    private final Set<Purpose> doubleOptIn = EnumSet.noneOf(Purpose.class);
    private final List<FrequencyCap> caps = new ArrayList<>();
    private final Map<Channel, List<QuietWindow>> quietHours = new EnumMap<>(Channel.class);

    private Builder(ConsentRegime regime) {
      this.regime = requireNonNull(regime, "regime");
    }

    /** {@code purpose} under {@code regime}. */
    public Builder regime(Purpose purpose, ConsentRegime regime) {
      regimes.put(requireNonNull(purpose, "purpose"), requireNonNull(regime, "regime"));
      return this;
    }

    /** Opt-ins for {@code purposes} count only once confirmed. */
    public Builder doubleOptIn(Purpose... purposes) {
      for (Purpose purpose : purposes) {
        doubleOptIn.add(requireNonNull(purpose, "purpose"));
      }
      return this;
    }

    /** Adds a cap. */
    public Builder cap(FrequencyCap cap) {
      caps.add(requireNonNull(cap, "cap"));
      return this;
    }

    /** Adds default quiet windows for {@code channel}. */
    public Builder quietHours(Channel channel, QuietWindow... windows) {
      List<QuietWindow> list = quietHours.computeIfAbsent(requireNonNull(channel, "channel"), c -> new ArrayList<>());
      for (QuietWindow window : windows) {
        list.add(requireNonNull(window, "window"));
      }
      return this;
    }

    public ContactRules build() {
      return new ContactRules(regime, regimes, doubleOptIn, caps, quietHours);
    }
  }
}
