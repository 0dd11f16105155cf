package dev.yjakarta.server;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** {@link Scheduler} on a (managed) scheduled executor and the JVM's monotonic clock. */
final class ExecutorScheduler implements Scheduler {
  private final ScheduledExecutorService executor;

  ExecutorScheduler(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  @Override
  public long nowMillis() {
    return System.nanoTime() / 1_000_000L;
  }

  @Override
  public Cancellable schedule(Runnable task, long delayMs) {
    try {
      // cheaply: Payara captures the container context of every task it schedules (ContextCapture)
      ScheduledFuture<?> f = ContextCapture.submit(task,
          t -> executor.schedule(t, Math.max(0, delayMs), TimeUnit.MILLISECONDS));
      return () -> f.cancel(false);
    } catch (RejectedExecutionException shuttingDown) {
      // Only during undeploy: the final flush polls instead of waiting for timers.
      return () -> { };
    }
  }
}
