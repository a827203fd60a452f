package dev.etiquette.crm;

import dev.etiquette.crm.api.obligation.DueWork;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@link Crm#processDue()} (started by {@link Crm#startScheduler(Duration)}),
 * {@link Crm#measureDue(java.util.Collection)} (started by {@link Crm#startMeasuring}) or
 * {@link NotificationRelay#deliverDue()} (started by {@link NotificationRelay#start(Duration)}) on a schedule, on a
 * daemon thread of its own, until {@link #close()}. Runs never overlap: the next run starts a
 * period after the previous one ended. A run that throws is logged at WARN and counted; the schedule goes on.
 * Several schedulers, in one process or many, may run against one storage: each due event is still processed
 * once.
 */
public final class DueWorkScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DueWorkScheduler.class);

  private final ScheduledExecutorService executor;
  private final AtomicLong runs = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  private DueWorkScheduler(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  static DueWorkScheduler start(Supplier<DueWork> processDue, Duration period) {
    return start(processDue, period, "crm-due-work", "processing due work");
  }

  static DueWorkScheduler start(Supplier<?> work, Duration period, String threadName, String what) {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, threadName);
      thread.setDaemon(true);
      return thread;
    });
    DueWorkScheduler scheduler = new DueWorkScheduler(executor);
    executor.scheduleWithFixedDelay(() -> scheduler.run(work, what), 0, period.toNanos(), TimeUnit.NANOSECONDS);
    return scheduler;
  }

  private void run(Supplier<?> work, String what) {
    try {
      Object done = work.get();
      LOG.debug("{}: {}", what, done);
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      LOG.warn("{} failed; the next run is on schedule", what, e);
    } finally {
      runs.incrementAndGet();
    }
  }

  /** How many runs have ended, failed or not. */
  public long runs() {
    return runs.get();
  }

  /** How many runs threw. */
  public long failures() {
    return failures.get();
  }

  /**
   * Stops the schedule and waits up to 30 seconds for a run in progress to end (its committed batches stay
   * done either way).
   */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
