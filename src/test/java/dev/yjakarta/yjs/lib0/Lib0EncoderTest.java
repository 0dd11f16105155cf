package dev.yjakarta.yjs.lib0;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Lib0EncoderTest {
  private static String hex(Lib0Encoder e) {
    return HexFormat.of().formatHex(e.toByteArray());
  }

  @Test
  void writesVarUintInLittleEndianSevenBitGroups() {
    assertEquals("00", hex(new Lib0Encoder().writeVarUint(0)));
    assertEquals("8001", hex(new Lib0Encoder().writeVarUint(128)));
    assertEquals("ffffffff0f", hex(new Lib0Encoder().writeVarUint(0xffffffffL)));
  }

  @Test
  void writesNegativeZeroVarIntWithItsSignBit() {
    assertEquals("40", hex(new Lib0Encoder().writeVarInt(true, 0)));
    assertEquals("00", hex(new Lib0Encoder().writeVarInt(0)));
    assertEquals("c001", hex(new Lib0Encoder().writeVarInt(-64)));
  }

  @Test
  void writesLoneSurrogatesAsReplacementCharacterBytes() {
    assertEquals("03efbfbd", hex(new Lib0Encoder().writeVarString("\uD83D")));
    assertEquals("04f09f9880", hex(new Lib0Encoder().writeVarString("😀")));
  }

  @Test
  void writesFixedWidthNumbersBigEndian() {
    assertEquals("3fc00000", hex(new Lib0Encoder().writeFloat32(1.5f)));
    assertEquals("7ff8000000000000", hex(new Lib0Encoder().writeFloat64(Double.NaN)));
    assertEquals("000000000000000a", hex(new Lib0Encoder().writeBigInt64(10)));
  }

  @Test
  void growsPastItsInitialCapacityAndCanBeReset() {
    Lib0Encoder e = new Lib0Encoder(16);
    for (int i = 0; i < 1000; i++) {
      e.writeUint8(i);
    }
    assertEquals(1000, e.length());
    e.reset();
    assertEquals("", hex(e));
  }

  @Test
  void rejectsNegativeVarUint() {
    assertThrows(IllegalArgumentException.class, () -> new Lib0Encoder().writeVarUint(-1));
  }
}
