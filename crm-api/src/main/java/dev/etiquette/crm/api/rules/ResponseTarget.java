package dev.etiquette.crm.api.rules;

import static java.util.Objects.requireNonNull;

import dev.etiquette.crm.api.Channel;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How soon a reply is due, for the interactions that meet the target's conditions. A condition that is absent
 * matches everything; a target without conditions is the rule's <em>default</em>.
 *
 * <ul>
 *   <li>{@code channel}: the channel of the inbound interaction that created the obligation;</li>
 *   <li>{@code priority}: the conversation's priority, which is the text ({@code AttributeValue.asText()}) of the
 *       {@code priority} attribute of the latest interaction of the conversation, up to and including the one
 *       that created the obligation, that has such an attribute; a conversation without one has no priority and
 *       matches no target with a priority;</li>
 *   <li>{@code segment}: a tag the party has when the obligation opens ({@code vip}).</li>
 * </ul>
 *
 * <p>Of the targets of a {@link ResponseRule} that match, the one with the most conditions applies (see
 * {@link #specificity()}); among equally specific ones, the first in the rule's list. A rule set rejects a rule
 * without a default target, so some target always applies, and two targets with the same conditions, since the
 * second would never apply.
 *
 * @param channel the channel condition, if any; in a rule set one of the rule's channels when it names some
 * @param priority the priority condition, if any; in a rule set 1 to 200 characters, not blank, without control
 *     characters
 * @param segment the party tag condition, if any; in a rule set 1 to 100 characters, not blank, without control
 *     characters
 * @param within the target: how much counted time may pass before the reply; in a rule set positive and at most
 *     {@link RuleSet#MAX_DURATION}
 */
public record ResponseTarget(Optional<Channel> channel, Optional<String> priority, Optional<String> segment,
    Duration within) {

  public ResponseTarget {
    requireNonNull(channel, "channel");
    requireNonNull(priority, "priority");
    requireNonNull(segment, "segment");
    requireNonNull(within, "within");
  }

  /** The default target: a reply within {@code within}, whatever the channel, priority or segment. */
  public static ResponseTarget of(Duration within) {
    return new ResponseTarget(Optional.empty(), Optional.empty(), Optional.empty(), within);
  }

  /** This target, for interactions on {@code channel} only. */
  public ResponseTarget withChannel(Channel channel) {
    return new ResponseTarget(Optional.of(channel), priority, segment, within);
  }

  /** This target, for conversations of priority {@code priority} only. */
  public ResponseTarget withPriority(String priority) {
    return new ResponseTarget(channel, Optional.of(priority), segment, within);
  }

  /** This target, for parties tagged {@code segment} only. */
  public ResponseTarget withSegment(String segment) {
    return new ResponseTarget(channel, priority, Optional.of(segment), within);
  }

  /** How many conditions the target has, 0 (the default) to 3. */
  public int specificity() {
    return (channel.isPresent() ? 1 : 0) + (priority.isPresent() ? 1 : 0) + (segment.isPresent() ? 1 : 0);
  }

  /** Whether the target has no condition. */
  public boolean isDefault() {
    return specificity() == 0;
  }

  /**
   * Whether every condition of the target holds.
   *
   * @param channel the channel of the inbound interaction that created the obligation
   * @param priority the conversation's priority, if it has one
   * @param tags the party's tags
   */
  public boolean matches(Channel channel, Optional<String> priority, Set<String> tags) {
    requireNonNull(channel, "channel");
    requireNonNull(priority, "priority");
    requireNonNull(tags, "tags");
    return this.channel.map(channel::equals).orElse(true)
        && this.priority.map(p -> priority.isPresent() && p.equals(priority.get())).orElse(true)
        && this.segment.map(tags::contains).orElse(true);
  }
}
