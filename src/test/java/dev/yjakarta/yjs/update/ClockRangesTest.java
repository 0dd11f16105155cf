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

  /** Against a plain set of units: random adds in and out of order, every query after each. */
  @Test
  void answersLikeASetOfUnitsForRandomAdds() {
    java.util.Random random = new java.util.Random(3);
    for (int round = 0; round < 400; round++) {
      ClockRanges ranges = new ClockRanges();
      int clients = 1 + random.nextInt(3);
      boolean[][] units = new boolean[clients][80];
      for (int op = 0; op < 60; op++) {
        int c = random.nextInt(clients);
        int clock = random.nextInt(70);
        int len = random.nextInt(6);
        if (random.nextInt(3) > 0) {
          // mostly in order: right at or near the end of what the client has
          int end = 0;
          for (int k = 0; k < 80; k++) {
            if (units[c][k]) {
              end = k + 1;
            }
          }
          clock = Math.max(0, Math.min(70, end + random.nextInt(3) - 1));
        }
        boolean fresh = false;
        for (int k = clock; k < clock + len; k++) {
          fresh |= !units[c][k];
          units[c][k] = true;
        }
        assertEquals(fresh, ranges.add(c * 1000L + 5, clock, len), "add " + c + " " + clock + "+" + len);
        boolean allContiguous = true;
        for (int cl = 0; cl < clients; cl++) {
          long id = cl * 1000L + 5;
          int contiguous = 0;
          while (contiguous < 80 && units[cl][contiguous]) {
            contiguous++;
          }
          boolean any = false;
          boolean gapAfter = false;
          for (int k = 0; k < 80; k++) {
            any |= units[cl][k];
            gapAfter |= k > contiguous && units[cl][k];
          }
          if (any && (contiguous == 0 || gapAfter)) {
            allContiguous = false;
          }
          assertEquals(contiguous, ranges.contiguousEnd(id), "contiguous end of " + cl);
          for (int q = 0; q < 75; q++) {
            for (int ql = 0; ql < 4; ql++) {
              boolean all = true;
              for (int k = q; k < q + ql; k++) {
                all &= units[cl][k];
              }
              assertEquals(all, ranges.covers(id, q, ql), "covers " + cl + " " + q + "+" + ql);
            }
            long[] touching = ranges.rangeTouching(id, q);
            boolean holdsOrEnds = units[cl][q] || (q > 0 && units[cl][q - 1]);
            if (!holdsOrEnds) {
              assertEquals(null, touching, "touching " + cl + " " + q);
            } else {
              int from = units[cl][q] ? q : q - 1;
              while (from > 0 && units[cl][from - 1]) {
                from--;
              }
              int to = units[cl][q] ? q : q - 1;
              while (to < 79 && units[cl][to + 1]) {
                to++;
              }
              assertEquals(from + "-" + (to + 1), touching[0] + "-" + touching[1], "touching " + cl + " " + q);
            }
          }
        }
        assertEquals(allContiguous, ranges.allContiguousFromZero(), "all contiguous");
      }
    }
  }
}
