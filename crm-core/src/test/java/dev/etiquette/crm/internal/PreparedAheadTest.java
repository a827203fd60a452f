package dev.etiquette.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PreparedAheadTest {

  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void shutDown() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Property(tries = 300)
  void partsCoverEveryItemOnceInOrderEachGrowingByTheFactor(@ForAll @IntRange(min = 0, max = 3000) int size,
      @ForAll @IntRange(min = 1, max = 300) int firstPart, @ForAll @IntRange(min = 1, max = 6) int growth) {
    List<int[]> ranges = Collections.synchronizedList(new ArrayList<>());
    try (PreparedAhead<int[]> ahead = PreparedAhead.start(size, firstPart, growth, Runnable::run,
        (from, to) -> new int[] {from, to})) {
      int expectedFrom = 0;
      long expectedPart = firstPart;
      for (int k = 0; k < ahead.size(); k++) {
        int[] range = ahead.get(k);
        ranges.add(range);
        assertThat(range[0]).isEqualTo(expectedFrom);
        assertThat(range[1] - range[0]).isEqualTo((int) Math.min(expectedPart, size - expectedFrom));
        if (size > 0) {
          assertThat(range[1]).isGreaterThan(range[0]);
        }
        expectedFrom = range[1];
        expectedPart *= growth;
      }
      assertThat(expectedFrom).isEqualTo(size);
    }
  }

  @Test
  void aThousandDraftsAreThreePartsOfCreateAll() {
    List<String> parts = new ArrayList<>();
    try (PreparedAhead<String> ahead = PreparedAhead.start(1000, 64, 4, Runnable::run, (from, to) -> from + "-" + to)) {
      for (int k = 0; k < ahead.size(); k++) {
        parts.add(ahead.get(k));
      }
    }
    assertThat(parts).containsExactly("0-64", "64-320", "320-1000");
  }

  @Test
  void aPartOrGrowthBelowOneIsRefused() {
    assertThatThrownBy(() -> PreparedAhead.start(10, 0, 2, Runnable::run, (from, to) -> 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("firstPart and growth");
    assertThatThrownBy(() -> PreparedAhead.start(10, 5, 0, Runnable::run, (from, to) -> 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("firstPart and growth");
  }

  @Test
  void aPoolThreadPreparesThePartsInOrderWhileTheCallerConsumesThem() {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger sequence = new AtomicInteger();
    try (PreparedAhead<List<Integer>> ahead = PreparedAhead.start(1000, 50, 2, pool, (from, to) -> {
      events.add("prepare " + from + " on " + Thread.currentThread().getName());
      List<Integer> drawn = new ArrayList<>();
      for (int i = from; i < to; i++) {
        drawn.add(sequence.incrementAndGet());
      }
      return drawn;
    })) {
      List<Integer> all = new ArrayList<>();
      for (int k = 0; k < ahead.size(); k++) {
        all.addAll(ahead.get(k));
      }
      assertThat(all).hasSize(1000).isSorted().startsWith(1).endsWith(1000);
    }
    assertThat(events).extracting(e -> e.substring(0, e.indexOf(" on ")))
        .containsExactly("prepare 0", "prepare 50", "prepare 150", "prepare 350", "prepare 750");
  }

  @Test
  void theCallerPreparesThePartsItselfWhenTheExecutorNeverRunsTheTask() {
    List<Runnable> neverRun = new ArrayList<>();
    String caller = Thread.currentThread().getName();
    try (PreparedAhead<String> ahead = PreparedAhead.start(300, 100, 1, neverRun::add,
        (from, to) -> from + ".." + to + " on " + Thread.currentThread().getName())) {
      assertThat(ahead.get(0)).isEqualTo("0..100 on " + caller);
      assertThat(ahead.get(2)).isEqualTo("200..300 on " + caller);
    }
    assertThat(neverRun).hasSize(1);
    neverRun.get(0).run(); // the task, run late, finds the work done and does nothing
  }

  @Test
  void theCallerPreparesThePartsItselfWhenTheExecutorRejectsTheTask() {
    try (PreparedAhead<Integer> ahead = PreparedAhead.start(10, 5, 1, task -> {
      throw new RejectedExecutionException("shut down");
    }, (from, to) -> to - from)) {
      assertThat(ahead.get(0)).isEqualTo(5);
      assertThat(ahead.get(1)).isEqualTo(5);
    }
  }

  @Test
  void aFailedPartRethrowsItsExceptionAndNoLaterPartIsPrepared() {
    List<Integer> prepared = Collections.synchronizedList(new ArrayList<>());
    IllegalStateException failure = new IllegalStateException("part 1 fails");
    try (PreparedAhead<Integer> ahead = PreparedAhead.start(40, 10, 1, pool, (from, to) -> {
      prepared.add(from);
      if (from == 10) {
        throw failure;
      }
      return from;
    })) {
      assertThat(ahead.get(0)).isZero();
      assertThatThrownBy(() -> ahead.get(1)).isSameAs(failure);
    }
    assertThat(prepared).containsExactly(0, 10);
  }

  @Test
  void closeStopsAfterThePartInProgressAndWaitsForIt() throws InterruptedException {
    CountDownLatch inPart1 = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> finished = Collections.synchronizedList(new ArrayList<>());
    PreparedAhead<Integer> ahead = PreparedAhead.start(40, 10, 1, pool, (from, to) -> {
      if (from == 10) {
        inPart1.countDown();
        await(release);
      }
      finished.add(from);
      return from;
    });
    assertThat(ahead.get(0)).isZero();
    assertThat(inPart1.await(10, TimeUnit.SECONDS)).isTrue();
    Thread closer = new Thread(ahead::close);
    closer.start();
    closer.join(200);
    assertThat(closer.isAlive()).as("close waits for the part in progress").isTrue();
    release.countDown();
    closer.join(10_000);
    assertThat(closer.isAlive()).isFalse();
    assertThat(finished).containsExactly(0, 10);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
