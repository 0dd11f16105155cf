package dev.yjakarta.cluster;

import java.util.function.BooleanSupplier;

/** Polls a condition in the cluster tests, which wait on real Redis processes and peers. */
final class Await {
  private Await() {}

  static void await(BooleanSupplier condition, long ms) throws InterruptedException {
    await(condition, ms, "condition");
  }

  /** Polls until {@code condition} holds or {@code ms} pass; the caller asserts what it needs. */
  static boolean until(BooleanSupplier condition, long ms) throws InterruptedException {
    long deadline = System.currentTimeMillis() + ms;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  static void await(BooleanSupplier condition, long ms, String what) throws InterruptedException {
    if (!until(condition, ms)) {
      throw new AssertionError(what + ": not within " + ms + " ms");
    }
  }
}
