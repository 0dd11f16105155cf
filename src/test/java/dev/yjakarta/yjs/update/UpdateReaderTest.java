package dev.yjakarta.yjs.update;

import static dev.yjakarta.yjs.update.TestUpdates.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.yjakarta.yjs.YjsFormatException;
import dev.yjakarta.yjs.YjsLimits;
import dev.yjakarta.yjs.lib0.Any;
import dev.yjakarta.yjs.lib0.Lib0Encoder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdateReaderTest {
  /** One struct for client 1 at clock 0 whose info byte and payload the test writes. */
  private static byte[] oneStruct(int info, java.util.function.Consumer<Lib0Encoder> payload) {
    Lib0Encoder e = new Lib0Encoder();
    e.writeVarUint(1).writeVarUint(1).writeVarUint(1).writeVarUint(0).writeUint8(info);
    payload.accept(e);
    e.writeVarUint(0);
    return e.toByteArray();
  }

  private static DecodedUpdate read(byte[] u) {
    return UpdateReader.readV1(u, YjsLimits.DEFAULT);
  }

  @Test
  void rejectsAnUnknownContentRef() {
    byte[] u = oneStruct(11, e -> e.writeVarUint(1).writeVarString("t"));
    assertThrows(YjsFormatException.class, () -> read(u));
  }

  @Test
  void rejectsATypeRefAboveXmlText() {
    byte[] u = oneStruct(7, e -> e.writeVarUint(1).writeVarString("t").writeVarUint(7));
    assertThrows(YjsFormatException.class, () -> read(u));
  }

  @Test
  void rejectsAZeroLengthStruct() {
    assertThrows(YjsFormatException.class, () -> read(oneStruct(0, e -> e.writeVarUint(0))));
  }

  @Test
  void rejectsAClientIdAboveThirtyTwoBits() {
    Lib0Encoder e = new Lib0Encoder();
    e.writeVarUint(1).writeVarUint(1).writeVarUint(1L << 32).writeVarUint(0).writeUint8(0).writeVarUint(1).writeVarUint(0);
    assertThrows(YjsFormatException.class, () -> read(e.toByteArray()));
  }

  @Test
  void rejectsAnOriginAtALaterClockOfTheSameClient() {
    byte[] u = TestUpdates.of(text(1, 3, new Id(1, 3), "x"));
    assertThrows(YjsFormatException.class, () -> read(u));
  }

  @Test
  void rejectsMoreStructsThanTheLimit() {
    byte[] u = TestUpdates.of(text(1, 0, null, "a"), text(1, 1, new Id(1, 0), "b"));
    assertThrows(YjsFormatException.class, () -> UpdateReader.readV1(u, new YjsLimits(1000, 1, 8)));
  }

  @Test
  void rejectsInvalidJsonInAnEmbed() {
    byte[] u = oneStruct(5, e -> e.writeVarUint(1).writeVarString("t").writeVarString("{bad"));
    assertThrows(YjsFormatException.class, () -> read(u));
  }

  @Test
  void readsJsonPayloadsAsJsWouldWriteThemBack() {
    byte[] u = oneStruct(5, e -> e.writeVarUint(1).writeVarString("t").writeVarString("{ \"b\" : 1.0, \"1\": 2e0 }"));
    Item item = (Item) read(u).groups().get(0).structs().get(0);
    assertEquals(new Content.Embed("{\"1\":2,\"b\":1}"), item.content());
  }

  @Test
  void dropsParentInformationOfAnItemWithAnOrigin() {
    // origin set and the parentSub flag set: yjs reads no parent and no key
    byte[] u = TestUpdates.of(new Item(2, 0, new Id(1, 0), null, null, null, "key", new Content.Str("v")));
    Item item = (Item) read(u).groups().get(0).structs().get(0);
    assertNull(item.parentSub());
  }

  @Test
  void normalisesSubDocumentOptionsLikeYjs() {
    Map<String, Object> opts = new LinkedHashMap<>();
    opts.put("meta", "m");
    opts.put("gc", 0.0);
    opts.put("autoLoad", "yes");
    opts.put("shouldLoad", true);
    Map<String, Object> out = UpdateReader.docOpts(opts);
    assertEquals(java.util.List.of("gc", "autoLoad", "meta"), java.util.List.copyOf(out.keySet()));
    assertEquals(Map.of(), UpdateReader.docOpts(java.util.List.of(1.0)));
    assertThrows(YjsFormatException.class, () -> UpdateReader.docOpts(Any.UNDEFINED));
  }
}
