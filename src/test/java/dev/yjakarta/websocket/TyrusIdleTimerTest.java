package dev.yjakarta.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TyrusIdleTimerTest {
  @Test
  void zeroDelayTasksAreDroppedAndDelayedOnesStillRun() throws Exception {
    TyrusIdleTimer.SkipsZeroDelay scheduler = new TyrusIdleTimer.SkipsZeroDelay(Executors.defaultThreadFactory());
    try {
      AtomicInteger zeroDelayRuns = new AtomicInteger();
      ScheduledFuture<?> skipped = scheduler.schedule((Runnable) zeroDelayRuns::incrementAndGet, 0, TimeUnit.MILLISECONDS);
      assertTrue(skipped.isDone());
      assertFalse(skipped.cancel(true), "Tyrus cancels the previous future on every frame");
      CountDownLatch delayed = new CountDownLatch(1);
      scheduler.schedule(delayed::countDown, 20, TimeUnit.MILLISECONDS);
      assertTrue(delayed.await(5, TimeUnit.SECONDS), "a real idle timeout still fires");
      scheduler.submit(() -> { }).get(5, TimeUnit.SECONDS); // queued after anything scheduled at once
      assertEquals(0, zeroDelayRuns.get());
      assertEquals(0, scheduler.getQueue().size());
    } finally {
      scheduler.shutdownNow();
    }
  }
}
