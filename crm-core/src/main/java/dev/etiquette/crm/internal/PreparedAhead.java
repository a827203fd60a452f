package dev.etiquette.crm.internal;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Prepares the parts of a bulk operation, in order, on an executor, while the calling thread consumes the
 * parts already prepared (for instance, writes them to the storage). The parts are prepared one after the
 * other, never two at once, so that whatever the preparation draws from (ids, for instance) is drawn in
 * the same order as without an executor.
 *
 * <p>The calling thread never waits for work that nobody has started: when it asks for a part that is not
 * being prepared (the executor has not started the task yet, or never will), it prepares the next part
 * itself; the executor's task takes the parts after it. {@link #close()} stops the preparation after the
 * part in progress and waits for it, so nothing of it runs once the bulk operation has returned or failed.
 *
 * @param <T> a prepared part
 */
final class PreparedAhead<T> implements AutoCloseable {

  /** Prepares the items {@code [from, to)} of the bulk operation. */
  @FunctionalInterface
  interface Preparation<T> {
    T prepare(int from, int to);
  }

  private static final int NOT_STARTED = 0;
  private static final int RUNNING = 1;
  private static final int ENDED = 2;

  private final int[] bounds;
  private final List<CompletableFuture<T>> parts;
  private final Preparation<T> preparation;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicInteger task = new AtomicInteger(NOT_STARTED);
  private final CompletableFuture<Void> taskEnded = new CompletableFuture<>();
  private int next; // the next part to prepare; guarded by lock
  private volatile boolean stopped;

  private PreparedAhead(int[] bounds, Preparation<T> preparation) {
    this.bounds = bounds;
    this.preparation = preparation;
    this.parts = new ArrayList<>(bounds.length - 1);
    for (int k = 0; k + 1 < bounds.length; k++) {
      parts.add(new CompletableFuture<>());
    }
  }

  /**
   * Starts preparing {@code size} items in parts: a first part of {@code firstPart} items, so that the
   * caller can start early, then each part {@code growth} times as large as the one before (all of the same size
   * when {@code growth} is 1), the last one what remains.
   */
  static <T> PreparedAhead<T> start(int size, int firstPart, int growth, Executor executor,
      Preparation<T> preparation) {
    requireNonNull(executor, "executor");
    requireNonNull(preparation, "preparation");
    if (firstPart < 1 || growth < 1) {
      throw new IllegalArgumentException("firstPart and growth must be positive, were " + firstPart + " and " + growth);
    }
    List<Integer> bounds = new ArrayList<>();
    bounds.add(0);
    long part = firstPart;
    for (int to = Math.min(size, firstPart); ; ) {
      bounds.add(to);
      if (to >= size) {
        break;
      }
      part = Math.min(part * growth, size);
      to = (int) Math.min(size, to + part);
    }
    PreparedAhead<T> ahead = new PreparedAhead<>(bounds.stream().mapToInt(Integer::intValue).toArray(),
        preparation);
    try {
      executor.execute(ahead::runTask);
    } catch (RejectedExecutionException e) {
      // the calling thread prepares every part itself, when it asks for it
    }
    return ahead;
  }

  /** How many parts there are. */
  int size() {
    return parts.size();
  }

  /**
   * Part {@code k}, waiting for it when another thread is preparing the parts up to it, preparing parts in
   * this thread when nobody is.
   *
   * @throws RuntimeException whatever the preparation of the part threw
   */
  T get(int k) {
    CompletableFuture<T> part = parts.get(k);
    while (!part.isDone() && lock.tryLock()) {
      try {
        prepareNext();
      } finally {
        lock.unlock();
      }
    }
    try {
      return part.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** Stops the preparation after the part in progress, and waits until the executor's task has ended. */
  @Override
  public void close() {
    stopped = true;
    if (!task.compareAndSet(NOT_STARTED, ENDED)) {
      taskEnded.join();
    }
  }

  private void runTask() {
    if (!task.compareAndSet(NOT_STARTED, RUNNING)) {
      return; // closed before it started
    }
    try {
      boolean more = true;
      while (more && !stopped) {
        lock.lock();
        try {
          more = prepareNext();
        } finally {
          lock.unlock();
        }
      }
    } finally {
      task.set(ENDED);
      taskEnded.complete(null);
    }
  }

  /** Prepares the next part, unless every part is taken; the caller holds the lock. */
  private boolean prepareNext() {
    if (next >= parts.size()) {
      return false;
    }
    int k = next++;
    CompletableFuture<T> part = parts.get(k);
    if (stopped) {
      part.cancel(false);
      return true;
    }
    try {
      part.complete(preparation.prepare(bounds[k], bounds[k + 1]));
    } catch (RuntimeException | Error e) {
      part.completeExceptionally(e);
      stopped = true;
    }
    return true;
  }
}
