package dev.yjakarta.server;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** A pool stand-in for unit tests: tasks run only when the test says so, on the test thread. */
final class ManualExecutor implements Executor {
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

  @Override
  public synchronized void execute(Runnable task) {
    tasks.add(task);
  }

  /** Runs tasks (and the tasks they submit) until none is left. */
  void runAll() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = tasks.poll();
      }
      if (next == null) {
        return;
      }
      next.run();
    }
  }

  synchronized int pending() {
    return tasks.size();
  }
}
