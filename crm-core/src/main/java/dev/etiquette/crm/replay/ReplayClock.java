package dev.etiquette.crm.replay;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The replay's clock: it reads the instant the replay set, in UTC, and only moves forward. */
final class ReplayClock extends Clock {

  private volatile Instant now;

  ReplayClock(Instant start) {
    this.now = requireNonNull(start, "start");
  }

  /** Moves the clock to {@code instant}, which must not be before the instant it reads. */
  void moveTo(Instant instant) {
    requireNonNull(instant, "instant");
    if (instant.isBefore(now)) {
      throw new IllegalArgumentException("the replay clock only moves forward: " + instant + " is before " + now);
    }
    now = instant;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the replay clock is in UTC");
  }
}
