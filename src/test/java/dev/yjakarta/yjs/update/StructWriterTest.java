package dev.yjakarta.yjs.update;

import static dev.yjakarta.yjs.update.TestUpdates.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class StructWriterTest {
  @Test
  void groupsConsecutiveStructsOfOneClientAndCountsThem() {
    UpdateEncoderV1 e = new UpdateEncoderV1();
    StructWriter w = new StructWriter(e);
    w.write(new Gc(5, 0, 2), 0);
    w.write(new Gc(5, 2, 1), 0);
    w.write(new Gc(3, 0, 1), 0);
    w.finish();
    assertEquals("02" + "02050000020001" + "0103000001", HexFormat.of().formatHex(e.toByteArray()));
  }

  @Test
  void writesAnOffsetItemWithItsOriginAtTheUnitBefore() {
    UpdateEncoderV1 e = new UpdateEncoderV1();
    StructWriter w = new StructWriter(e);
    w.write(text(5, 0, null, "abc"), 2);
    w.finish();
    // one group, one struct, client 5 from clock 2: info 0x84, origin 5:1, "c"
    assertEquals("0101050284050101" + "63", HexFormat.of().formatHex(e.toByteArray()));
  }
}
