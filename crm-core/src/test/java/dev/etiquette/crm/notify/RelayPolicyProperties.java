package dev.etiquette.crm.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The backoff law: after {@code n} failed attempts the delay is drawn from {@code [d/2, d]} with {@code d =
 * min(max, first * 2^(n-1))}; the bound never shrinks as failures add up and never exceeds the largest delay.
 */
class RelayPolicyProperties {

  @Property(tries = 300)
  void theDelayAfterNFailuresLiesInItsHalfOpenBoundAndTheBoundsGrowToTheCap(
      @ForAll @LongRange(min = 1, max = 600_000) long firstMillis, @ForAll @IntRange(min = 1, max = 1_000) int factor,
      @ForAll @IntRange(min = 1, max = 40) int failures, @ForAll long seed) {
    Duration first = Duration.ofMillis(firstMillis);
    Duration max = first.multipliedBy(factor);
    RelayPolicy policy = RelayPolicy.builder().firstRetryDelay(first).maxRetryDelay(max)
        .jitter(new SplittableRandom(seed)).build();

    Duration bound = policy.retryBound(failures);
    Duration expected = first;
    for (int i = 1; i < failures && expected.compareTo(max) < 0; i++) {
      expected = expected.multipliedBy(2);
    }
    assertThat(bound).isEqualTo(expected.compareTo(max) > 0 ? max : expected);
    Duration delay = policy.retryDelay(failures);
    assertThat(delay).isBetween(Duration.ofNanos(bound.toNanos() / 2_000 * 1_000), bound);
    if (failures > 1) {
      assertThat(policy.retryBound(failures - 1)).isLessThanOrEqualTo(bound);
    }
    assertThat(bound).isLessThanOrEqualTo(max);
  }

  @Example
  void theDefaultsAreDocumentedAndBadSettingsAreRefusedByName() {
    RelayPolicy policy = RelayPolicy.builder().build();
    assertThat(policy.maxAttempts()).isEqualTo(8);
    assertThat(policy.retryBound(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.retryBound(7)).isEqualTo(Duration.ofMinutes(32));
    assertThat(policy.retryBound(8)).isEqualTo(Duration.ofHours(1)); // 64 min, capped
    assertThat(policy.lease()).isEqualTo(Duration.ofMinutes(2));
    assertThat(policy.relayId()).isNotEqualTo(RelayPolicy.builder().build().relayId());
    assertThatThrownBy(() -> RelayPolicy.builder().maxAttempts(0)).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> RelayPolicy.builder().lease(Duration.ZERO)).hasMessageContaining("lease");
    assertThatThrownBy(() -> RelayPolicy.builder().batchSize(1_001)).hasMessageContaining("batchSize");
    assertThatThrownBy(() -> RelayPolicy.builder().relayId("has space")).hasMessageContaining("relayId");
    assertThatThrownBy(() -> RelayPolicy.builder().firstRetryDelay(Duration.ofHours(2)).build())
        .hasMessageContaining("exceeds maxRetryDelay");
    assertThatThrownBy(() -> policy.retryDelay(0)).hasMessageContaining("at least 1");
  }
}
