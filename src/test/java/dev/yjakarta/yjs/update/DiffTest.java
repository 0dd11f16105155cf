package dev.yjakarta.yjs.update;

import static dev.yjakarta.yjs.update.TestUpdates.of;
import static dev.yjakarta.yjs.update.TestUpdates.structs;
import static dev.yjakarta.yjs.update.TestUpdates.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.yjakarta.yjs.Updates;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffTest {
  @Test
  void writesTheFirstNewStructFromTheStateVectorWithItsOriginRewritten() {
    byte[] u = of(text(9, 0, null, "hello"));
    List<Struct> diff = structs(Updates.diff(u, HexFormat.of().parseHex("010903")));
    assertEquals(List.of(text(9, 3, new Id(9, 2), "lo")), diff);
  }

  @Test
  void leavesOutWhatThePeerHasAndKeepsTheWholeDeleteSet() {
    DeleteSet ds = new DeleteSet();
    ds.add(9, 0, 1);
    byte[] u = of(ds, text(9, 0, null, "ab"));
    byte[] diff = Updates.diff(u, HexFormat.of().parseHex("010902"));
    assertEquals("00" + "0109010001", HexFormat.of().formatHex(diff));
  }

  @Test
  void dropsALeadingSkip() {
    byte[] u = of(new Skip(9, 0, 2), text(9, 2, new Id(9, 1), "c"));
    assertEquals(List.of(text(9, 2, new Id(9, 1), "c")), structs(Updates.diff(u, Updates.EMPTY_STATE_VECTOR)));
  }
}
