package dev.etiquette.crm.api.rules;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.Channel;
import dev.etiquette.crm.api.Purpose;
import java.util.Optional;

/**
 * At most {@code max} contacts of {@code purpose} (on {@code channel}, when one is named) per {@code window},
 * counted over the contact ledger across all channels and senders: the ledger's reserved and sent entries of
 * the party that are not exempt and match the cap's purpose (and channel). A contact is allowed by the cap when
 * the window of every instant it would count in holds fewer than {@code max} such entries.
 *
 * @param id the cap's id, unique among the rule set's rules and caps: 1 to 64 characters from {@code
 *     [A-Za-z0-9._-]}, starting with a letter or digit
 * @param purpose the purpose it counts; never an exempt one
 * @param channel the channel it counts, if only one; empty counts every channel
 * @param max the most contacts per window: 1 to {@value #MAX_CONTACTS}
 * @param window the window
 */
public record FrequencyCap(String id, Purpose purpose, Optional<Channel> channel, int max, CapWindow window) {

  /** The largest {@link #max()}. */
  public static final int MAX_CONTACTS = 10_000;

  /** The longest {@link CapWindow.CalendarDays} window, in days. */
  public static final int MAX_DAYS = 366;

  public FrequencyCap {
    requireNonNull(id, "id");
    requireNonNull(purpose, "purpose");
    requireNonNull(channel, "channel");
    requireNonNull(window, "window");
  }

  /** A cap over every channel. */
  public static FrequencyCap of(String id, Purpose purpose, int max, CapWindow window) {
    return new FrequencyCap(id, purpose, Optional.empty(), max, window);
  }

  /** A cap over one channel. */
  public static FrequencyCap of(String id, Purpose purpose, Channel channel, int max, CapWindow window) {
    return new FrequencyCap(id, purpose, Optional.of(channel), max, window);
  }

  /** Whether a contact on {@code channel} for {@code purpose} counts for this cap. */
  public boolean counts(Channel channel, Purpose purpose) {
    requireNonNull(channel, "channel");
    requireNonNull(purpose, "purpose");
    return this.purpose == purpose && (this.channel.isEmpty() || this.channel.get() == channel);
  }
}
