package dev.yjakarta.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StoreSchedulerTest {
  private final ManualExecutor pool = new ManualExecutor();
  private final FakeScheduler clock = new FakeScheduler();
  private final List<Long> runs = new ArrayList<>();
  private final List<String> settled = new ArrayList<>();
  private boolean failing;
  private Runnable duringRun = () -> { };

  private final StoreScheduler stores = new StoreScheduler(clock, pool, 2_000, 10_000, 1_000, 30_000, name -> {
    runs.add(clock.nowMillis());
    duringRun.run();
    if (failing) {
      throw new IllegalStateException("database down");
    }
  }, settled::add);

  private long start() {
    return clock.nowMillis();
  }

  @Test
  void storesTwoSecondsAfterTheLastChange() {
    long t0 = start();
    stores.changed("d");
    clock.advance(1_500, pool);
    stores.changed("d");
    clock.advance(1_999, pool);
    assertEquals(List.of(), runs);
    clock.advance(1, pool);
    assertEquals(List.of(t0 + 3_500), runs);
    assertEquals(List.of("d"), settled);
    assertTrue(stores.isIdle("d"));
  }

  @Test
  void storesAtTheMaxDebounceDespiteContinuousChanges() {
    long t0 = start();
    for (int i = 0; i < 12; i++) {
      stores.changed("d");
      clock.advance(1_000, pool);
    }
    assertEquals(List.of(t0 + 10_000), runs);
  }

  @Test
  void runsAtMostFourStoresAtOnceAndQueuesTheRest() {
    List<String> names = new ArrayList<>();
    StoreScheduler bounded = new StoreScheduler(clock, pool, 2_000, 10_000, 1_000, 30_000, names::add, settled::add);
    for (int i = 0; i < 10; i++) {
      bounded.changed("d" + i);
    }
    clock.advance(2_000, null);
    assertEquals(StoreScheduler.MAX_CONCURRENT_STORES, pool.pending());
    pool.runAll();
    assertEquals(10, names.size());
    assertEquals(10, settled.size());
    for (int i = 0; i < 10; i++) {
      assertTrue(bounded.isIdle("d" + i));
    }
  }

  @Test
  void keepsAtMostOneTimerPerDocument() {
    for (int i = 0; i < 100; i++) {
      stores.changed("d");
    }
    assertEquals(1, clock.timerCount());
  }

  @Test
  void retriesAFailedStoreWithExponentialBackoffAndOneTimer() {
    failing = true;
    long t0 = start();
    stores.changed("d");
    clock.advance(2_000, pool);
    assertEquals(List.of("d"), stores.failing());
    for (int i = 0; i < 50; i++) {
      stores.changed("d"); // changes during backoff neither pile timers nor reset the backoff
    }
    assertEquals(1, clock.timerCount());
    clock.advance(1_000 + 2_000 + 4_000, pool);
    assertEquals(List.of(t0 + 2_000, t0 + 3_000, t0 + 5_000, t0 + 9_000), runs);
    clock.advance(200_000, pool);
    long last = runs.get(runs.size() - 1);
    long before = runs.get(runs.size() - 2);
    assertEquals(30_000, last - before); // capped
    assertFalse(stores.isIdle("d"));
    failing = false;
    clock.advance(30_000, pool);
    assertTrue(stores.failing().isEmpty());
    assertEquals(List.of("d"), settled);
  }

  @Test
  void neverRunsTwoStoresOfOneDocumentAtOnce() {
    List<Integer> concurrent = new ArrayList<>();
    int[] active = {0};
    duringRun = () -> {
      active[0]++;
      concurrent.add(active[0]);
      stores.changed("d"); // a change while storing
      active[0]--;
    };
    stores.changed("d");
    clock.advance(2_000, pool);
    duringRun = () -> { };
    clock.advance(2_000, pool);
    assertEquals(List.of(1), concurrent);
    assertEquals(2, runs.size()); // the change during the run was stored afterwards
  }

  @Test
  void storeNowRunsPendingWorkImmediatelyAndReportsTheOutcome() {
    stores.changed("d");
    CompletableFuture<Boolean> f = stores.storeNow("d");
    pool.runAll();
    assertTrue(f.join());
    assertEquals(1, runs.size());
    assertEquals(0, clock.timerCount());
    assertTrue(stores.storeNow("idle").join());
    failing = true;
    stores.changed("d");
    CompletableFuture<Boolean> g = stores.storeNow("d");
    pool.runAll();
    assertFalse(g.join());
    assertEquals(List.of("d"), stores.failing());
  }

  @Test
  void storeNowWaitsForTheRunningStoreAndStoresAgainIfNeeded() {
    CompletableFuture<?>[] during = new CompletableFuture<?>[1];
    duringRun = () -> {
      duringRun = () -> { };
      stores.changed("d");
      during[0] = stores.storeNow("d");
    };
    stores.changed("d");
    clock.advance(2_000, pool);
    assertEquals(2, runs.size());
    assertTrue((Boolean) during[0].join());
  }
}
