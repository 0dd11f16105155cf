package dev.yjakarta.server;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: the per-document "actor" that
 * serialises a document's work without a global lock. A task submitted from inside a running task
 * runs after it, never nested.
 *
 * <p>{@link #runIfIdle} lets the thread that produced a task (a socket's reader, a relay lane) run
 * it itself when the lane is idle. Under load on a small machine each hand-off to a pool thread is
 * a wake-up that waits for a free core; skipping it took most of the tail latency away.
 *
 * <p>{@link #beforeIdle} runs, inside the lane, each time its queue runs empty: the end of one
 * "turn", where a document flushes what it batched during the turn.
 */
final class SerialExecutor implements Executor {
  private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());
  private static final ThreadLocal<SerialExecutor> CURRENT = new ThreadLocal<>();

  private final Executor pool;
  private final String name;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean scheduled;
  private volatile Runnable beforeIdle = () -> { };

  SerialExecutor(Executor pool, String name) {
    this.pool = pool;
    this.name = name;
  }

  /** Sets the task that runs, in the lane, whenever its queue has run empty (see above). */
  void beforeIdle(Runnable task) {
    this.beforeIdle = task;
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
      startDrain();
    }
  }

  /** Hands the queue to a pool thread; if the pool refuses, the queue is dropped and it rethrows. */
  private void startDrain() {
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

  /**
   * Runs {@code task} on the calling thread if the lane is idle and the caller is not running
   * another lane's task (lanes never nest); otherwise does nothing and returns false. Tasks queued
   * meanwhile run on the pool afterwards, so a busy lane never keeps the caller.
   */
  boolean runIfIdle(Runnable task) {
    synchronized (tasks) {
      if (scheduled || CURRENT.get() != null) {
        return false;
      }
      scheduled = true;
    }
    CURRENT.set(this);
    try {
      task.run();
    } catch (RuntimeException | Error e) {
      LOG.log(Level.SEVERE, "task of " + name + " failed", e);
    } finally {
      CURRENT.remove();
      handOffRest();
    }
    return true;
  }

  /** {@link #runIfIdle}, else {@link #execute}. */
  void runHereOrExecute(Runnable task) {
    if (!runIfIdle(task)) {
      execute(task);
    }
  }

  private void handOffRest() {
    boolean idle;
    synchronized (tasks) {
      idle = tasks.isEmpty();
    }
    if (idle) { // else the drain below ends the turn
      CURRENT.set(this);
      try {
        runBeforeIdle();
      } finally {
        CURRENT.remove();
      }
      synchronized (tasks) {
        if (tasks.isEmpty()) {
          scheduled = false;
          return;
        }
      }
    }
    try {
      startDrain();
    } catch (RuntimeException rejected) {
      LOG.log(Level.WARNING, "tasks of " + name + " were refused by the pool", rejected);
    }
  }

  /** The lane is still marked scheduled meanwhile: tasks submitted now queue up and run after it. */
  private void runBeforeIdle() {
    try {
      beforeIdle.run();
    } catch (RuntimeException | Error e) {
      LOG.log(Level.SEVERE, "end-of-turn task of " + name + " failed", e);
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
        }
        if (next == null) {
          runBeforeIdle(); // still scheduled: new tasks queue up behind it
          synchronized (tasks) {
            next = tasks.poll();
            if (next == null) {
              scheduled = false;
              return;
            }
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
