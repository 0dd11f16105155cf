package dev.yjakarta.yjs;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class YjsLimitsTest {
  @Test
  void rejectsLimitsThatWouldRefuseEveryUpdate() {
    assertThrows(IllegalArgumentException.class, () -> new YjsLimits(1, 10, 10));
    assertThrows(IllegalArgumentException.class, () -> new YjsLimits(100, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> new YjsLimits(100, 10, 0));
  }

  @Test
  void defaultsAllowLargeDocuments() {
    assertTrue(YjsLimits.DEFAULT.maxUpdateBytes() >= 1 << 20);
  }
}
