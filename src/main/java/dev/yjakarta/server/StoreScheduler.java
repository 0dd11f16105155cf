package dev.yjakarta.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides when each document is stored: {@code debounce} after the last change, at most {@code
 * maxDebounce} after the first pending one; never two runs of one document at once; a failed run
 * retried with exponential backoff. Each document has at most one timer, so a failing store
 * cannot pile up copies. Runs execute on the pool; timers only hand work over.
 */
final class StoreScheduler {
  private static final Logger LOG = Logger.getLogger(StoreScheduler.class.getName());
  /**
   * Store runs at once; the rest wait here, not on pool threads. Without the bound, a burst of
   * stores (a thousand documents changed in the same seconds) parked every pool thread on the
   * JDBC pool (4 connections in the shipped configuration) and the pool rejected the documents'
   * own work (bench/compare, scenario g).
   */
  static final int MAX_CONCURRENT_STORES = 4;

  /** Stores one document (blocking; runs on the pool). Throws to fail the run. */
  @FunctionalInterface
  interface StoreTask {
    void store(String documentName) throws Exception;
  }

  /** Told when a document's stores settled: nothing pending, nothing running, not failing. */
  @FunctionalInterface
  interface SettledListener {
    void settled(String documentName);
  }

  private static final class Entry {
    final String name;
    boolean dirty;
    long firstDirtyAt;
    /** When the pending timer should start the store; later changes move it without re-arming. */
    long dueAt;
    boolean running;
    /** Waiting in {@code ready} for a free store slot. */
    boolean queued;
    int failures;
    Scheduler.Cancellable timer;
    final List<CompletableFuture<Boolean>> waiters = new ArrayList<>();

    Entry(String name) {
      this.name = name;
    }

    boolean idle() {
      return !dirty && !running && failures == 0;
    }
  }

  private final Scheduler scheduler;
  private final Executor pool;
  private final long debounceMs;
  private final long maxDebounceMs;
  private final long retryMinMs;
  private final long retryMaxMs;
  private final StoreTask task;
  private final SettledListener listener;
  private final Map<String, Entry> entries = new HashMap<>();
  private final ArrayDeque<Entry> ready = new ArrayDeque<>();
  private int runningCount;

  StoreScheduler(Scheduler scheduler, Executor pool, long debounceMs, long maxDebounceMs, long retryMinMs,
      long retryMaxMs, StoreTask task, SettledListener listener) {
    this.scheduler = scheduler;
    this.pool = pool;
    this.debounceMs = debounceMs;
    this.maxDebounceMs = maxDebounceMs;
    this.retryMinMs = retryMinMs;
    this.retryMaxMs = retryMaxMs;
    this.task = task;
    this.listener = listener;
  }

  /** A change to store: (re)starts the debounce, bounded by maxDebounce since the first change. */
  synchronized void changed(String name) {
    Entry e = entries.computeIfAbsent(name, Entry::new);
    long now = scheduler.nowMillis();
    if (!e.dirty) {
      e.dirty = true;
      e.firstDirtyAt = now;
    }
    if (e.running || e.failures > 0) {
      return; // the running store re-arms afterwards; a failing one keeps its backoff timer
    }
    long delay = Math.max(0, Math.min(debounceMs, e.firstDirtyAt + maxDebounceMs - now));
    if (e.timer == null) {
      arm(e, delay);
    } else {
      // the pending timer re-arms itself when it fires early: a scheduler submission per edit
      // is expensive on some containers (Payara captures the thread context on every one)
      e.dueAt = now + delay;
    }
  }

  /**
   * Stores now if anything is pending or failing (last disconnect, shutdown).
   *
   * @return completes with true once the document's state up to now is stored (or nothing was
   *     pending), false when the run failed (retries continue with backoff)
   */
  synchronized CompletableFuture<Boolean> storeNow(String name) {
    Entry e = entries.get(name);
    if (e == null || e.idle()) {
      return CompletableFuture.completedFuture(true);
    }
    CompletableFuture<Boolean> f = new CompletableFuture<>();
    e.waiters.add(f);
    if (!e.running) {
      e.dirty = true;
      start(e);
    }
    return f;
  }

  synchronized boolean isIdle(String name) {
    Entry e = entries.get(name);
    return e == null || e.idle();
  }

  /** Documents whose last store failed, for health checks. */
  synchronized List<String> failing() {
    List<String> out = new ArrayList<>();
    entries.values().forEach(e -> {
      if (e.failures > 0) {
        out.add(e.name);
      }
    });
    out.sort(null);
    return out;
  }

  /** Documents with a pending, running or failing store. */
  synchronized List<String> busy() {
    List<String> out = new ArrayList<>();
    entries.values().forEach(e -> {
      if (!e.idle()) {
        out.add(e.name);
      }
    });
    return out;
  }

  /** Forgets an idle document (it unloaded). */
  synchronized void forget(String name) {
    Entry e = entries.get(name);
    if (e != null && e.idle()) {
      cancelTimer(e);
      entries.remove(name);
    }
  }

  /** Cancels every timer (shutdown, after the final flush). */
  synchronized void cancelAll() {
    entries.values().forEach(this::cancelTimer);
  }

  private void arm(Entry e, long delayMs) {
    cancelTimer(e);
    e.dueAt = scheduler.nowMillis() + delayMs;
    e.timer = scheduler.schedule(() -> fire(e), delayMs);
  }

  private void cancelTimer(Entry e) {
    if (e.timer != null) {
      e.timer.cancel();
      e.timer = null;
    }
  }

  private synchronized void fire(Entry e) {
    e.timer = null;
    long early = e.dueAt - scheduler.nowMillis();
    if (early > 0 && e.failures == 0 && !e.running && entries.get(e.name) == e) {
      e.timer = scheduler.schedule(() -> fire(e), early); // changes came after the timer was armed
      return;
    }
    if (!e.running && entries.get(e.name) == e && (e.dirty || e.failures > 0)) {
      start(e);
    }
  }

  /** Called with the lock held. */
  private void start(Entry e) {
    cancelTimer(e);
    if (runningCount >= MAX_CONCURRENT_STORES) {
      if (!e.queued) {
        e.queued = true;
        ready.add(e);
      }
      return;
    }
    e.queued = false;
    e.running = true;
    e.dirty = false;
    runningCount++;
    try {
      pool.execute(() -> run(e));
    } catch (RuntimeException rejected) {
      runningCount--;
      e.running = false;
      e.dirty = true;
      failed(e, rejected);
    }
  }

  /** Called with the lock held, after a run ended: the queued documents take the free slots. */
  private void startReady() {
    while (runningCount < MAX_CONCURRENT_STORES && !ready.isEmpty()) {
      Entry next = ready.poll();
      next.queued = false;
      if (entries.get(next.name) == next && !next.running
          && (next.dirty || next.failures > 0 || !next.waiters.isEmpty())) {
        start(next);
      }
    }
  }

  private void run(Entry e) {
    Exception failure = null;
    try {
      task.store(e.name);
    } catch (Exception ex) {
      failure = ex;
    } catch (LinkageError | AssertionError ex) {
      failure = new IllegalStateException(ex);
    }
    List<CompletableFuture<Boolean>> done = List.of();
    boolean settled = false;
    synchronized (this) {
      e.running = false;
      runningCount--;
      if (failure != null) {
        e.dirty = true;
        done = new ArrayList<>(e.waiters);
        e.waiters.clear();
        failed(e, failure);
      } else {
        if (e.failures > 0) {
          LOG.info("store of document '" + e.name + "' recovered after " + e.failures + " failed attempt(s)");
        }
        e.failures = 0;
        if (e.dirty) {
          if (!e.waiters.isEmpty()) {
            start(e); // someone waits for the latest state: store again right away
          } else {
            arm(e, Math.max(0, Math.min(debounceMs, e.firstDirtyAt + maxDebounceMs - scheduler.nowMillis())));
          }
        } else {
          done = new ArrayList<>(e.waiters);
          e.waiters.clear();
          entries.remove(e.name);
          settled = true;
        }
      }
      startReady();
    }
    boolean ok = failure == null;
    done.forEach(f -> f.complete(ok));
    if (settled) {
      listener.settled(e.name);
    }
  }

  /** Called with the lock held: logs on the transition to failing, arms the backoff timer. */
  private void failed(Entry e, Exception cause) {
    e.failures++;
    if (e.failures == 1) {
      LOG.log(Level.WARNING, "store of document '" + e.name + "' failed; it stays loaded and is retried: "
          + cause, cause instanceof RuntimeException ? null : cause);
    }
    long delay = retryMinMs;
    for (int i = 1; i < e.failures && delay < retryMaxMs; i++) {
      delay *= 2;
    }
    arm(e, Math.min(delay, retryMaxMs));
  }
}
