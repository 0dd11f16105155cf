package dev.yjakarta.cluster;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A lane of inbound relay frames: frames of one document always take the same lane, so they are
 * handled in arrival order, and documents on other lanes do not wait for them.
 *
 * <p>The subscriber thread handles a cheap frame itself when its lane has nothing queued or
 * running and its document is idle: a hand-off to the lane's thread is a wake-up, which on a busy
 * small machine waits for a free core and was a good part of the cross-instance tail latency.
 */
final class InboundLane {
  private final ExecutorService thread;
  /** Frames queued or running on the lane's thread, plus one while the caller runs one itself. */
  private final AtomicInteger outstanding = new AtomicInteger();

  InboundLane(ThreadFactory threads) {
    this.thread = Executors.newSingleThreadExecutor(threads);
  }

  /**
   * Runs {@code task} on the calling thread when nothing of the lane is queued or running.
   *
   * @return false when the lane was busy, or {@code task} answered false (it did nothing)
   */
  boolean runHereIfIdle(BooleanSupplier task) {
    if (!outstanding.compareAndSet(0, 1)) {
      return false;
    }
    try {
      return task.getAsBoolean();
    } finally {
      outstanding.decrementAndGet();
    }
  }

  /** Runs {@code task} on the lane's thread after what is queued. */
  void queue(Runnable task) {
    outstanding.incrementAndGet();
    try {
      thread.execute(() -> {
        try {
          task.run();
        } finally {
          outstanding.decrementAndGet();
        }
      });
    } catch (RejectedExecutionException stopping) {
      outstanding.decrementAndGet();
      throw stopping;
    }
  }

  void shutdown() {
    thread.shutdown();
  }

  void awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    thread.awaitTermination(timeout, unit);
  }
}
