package dev.yjakarta.yjs.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.yjakarta.yjs.YjsFormatException;
import dev.yjakarta.yjs.YjsLimits;
import dev.yjakarta.yjs.lib0.Lib0Encoder;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateDecoderV2Test {
  /** A V2 update holding one GC struct of client 7 (length 3) and no deletions. */
  private static byte[] oneGc(boolean withDeleteSet) {
    Lib0Encoder e = new Lib0Encoder();
    e.writeVarUint(0); // feature flag
    e.writeVarUint8Array(new byte[0]); // key clocks
    e.writeVarUint8Array(new byte[] {7}); // clients: 7
    e.writeVarUint8Array(new byte[0]); // left clocks
    e.writeVarUint8Array(new byte[0]); // right clocks
    e.writeVarUint8Array(new byte[] {0}); // info: GC, repeated forever
    e.writeVarUint8Array(new byte[] {0}); // strings: ""
    e.writeVarUint8Array(new byte[0]); // parent info
    e.writeVarUint8Array(new byte[0]); // type refs
    e.writeVarUint8Array(new byte[] {3}); // lengths: 3
    e.writeVarUint(1).writeVarUint(1).writeVarUint(0); // one group, one struct, from clock 0
    if (withDeleteSet) {
      e.writeVarUint(0);
    }
    return e.toByteArray();
  }

  @Test
  void readsStructsFromTheColumns() {
    DecodedUpdate d = UpdateReader.readV2(oneGc(true), YjsLimits.DEFAULT);
    assertEquals(List.of(new Gc(7, 0, 3)), d.groups().get(0).structs());
  }

  @Test
  void rejectsAMissingDeleteSet() {
    assertThrows(YjsFormatException.class, () -> UpdateReader.readV2(oneGc(false), YjsLimits.DEFAULT));
  }

  @Test
  void boundsStructsThatTakeNoBytesByTheLimit() {
    Lib0Encoder e = new Lib0Encoder();
    byte[] head = oneGc(true);
    e.writeRaw(head, 0, head.length - 4);
    e.writeVarUint(1).writeVarUint(1L << 40).writeVarUint(0).writeVarUint(0);
    assertThrows(YjsFormatException.class, () -> UpdateReader.readV2(e.toByteArray(), YjsLimits.DEFAULT));
  }
}
