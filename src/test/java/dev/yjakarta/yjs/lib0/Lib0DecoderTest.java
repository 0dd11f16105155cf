package dev.yjakarta.yjs.lib0;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.yjs.YjsFormatException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Lib0DecoderTest {
  private static Lib0Decoder of(String hex) {
    return new Lib0Decoder(HexFormat.of().parseHex(hex));
  }

  @Test
  void readsVarUintUpToTwoToTheFiftyThree() {
    assertEquals((1L << 53) - 1, of("ffffffffffffff0f").readVarUint());
  }

  @Test
  void rejectsVarUintAboveTwoToTheFiftyThree() {
    assertThrows(YjsFormatException.class, () -> of("ffffffffffffffff7f").readVarUint());
  }

  @Test
  void rejectsTruncatedVarUint() {
    assertThrows(YjsFormatException.class, () -> of("8080").readVarUint());
  }

  @Test
  void reportsTheSignOfNegativeZero() {
    Lib0Decoder d = of("4000");
    assertEquals(0, d.readVarIntSigned());
    assertTrue(d.lastWasNegative());
    d.readVarIntSigned();
    assertTrue(!d.lastWasNegative());
  }

  @Test
  void rejectsStringLengthPastTheEnd() {
    assertThrows(YjsFormatException.class, () -> of("0561").readVarString());
  }

  @Test
  void rejectsMalformedUtf8LikeAFatalTextDecoder() {
    assertThrows(YjsFormatException.class, () -> of("01ff").readVarString());
    assertThrows(YjsFormatException.class, () -> of("02c0af").readVarString()); // overlong
    assertThrows(YjsFormatException.class, () -> of("03eda080").readVarString()); // surrogate
  }

  @Test
  void keepsAByteOrderMark() {
    assertEquals("\uFEFFa", of("04efbbbf61").readVarString());
  }

  @Test
  void rejectsByteArrayLengthPastTheEnd() {
    assertThrows(YjsFormatException.class, () -> of("80808080800101").readVarUint8Array());
  }
}
