package dev.yjakarta.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A manual clock: timers fire only in {@link #advance}. */
final class FakeScheduler implements Scheduler {
  private final class Timer implements Cancellable {
    final long due;
    final Runnable task;
    boolean cancelled;

    Timer(long due, Runnable task) {
      this.due = due;
      this.task = task;
    }

    @Override
    public void cancel() {
      synchronized (FakeScheduler.this) {
        cancelled = true;
        timers.remove(this);
      }
    }
  }

  private long now = 1_000_000;
  private final List<Timer> timers = new ArrayList<>();

  @Override
  public synchronized long nowMillis() {
    return now;
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, long delayMs) {
    Timer t = new Timer(now + Math.max(0, delayMs), task);
    timers.add(t);
    return t;
  }

  /** Moves the clock, firing due timers in order (and running the pool after each). */
  void advance(long ms, ManualExecutor pool) {
    long target;
    synchronized (this) {
      target = now + ms;
    }
    while (true) {
      Timer next;
      synchronized (this) {
        next = timers.stream().filter(t -> t.due <= target).min(Comparator.comparingLong(t -> t.due)).orElse(null);
        if (next == null) {
          now = target;
          break;
        }
        timers.remove(next);
        now = Math.max(now, next.due);
      }
      next.task.run();
      if (pool != null) {
        pool.runAll();
      }
    }
    if (pool != null) {
      pool.runAll();
    }
  }

  synchronized int timerCount() {
    return timers.size();
  }
}
