package dev.yjakarta.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InboundLaneTest {
  private final InboundLane lane = new InboundLane(Executors.defaultThreadFactory());

  @AfterEach
  void stop() throws InterruptedException {
    lane.shutdown();
    lane.awaitTermination(2, TimeUnit.SECONDS);
  }

  @Test
  void anIdleLaneRunsTheTaskOnTheCallersThread() {
    Thread caller = Thread.currentThread();
    Thread[] ranOn = new Thread[1];
    assertTrue(lane.runHereIfIdle(() -> {
      ranOn[0] = Thread.currentThread();
      return true;
    }));
    assertEquals(caller, ranOn[0]);
    assertFalse(lane.runHereIfIdle(() -> false), "a task that did nothing says so");
    assertTrue(lane.runHereIfIdle(() -> true), "and leaves the lane idle");
  }

  @Test
  void aBusyLaneRefusesAndQueuedTasksKeepTheirOrder() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> order = new CopyOnWriteArrayList<>();
    lane.queue(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      order.add(1);
    });
    boolean[] ran = new boolean[1];
    assertFalse(lane.runHereIfIdle(() -> ran[0] = true), "a frame must not overtake a queued one");
    assertFalse(ran[0]);
    lane.queue(() -> order.add(2));
    release.countDown();
    CountDownLatch done = new CountDownLatch(1);
    lane.queue(done::countDown);
    assertTrue(done.await(2, TimeUnit.SECONDS));
    assertEquals(List.of(1, 2), order);
    // the last task counts itself down before the lane counts it done: wait for that, not for a time
    Await.await(() -> lane.runHereIfIdle(() -> true), 2000, "idle again once the queue drained");
  }
}
