package dev.yjakarta.yjs.update;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ItemTest {
  private static String written(Struct s, long offset) {
    UpdateEncoderV1 e = new UpdateEncoderV1();
    s.write(e, offset);
    return HexFormat.of().formatHex(e.toByteArray());
  }

  @Test
  void writesTheParentOnlyWhenNeitherOriginIsSet() {
    Item root = new Item(1, 0, null, null, "m", null, "key", new Content.Str("v"));
    assertEquals("24" + "01016d" + "036b6579" + "0176", written(root, 0));
    Item nested = new Item(1, 1, null, null, null, new Id(2, 3), null, new Content.Str("v"));
    assertEquals("04" + "000203" + "0176", written(nested, 0));
  }

  @Test
  void keepsTheParentSubFlagOfASlicedMapItemLikeYjs() {
    Item item = new Item(1, 0, null, null, "m", null, "k", new Content.AnyValues(java.util.List.of(1.0, 2.0)));
    Item right = item.sliceFrom(1);
    assertEquals(new Id(1, 0), right.origin());
    assertEquals("a8" + "0100" + "01" + "7d02", written(right, 0));
  }

  @Test
  void writesGcAndSkipLengthsFromTheOffset() {
    assertEquals("0003", written(new Gc(1, 0, 5), 2));
    assertEquals("0a03", written(new Skip(1, 0, 5), 2));
  }
}
