package dev.etiquette.crm.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until the test moves it: {@link #advance(Duration)} or {@link #set(Instant)}.
 * Thread-safe. Tests use it instead of waiting for time to pass.
 */
public final class TestClock extends Clock {

  /** Where a new clock starts unless told otherwise: Monday 2026-01-05 09:00 UTC. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-05T09:00:00Z");

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private TestClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock at {@link #DEFAULT_START}, in UTC. */
  public static TestClock create() {
    return startingAt(DEFAULT_START);
  }

  /** A clock at {@code start}, in UTC. */
  public static TestClock startingAt(Instant start) {
    return new TestClock(new AtomicReference<>(requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /** Moves the clock forward (or back, for a negative duration) and returns the new instant. */
  public Instant advance(Duration duration) {
    requireNonNull(duration, "duration");
    return now.updateAndGet(t -> t.plus(duration));
  }

  /** Sets the clock to {@code instant}. */
  public void set(Instant instant) {
    now.set(requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same moving clock, seen in another zone: advancing either moves both. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new TestClock(now, requireNonNull(zone, "zone"));
  }

  @Override
  public String toString() {
    return "TestClock[" + now.get() + ", " + zone + "]";
  }
}
