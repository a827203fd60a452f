package dev.etiquette.crm.notify;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * How the notification relay delivers from the outbox: attempts, backoff, lease, batch size.
 *
 * <p>After the {@code n}-th failed attempt of a delivery ({@code n >= 1}) that may pass, the next attempt is due
 * after a delay drawn uniformly from {@code [d/2, d]}, where {@code d = min(maxRetryDelay, firstRetryDelay *
 * 2^(n-1))} ("equal jitter": the delays grow exponentially, and relays that failed together do not retry
 * together). After {@code maxAttempts} failed attempts, or at once for a failure a retry cannot mend, the delivery
 * is dead-lettered.
 *
 * <pre>{@code
 * RelayPolicy policy = RelayPolicy.builder().maxAttempts(5).firstRetryDelay(Duration.ofSeconds(10)).build();
 * Crm crm = Crm.builder().storage(storage).notifications(port).relay(policy).build();
 * }</pre>
 */
public final class RelayPolicy {

  private final int maxAttempts;
  private final Duration firstRetryDelay;
  private final Duration maxRetryDelay;
  private final Duration lease;
  private final int batchSize;
  private final boolean deliverAfterCommit;
  private final RandomGenerator jitter;
  private final String relayId;

  private RelayPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.firstRetryDelay = b.firstRetryDelay;
    this.maxRetryDelay = b.maxRetryDelay;
    this.lease = b.lease;
    this.batchSize = b.batchSize;
    this.deliverAfterCommit = b.deliverAfterCommit;
    this.jitter = b.jitter;
    this.relayId = b.relayId;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Attempts before a delivery is dead-lettered; 8 by default. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The delay bound after the first failure; 30 seconds by default. */
  public Duration firstRetryDelay() {
    return firstRetryDelay;
  }

  /** The largest delay bound; 1 hour by default. */
  public Duration maxRetryDelay() {
    return maxRetryDelay;
  }

  /**
   * How long a relay's claim on a batch of deliveries lasts; 2 minutes by default. A relay that has not settled a
   * delivery by then (it died, it hangs) loses it to whichever relay claims next; the delivery may then be sent
   * twice, with the same key. A relay sends a batch one delivery at a time and gives back, unsent, what is left of
   * it once less than a tenth of the lease remains, so the lease must exceed the port's longest send (with the
   * webhook's defaults, 7 seconds) by a good margin; it need not cover a whole batch.
   */
  public Duration lease() {
    return lease;
  }

  /** The most deliveries one claim takes; 100 by default. */
  public int batchSize() {
    return batchSize;
  }

  /**
   * Whether the thread that wrote deliveries due at once sends them right after its commit (true by default),
   * so that they go out without waiting for the relay's next run. What it fails to send, the relay sends.
   */
  public boolean deliverAfterCommit() {
    return deliverAfterCommit;
  }

  /**
   * The id the relay claims deliveries under; by default a new random one for each built policy. Two relays that
   * share a storage must have different ids.
   */
  public String relayId() {
    return relayId;
  }

  /**
   * The delay before the attempt that follows {@code failedAttempts} failed ones, with its jitter drawn.
   *
   * @throws IllegalArgumentException if {@code failedAttempts} is less than 1
   */
  public Duration retryDelay(int failedAttempts) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failed attempts must be at least 1, was " + failedAttempts);
    }
    long bound = retryBound(failedAttempts).toNanos() / 1_000;
    long half = bound / 2;
    long drawn;
    if (jitter == null) {
      drawn = ThreadLocalRandom.current().nextLong(half, bound + 1);
    } else {
      synchronized (jitter) {
        drawn = jitter.nextLong(half, bound + 1);
      }
    }
    return Duration.ofNanos(drawn * 1_000);
  }

  /** {@code min(maxRetryDelay, firstRetryDelay * 2^(failedAttempts-1))}: the largest delay after that many. */
  public Duration retryBound(int failedAttempts) {
    Duration bound = firstRetryDelay;
    for (int i = 1; i < failedAttempts && bound.compareTo(maxRetryDelay) < 0; i++) {
      bound = bound.multipliedBy(2);
    }
    return bound.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : bound;
  }

  @Override
  public String toString() {
    return "RelayPolicy[maxAttempts=" + maxAttempts + ", firstRetryDelay=" + firstRetryDelay + ", maxRetryDelay="
        + maxRetryDelay + ", lease=" + lease + ", batchSize=" + batchSize + ", deliverAfterCommit="
        + deliverAfterCommit + ", relayId=" + relayId + "]";
  }

  /** Builds a {@link RelayPolicy}; not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 8;
    private Duration firstRetryDelay = Duration.ofSeconds(30);
    private Duration maxRetryDelay = Duration.ofHours(1);
    private Duration lease = Duration.ofMinutes(2);
    private int batchSize = 100;
    private boolean deliverAfterCommit = true;
    private RandomGenerator jitter;
    private String relayId = "relay-" + ProcessHandle.current().pid() + "-"
        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    private Builder() {}

    /** @throws IllegalArgumentException if {@code attempts} is less than 1 */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** @throws IllegalArgumentException if {@code delay} is not at least 1 millisecond */
    public Builder firstRetryDelay(Duration delay) {
      this.firstRetryDelay = atLeastMilli("firstRetryDelay", delay);
      return this;
    }

    /** @throws IllegalArgumentException if {@code delay} is not at least 1 millisecond */
    public Builder maxRetryDelay(Duration delay) {
      this.maxRetryDelay = atLeastMilli("maxRetryDelay", delay);
      return this;
    }

    /** @throws IllegalArgumentException if {@code lease} is not at least 1 millisecond */
    public Builder lease(Duration lease) {
      this.lease = atLeastMilli("lease", lease);
      return this;
    }

    /** @throws IllegalArgumentException if {@code size} is not between 1 and 1,000 */
    public Builder batchSize(int size) {
      if (size < 1 || size > 1_000) {
        throw new IllegalArgumentException("batchSize must be between 1 and 1000, was " + size);
      }
      this.batchSize = size;
      return this;
    }

    public Builder deliverAfterCommit(boolean deliver) {
      this.deliverAfterCommit = deliver;
      return this;
    }

    /** Where the jitter is drawn from; tests pass a seeded generator. Calls to it are serialized. */
    public Builder jitter(RandomGenerator random) {
      this.jitter = requireNonNull(random, "random");
      return this;
    }

    /** @throws IllegalArgumentException if {@code id} is not 1 to 100 printable ASCII characters */
    public Builder relayId(String id) {
      requireNonNull(id, "id");
      if (!id.matches("[\\x21-\\x7e]{1,100}")) {
        throw new IllegalArgumentException("relayId must be 1 to 100 printable ASCII characters without spaces");
      }
      this.relayId = id;
      return this;
    }

    /** @throws IllegalArgumentException if the first retry delay exceeds the largest */
    public RelayPolicy build() {
      if (firstRetryDelay.compareTo(maxRetryDelay) > 0) {
        throw new IllegalArgumentException("firstRetryDelay " + firstRetryDelay + " exceeds maxRetryDelay "
            + maxRetryDelay);
      }
      return new RelayPolicy(this);
    }

    private static Duration atLeastMilli(String name, Duration value) {
      requireNonNull(value, name);
      if (value.compareTo(Duration.ofMillis(1)) < 0) {
        throw new IllegalArgumentException(name + " must be at least 1 ms, was " + value);
      }
      return value;
    }
  }
}
