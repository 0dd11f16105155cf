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
  void theEndOfTurnTaskRunsInTheLaneOnceItsQueueIsEmpty() {
    lane.beforeIdle(() -> ran.add("end of turn, in lane: " + lane.inExecutor()));
    lane.runIfIdle(() -> ran.add("inline"));
    assertEquals(List.of("inline", "end of turn, in lane: true"), ran);
    ran.clear();
    lane.execute(() -> ran.add("1"));
    lane.execute(() -> {
      ran.add("2");
      lane.execute(() -> ran.add("3, queued by 2"));
    });
    pool.runAll();
    assertEquals(List.of("1", "2", "3, queued by 2", "end of turn, in lane: true"), ran, "one turn");
    ran.clear();
    lane.beforeIdle(() -> {
      if (ran.size() == 1) {
        lane.execute(() -> ran.add("queued by the end of the turn"));
      }
      ran.add("end");
    });
    lane.execute(() -> ran.add("a"));
    pool.runAll();
    assertEquals(List.of("a", "end", "queued by the end of the turn", "end"), ran, "what it queues runs, then a new end");
    assertFalse(lane.inExecutor());
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
