package dev.yjakarta.yjs.lib0;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.yjs.YjsFormatException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnyTest {
  private static String write(Object v) {
    Lib0Encoder e = new Lib0Encoder();
    Any.write(e, v);
    return HexFormat.of().formatHex(e.toByteArray());
  }

  private static Object read(String hex) {
    return Any.read(new Lib0Decoder(HexFormat.of().parseHex(hex)), 8);
  }

  @Test
  void choosesTheNumberTagFromTheValueLikeJs() {
    assertEquals("7d03", write(3.0));
    assertEquals("7d40", write(-0.0));
    assertEquals("7c4f000000", write(2147483648.0));
    assertEquals("7c3fc00000", write(1.5));
    assertEquals("7b3fb999999999999a", write(0.1));
    assertEquals("7b7ff8000000000000", write(Double.NaN));
    assertEquals("7c7f800000", write(Double.POSITIVE_INFINITY));
  }

  @Test
  void rewritesAFloatHoldingAnIntegerAsAnInteger() {
    assertEquals("7d03", write(read("7b4008000000000000")));
  }

  @Test
  void readsTheNegativeZeroInteger() {
    Object v = read("7d40");
    assertEquals(-0.0, (Double) v);
    assertTrue(1 / (Double) v < 0);
  }

  @Test
  void ordersIntegerLikeKeysFirstAsObjectKeysDoes() {
    // {"b":1,"10":2,"2":3,"01":4} is read in JS key order: 2, 10, b, 01
    String hex = "7604" + "0162" + "7d01" + "023130" + "7d02" + "0132" + "7d03" + "023031" + "7d04";
    Map<?, ?> m = (Map<?, ?>) read(hex);
    assertEquals(List.of("2", "10", "b", "01"), List.copyOf(m.keySet()));
  }

  @Test
  void dropsTheProtoKeyAsAJsObjectAssignmentDoes() {
    Map<?, ?> m = (Map<?, ?>) read("7601095f5f70726f746f5f5f7e");
    assertTrue(m.isEmpty());
  }

  @Test
  void keepsTheFirstPositionAndLastValueOfARepeatedKey() {
    Map<?, ?> m = (Map<?, ?>) read("7603" + "0161" + "7d01" + "0162" + "7d02" + "0161" + "7d03");
    assertEquals(Map.of("a", 3.0, "b", 2.0), m);
    assertEquals("a", m.keySet().iterator().next());
  }

  @Test
  void rejectsAnUnknownTag() {
    assertThrows(YjsFormatException.class, () -> read("73"));
  }

  @Test
  void rejectsNestingDeeperThanTheLimit() {
    assertThrows(YjsFormatException.class, () -> read("7501".repeat(9) + "7e"));
  }

  @Test
  void rejectsAContainerCountPastTheEnd() {
    assertThrows(YjsFormatException.class, () -> read("75ffffffff0f7e"));
  }

  @Test
  void writesObjectsAndBytesRoundTrip() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("x", List.of(Any.UNDEFINED, true, new byte[] {1}));
    m.put("big", new Any.BigInt64(-5));
    Object back = read(write(m));
    assertTrue(Any.equal(m, back));
    assertFalse(Any.truthy(0.0));
    assertFalse(Any.truthy(""));
    assertTrue(Any.truthy(List.of()));
  }
}
