package dev.yjakarta.yjs.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.yjs.lib0.Lib0Decoder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeleteSetTest {
  private static String ranges(DeleteSet ds, long client) {
    StringBuilder sb = new StringBuilder();
    for (long[] r : ds.ranges(client)) {
      sb.append('[').append(r[0]).append(',').append(r[1]).append(']');
    }
    return sb.toString();
  }

  @Test
  void sortsAndJoinsTouchingRanges() {
    DeleteSet ds = new DeleteSet();
    ds.add(1, 5, 2);
    ds.add(1, 0, 3);
    ds.add(1, 3, 2);
    ds.add(1, 10, 1);
    assertEquals("[0,7][10,1]", ranges(ds.sortAndMerge(), 1));
    assertTrue(ds.isDeleted(1, 6));
    assertFalse(ds.isDeleted(1, 7));
  }

  @Test
  void mergesTheUnionOfSeveralSets() {
    DeleteSet a = new DeleteSet();
    a.add(1, 0, 1);
    DeleteSet b = new DeleteSet();
    b.add(1, 1, 1);
    b.add(2, 4, 4);
    DeleteSet m = DeleteSet.merge(List.of(a, b));
    assertEquals("[0,2]", ranges(m, 1));
    assertEquals("[4,4]", ranges(m, 2));
    assertEquals("[0,1]", ranges(a, 1), "inputs are not modified");
  }

  @Test
  void writesClientsInDescendingOrder() {
    DeleteSet ds = new DeleteSet();
    ds.add(1, 0, 1);
    ds.add(3, 2, 1);
    UpdateEncoderV1 e = new UpdateEncoderV1();
    ds.write(e);
    assertEquals("02" + "03010201" + "01010001", HexFormat.of().formatHex(e.toByteArray()));
  }

  @Test
  void dropsClientsWithoutRangesWhenRead() {
    byte[] b = HexFormat.of().parseHex("02" + "0500" + "01010001");
    DeleteSet ds = DeleteSet.read(new UpdateDecoderV1(new Lib0Decoder(b), 8), new Budget(100));
    assertEquals(List.of(1L), ds.clients());
  }

  @Test
  void comparesLikeEqualDeleteSets() {
    DeleteSet a = new DeleteSet();
    a.add(1, 0, 2);
    DeleteSet b = a.copy();
    assertTrue(a.sameAs(b));
    b.add(1, 5, 1);
    assertFalse(a.sameAs(b));
  }
}
