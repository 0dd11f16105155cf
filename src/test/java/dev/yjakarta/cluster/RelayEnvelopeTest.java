package dev.yjakarta.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RelayEnvelopeTest {

  private static byte[] bytes(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void encodesTheStep1OnLoadExactlyAsExtensionRedisDoes() {
    // captured with MONITOR from extension-redis 4.7: PUBLISH hp:doc1 "\x01A\x04doc1\x00\x00\x01\x00"
    byte[] payload = RelayEnvelope.encode("A", RelayFrame.step1("doc1", new byte[] {0}));
    assertArrayEquals(bytes("\u0001A\u0004doc1\u0000\u0000\u0001\u0000"), payload);
  }

  @Test
  void encodesQueryAwarenessStatelessAndEmptyAwarenessLikeTheCapture() {
    assertArrayEquals(bytes("\u0001A\u0004doc1\u0003"), RelayEnvelope.encode("A", RelayFrame.queryAwareness("doc1")));
    assertArrayEquals(bytes("\u0001A\u0004doc1\u0006\u0001S"),
        RelayEnvelope.encode("A", RelayFrame.broadcastStateless("doc1", "S")));
    assertArrayEquals(bytes("\u0001A\u0004doc1\u0001\u0001\u0000"),
        RelayEnvelope.encode("A", RelayFrame.awareness("doc1", new byte[] {0})));
    assertArrayEquals(bytes("\u0001A\u0004doc1\u0004\u0000\u0001\u0000"),
        RelayEnvelope.encode("A", RelayFrame.replyStep1("doc1", new byte[] {0})));
    assertArrayEquals(bytes("\u0001B\u0004doc1\u0000\u0001\u0002\u0000\u0000"),
        RelayEnvelope.encode("B", RelayFrame.step2("doc1", new byte[] {0, 0})));
  }

  @Test
  void decodesTheIdentifierAndTheFrame() {
    byte[] frame = RelayFrame.update("Ünïcödé doc", new byte[] {1, 2, 3});
    RelayEnvelope e = RelayEnvelope.decode(RelayEnvelope.encode("host-é", frame));
    assertEquals("host-é", e.identifier());
    assertArrayEquals(frame, e.frame());
    RelayFrame f = RelayFrame.parse(e.frame());
    assertEquals("Ünïcödé doc", f.documentName());
    assertEquals(RelayFrame.Kind.UPDATE, f.kind());
    assertArrayEquals(new byte[] {1, 2, 3}, f.data());
  }

  @Test
  void recognisesOwnPayloadsByTheirPrefix() {
    byte[] prefix = RelayEnvelope.prefixFor("A");
    assertTrue(RelayEnvelope.isFrom(prefix, RelayEnvelope.encode("A", RelayFrame.queryAwareness("d"))));
    assertFalse(RelayEnvelope.isFrom(prefix, RelayEnvelope.encode("AB", RelayFrame.queryAwareness("d"))));
    assertFalse(RelayEnvelope.isFrom(prefix, new byte[0]));
  }

  @Test
  void acceptsIdentifiersUpTo255Utf8Bytes() {
    String max = "x".repeat(255);
    assertEquals(max, RelayEnvelope.decode(RelayEnvelope.encode(max, new byte[] {0, 3})).identifier());
    assertThrows(IllegalArgumentException.class, () -> RelayEnvelope.prefixFor("x".repeat(256)));
    assertThrows(IllegalArgumentException.class, () -> RelayEnvelope.prefixFor(""));
  }

  @Test
  void rejectsPayloadsShorterThanTheirIdentifier() {
    assertThrows(RelayFormatException.class, () -> RelayEnvelope.decode(new byte[] {5, 'a', 'b'}));
    assertThrows(RelayFormatException.class, () -> RelayEnvelope.decode(new byte[0]));
  }

  @Test
  void tellsSyncReplyStep1FromStep1AndRejectsUnknownSyncTypes() {
    assertEquals(RelayFrame.Kind.STEP1, RelayFrame.parse(RelayFrame.step1("d", new byte[] {0})).kind());
    assertEquals(RelayFrame.Kind.REPLY_STEP1, RelayFrame.parse(RelayFrame.replyStep1("d", new byte[] {0})).kind());
    assertEquals(RelayFrame.Kind.STEP2, RelayFrame.parse(RelayFrame.step2("d", new byte[] {0, 0})).kind());
    assertEquals(RelayFrame.Kind.BROADCAST_STATELESS,
        RelayFrame.parse(RelayFrame.broadcastStateless("d", "{\"a\":1}")).kind());
    assertEquals("{\"a\":1}", RelayFrame.parse(RelayFrame.broadcastStateless("d", "{\"a\":1}")).text());
    assertEquals(RelayFrame.Kind.OTHER, RelayFrame.parse(new byte[] {1, 'd', 8, 1}).kind());
    assertThrows(RelayFormatException.class, () -> RelayFrame.parse(new byte[] {1, 'd', 0, 7, 0}));
    assertThrows(RelayFormatException.class, () -> RelayFrame.parse(new byte[] {1, 'd', 0, 2, 9, 1}));
    assertThrows(RelayFormatException.class, () -> RelayFrame.parse(new byte[] {4, 'd'}));
  }
}
