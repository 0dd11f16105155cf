package dev.yjakarta.yjs.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.yjakarta.yjs.Updates;
import dev.yjakarta.yjs.YjsFormatException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateVectorTest {
  @Test
  void keepsTheLastClockOfARepeatedClient() {
    assertEquals(Map.of(1L, 7L), StateVector.decode(HexFormat.of().parseHex("0201030107")));
  }

  @Test
  void encodesClientsInDescendingOrder() {
    Map<Long, Long> sv = new LinkedHashMap<>();
    sv.put(1L, 2L);
    sv.put(0xffffffffL, 1L);
    assertEquals("02ffffffff0f010102", HexFormat.of().formatHex(StateVector.encode(sv)));
  }

  @Test
  void rejectsATruncatedStateVector() {
    assertThrows(YjsFormatException.class, () -> StateVector.decode(HexFormat.of().parseHex("0201")));
  }

  @Test
  void stopsCountingAtTheFirstSkip() {
    byte[] u =
        Updates.merge(
            List.of(TestUpdates.of(TestUpdates.text(4, 0, null, "ab")), TestUpdates.of(TestUpdates.text(4, 5, new Id(4, 4), "x"))));
    assertEquals(Map.of(4L, 2L), StateVector.decode(Updates.stateVector(u)));
  }

  @Test
  void leavesOutAClientThatDoesNotStartAtZero() {
    byte[] u = TestUpdates.of(TestUpdates.text(4, 3, new Id(4, 2), "x"));
    assertEquals("00", HexFormat.of().formatHex(Updates.stateVector(u)));
  }
}
