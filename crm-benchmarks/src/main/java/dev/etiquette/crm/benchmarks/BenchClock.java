package dev.etiquette.crm.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the benchmark sets: time stands still until it is moved. Used by one thread at a time. */
final class BenchClock extends Clock {

  private volatile Instant now;

  BenchClock(Instant start) {
    this.now = start;
  }

  void set(Instant instant) {
    now = instant;
  }

  Instant advance(Duration duration) {
    now = now.plus(duration);
    return now;
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
    throw new UnsupportedOperationException("the benchmark clock is always UTC");
  }
}
