package dev.yjakarta.yjs.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentTest {
  private static String written(Content c, long offset) {
    UpdateEncoderV1 e = new UpdateEncoderV1();
    c.write(e, offset);
    return HexFormat.of().formatHex(e.toByteArray());
  }

  @Test
  void measuresStringsInUtf16CodeUnits() {
    assertEquals(3, new Content.Str("a😀").length());
  }

  @Test
  void writesAStringFromAnOffsetInsideASurrogatePairAsAReplacementCharacter() {
    assertEquals("03efbfbd", written(new Content.Str("😀"), 1));
  }

  @Test
  void splitsDeletedJsonAndAnyContent() {
    assertEquals(new Content.Deleted(3), new Content.Deleted(5).spliceRight(2));
    assertEquals(new Content.Json(List.of("2")), new Content.Json(List.of("1", "2")).spliceRight(1));
    assertEquals(new Content.AnyValues(List.of(2.0)), new Content.AnyValues(List.of(1.0, 2.0)).spliceRight(1));
  }

  @Test
  void refusesToSplitSingleUnitContent() {
    assertThrows(IllegalStateException.class, () -> new Content.Embed("{}").spliceRight(1));
  }

  @Test
  void writesTheNameOnlyForXmlElementsAndHooks() {
    assertEquals("03016e", written(new Content.Type(Content.Type.XML_ELEMENT, "n"), 0));
    assertEquals("02", written(new Content.Type(Content.Type.TEXT, null), 0));
  }

  @Test
  void countsOnlyVisibleContent() {
    assertFalse(new Content.Deleted(1).countable());
    assertFalse(new Content.Format("b", "true").countable());
    assertTrue(new Content.Str("x").countable());
  }
}
