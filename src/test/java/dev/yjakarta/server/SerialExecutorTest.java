package dev.yjakarta.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
  private final ManualExecutor pool = new ManualExecutor();
  private final SerialExecutor lane = new SerialExecutor(pool, "test lane");
  private final List<String> ran = new ArrayList<>();

  @Test
  void anIdleLaneRunsTheTaskOnTheCallingThread() {
    Thread caller = Thread.currentThread();
    boolean[] onCaller = new boolean[1];
    assertTrue(lane.runIfIdle(() -> onCaller[0] = Thread.currentThread() == caller && lane.inExecutor()));
    assertTrue(onCaller[0]);
    assertEquals(0, pool.pending(), "nothing went through the pool");
    assertFalse(lane.inExecutor(), "the caller is no longer in the lane afterwards");
  }

  @Test
  void aBusyLaneRefusesAndKeepsTheOrder() {
    lane.execute(() -> ran.add("queued first"));
    assertFalse(lane.runIfIdle(() -> ran.add("never")), "the lane has a task scheduled on the pool");
    lane.runHereOrExecute(() -> ran.add("second"));
    assertEquals(List.of(), ran);
    pool.runAll();
    assertEquals(List.of("queued first", "second"), ran);
  }

  @Test
  void tasksSubmittedDuringAnInlineRunGoToThePoolAfterIt() {
    lane.runHereOrExecute(() -> {
      ran.add("inline");
      lane.execute(() -> ran.add("submitted from inside"));
      assertFalse(lane.runIfIdle(() -> ran.add("nested")), "never nested in itself");
      ran.add("inline end");
    });
    assertEquals(List.of("inline", "inline end"), ran);
    assertEquals(1, pool.pending(), "the rest is handed to the pool, the caller is released");
    pool.runAll();
    assertEquals(List.of("inline", "inline end", "submitted from inside"), ran);
    assertTrue(lane.runIfIdle(() -> ran.add("idle again")));
  }

  @Test
  void aLaneTaskNeverRunsAnotherLaneInline() {
    SerialExecutor other = new SerialExecutor(pool, "other lane");
    lane.runHereOrExecute(() -> other.runHereOrExecute(() -> ran.add("other")));
    assertEquals(List.of(), ran, "lanes do not nest: the other lane's task is queued");
    pool.runAll();
    assertEquals(List.of("other"), ran);
  }

  @Test
  void aFailingInlineTaskReleasesTheLane() {
    assertTrue(lane.runIfIdle(() -> {
      throw new IllegalStateException("boom (expected in this test)");
    }));
    assertTrue(lane.runIfIdle(() -> ran.add("after the failure")));
    assertEquals(List.of("after the failure"), ran);
  }
}
