package dev.etiquette.crm.api.party;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.calendar.BusinessCalendar;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a party likes to be treated: its time zone (for quiet hours and calendar windows), its locale, its
 * preferred channel, its quiet hours per channel (calls may be stricter than email), and, for a business
 * customer, its own opening hours (the calendar a rule counts in when it names the customer's).
 *
 * @param timeZone the party's time zone; empty means the tenant's zone applies
 * @param locale the party's locale, kept as its BCP 47 language tag says it (so that it survives JSON)
 * @param preferredChannel the channel the party prefers
 * @param quietHours quiet windows per channel, in the party's local time; a channel with no windows is
 *     left out
 * @param openingHours the party's own opening hours, for a business customer; empty means rules that count
 *     in the customer's calendar use the tenant's business calendar (see
 *     {@link dev.etiquette.crm.api.TenantSettings#calendarFor})
 */
public record Preferences(
    Optional<ZoneId> timeZone,
    Optional<Locale> locale,
    Optional<Channel> preferredChannel,
    Map<Channel, List<QuietWindow>> quietHours,
    Optional<BusinessCalendar> openingHours) {

  private static final Preferences NONE =
      new Preferences(Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Optional.empty());

  public Preferences {
    requireNonNull(timeZone, "timeZone");
    locale = requireNonNull(locale, "locale").map(l -> Locale.forLanguageTag(l.toLanguageTag()));
    requireNonNull(preferredChannel, "preferredChannel");
    ImmutableSortedMap.Builder<Channel, List<QuietWindow>> copy = ImmutableSortedMap.naturalOrder();
    requireNonNull(quietHours, "quietHours").forEach((channel, windows) -> {
      if (!windows.isEmpty()) {
        copy.put(channel, ImmutableList.copyOf(windows));
      }
    });
    quietHours = copy.build();
    requireNonNull(openingHours, "openingHours");
  }

  /** No preferences: the tenant's defaults apply. */
  public static Preferences none() {
    return NONE;
  }

  /** These preferences with the given time zone. */
  public Preferences withTimeZone(ZoneId zone) {
    return new Preferences(Optional.of(zone), locale, preferredChannel, quietHours, openingHours);
  }

  /** These preferences with the given locale. */
  public Preferences withLocale(Locale locale) {
    return new Preferences(timeZone, Optional.of(locale), preferredChannel, quietHours, openingHours);
  }

  /** These preferences with the given preferred channel. */
  public Preferences withPreferredChannel(Channel channel) {
    return new Preferences(timeZone, locale, Optional.of(channel), quietHours, openingHours);
  }

  /** These preferences with the quiet windows of {@code channel} replaced by {@code windows}. */
  public Preferences withQuietHours(Channel channel, QuietWindow... windows) {
    requireNonNull(channel, "channel");
    Map<Channel, List<QuietWindow>> copy = new java.util.EnumMap<>(Channel.class);
    copy.putAll(quietHours);
    if (windows.length == 0) {
      copy.remove(channel);
    } else {
      copy.put(requireNonNull(channel, "channel"), List.of(windows));
    }
    return new Preferences(timeZone, locale, preferredChannel, copy, openingHours);
  }

  /** These preferences with the party's own opening hours, for a business customer. */
  public Preferences withOpeningHours(BusinessCalendar openingHours) {
    return new Preferences(timeZone, locale, preferredChannel, quietHours, Optional.of(openingHours));
  }

  /** The quiet windows for {@code channel}; empty when none are set. */
  public List<QuietWindow> quietHoursFor(Channel channel) {
    requireNonNull(channel, "channel");
    return quietHours.getOrDefault(channel, List.of());
  }
}
