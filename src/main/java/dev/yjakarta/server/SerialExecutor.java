package dev.yjakarta.server;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: the per-document "actor" that
 * serialises a document's work without a global lock. A task submitted from inside a running task
 * runs after it, never nested.
 */
final class SerialExecutor implements Executor {
  private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());
  private static final ThreadLocal<SerialExecutor> CURRENT = new ThreadLocal<>();

  private final Executor pool;
  private final String name;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean scheduled;

  SerialExecutor(Executor pool, String name) {
    this.pool = pool;
    this.name = name;
  }

  @Override
  public void execute(Runnable task) {
    boolean start;
    synchronized (tasks) {
      tasks.add(task);
      start = !scheduled;
      scheduled = true;
    }
    if (start) {
      try {
        pool.execute(this::drain);
      } catch (RuntimeException rejected) {
        synchronized (tasks) {
          scheduled = false;
          tasks.clear();
        }
        throw rejected;
      }
    }
  }

  /** Whether the calling thread is running one of this executor's tasks. */
  boolean inExecutor() {
    return CURRENT.get() == this;
  }

  private void drain() {
    SerialExecutor outer = CURRENT.get();
    CURRENT.set(this);
    try {
      while (true) {
        Runnable next;
        synchronized (tasks) {
          next = tasks.poll();
          if (next == null) {
            scheduled = false;
            return;
          }
        }
        try {
          next.run();
        } catch (RuntimeException | Error e) {
          LOG.log(Level.SEVERE, "task of " + name + " failed", e);
        }
      }
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }
}
