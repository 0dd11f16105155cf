package dev.yjakarta.server;

/** Time and delayed tasks, so lifecycle and store timing can run on a fake clock in tests. */
public interface Scheduler {
  /** A monotonic clock in milliseconds. */
  long nowMillis();

  /** Runs {@code task} after {@code delayMs}; the task must be short (it hands work on). */
  Cancellable schedule(Runnable task, long delayMs);

  /** A scheduled task that has not run yet. */
  interface Cancellable {
    void cancel();
  }
}
