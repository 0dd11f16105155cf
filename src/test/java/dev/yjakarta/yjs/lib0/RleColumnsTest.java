package dev.yjakarta.yjs.lib0;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.yjakarta.yjs.YjsFormatException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RleColumnsTest {
  private static byte[] b(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  @Test
  void uint8RleRepeatsItsLastValueForever() {
    RleColumns.Uint8Rle r = new RleColumns.Uint8Rle(b("07010a"));
    assertEquals(7, r.read());
    assertEquals(7, r.read());
    for (int i = 0; i < 100; i++) {
      assertEquals(10, r.read());
    }
  }

  @Test
  void uintOptRleReadsSingleValuesAndRunsIncludingAZeroRun() {
    // 5 once, then 0 three times (written -0 = 40, count-2 = 1)
    RleColumns.UintOptRle r = new RleColumns.UintOptRle(b("054001"));
    assertEquals(5, r.read());
    assertEquals(0, r.read());
    assertEquals(0, r.read());
    assertEquals(0, r.read());
    assertThrows(YjsFormatException.class, r::read);
  }

  @Test
  void intDiffOptRleAddsDifferences() {
    // diff 1 with a run of 3 (1*2+1 = 3, count-2 = 1), then diff -2 once (-4)
    RleColumns.IntDiffOptRle r = new RleColumns.IntDiffOptRle(b("030144"));
    assertEquals(1, r.read());
    assertEquals(2, r.read());
    assertEquals(3, r.read());
    assertEquals(1, r.read());
  }

  @Test
  void stringsAreSplitByUtf16LengthsEvenInsideASurrogatePair() {
    // "a😀" (5 UTF-8 bytes) with lengths 1, 1, 1
    RleColumns.Strings s = new RleColumns.Strings(b("0561f09f98804101"));
    assertEquals("a", s.read());
    assertEquals("\uD83D", s.read());
    assertEquals("\uDE00", s.read());
    assertThrows(YjsFormatException.class, s::read);
  }
}
