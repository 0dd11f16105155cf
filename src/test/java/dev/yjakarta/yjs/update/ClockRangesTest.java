package dev.yjakarta.yjs.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClockRangesTest {
  @Test
  void joinsTouchingAndOverlappingRanges() {
    ClockRanges r = new ClockRanges();
    assertTrue(r.add(1, 5, 5));
    assertTrue(r.add(1, 0, 5));
    assertFalse(r.add(1, 2, 3));
    assertTrue(r.allContiguousFromZero());
    assertEquals(10, r.contiguousEnd(1));
  }

  @Test
  void coversOnlyWhatWasAdded() {
    ClockRanges r = new ClockRanges();
    r.add(1, 0, 2);
    r.add(1, 4, 2);
    assertTrue(r.covers(1, 4, 2));
    assertFalse(r.covers(1, 1, 4));
    assertFalse(r.allContiguousFromZero());
    assertEquals(2, r.contiguousEnd(1));
    assertEquals(0, r.contiguousEnd(2));
  }
}
