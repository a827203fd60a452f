package dev.etiquette.crm.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Local date-times of instants, with each zone's offset remembered for the stretch of time between two of its
 * transitions: {@link ZoneRules#getOffset(Instant)} computes a year's transitions from the zone's rules on every
 * call past the last explicitly listed transition (for most zones, every date since about 2008), which is most of
 * the cost of a contact decision's quiet-hours check. Answers equal {@code instant.atZone(zone)}'s.
 */
final class ZoneOffsets {

  /** The offset of a zone in {@code [from, to)}. */
  private record Span(long from, long to, ZoneOffset offset) {}

  private static final ConcurrentMap<ZoneId, Span> LAST = new ConcurrentHashMap<>();

  private ZoneOffsets() {}

  /** The local date-time of {@code instant} in {@code zone}. */
  static LocalDateTime local(Instant instant, ZoneId zone) {
    return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offset(instant, zone));
  }

  /** The offset of {@code zone} at {@code instant}. */
  static ZoneOffset offset(Instant instant, ZoneId zone) {
    if (zone instanceof ZoneOffset fixed) {
      return fixed;
    }
    long second = instant.getEpochSecond();
    Span span = LAST.get(zone);
    if (span != null && second >= span.from() && second < span.to()) {
      return span.offset();
    }
    ZoneRules rules = zone.getRules();
    ZoneOffset offset = rules.getOffset(instant);
    ZoneOffsetTransition previous = rules.previousTransition(instant.plusNanos(1));
    ZoneOffsetTransition next = rules.nextTransition(instant);
    long from = previous == null ? Long.MIN_VALUE : previous.getInstant().getEpochSecond();
    long to = next == null ? Long.MAX_VALUE : next.getInstant().getEpochSecond();
    LAST.put(zone, new Span(from, to, offset));
    return offset;
  }
}
