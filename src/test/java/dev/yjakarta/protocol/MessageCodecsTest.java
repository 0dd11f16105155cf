package dev.yjakarta.protocol;

import static dev.yjakarta.protocol.Hex.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.yjakarta.protocol.AuthMessages.Token;
import dev.yjakarta.protocol.SyncMessages.Step;
import dev.yjakarta.protocol.SyncMessages.Sync;
import dev.yjakarta.yjs.lib0.Lib0Decoder;
import org.junit.jupiter.api.Test;

/** Every frame of the captured 4.7.0 server / 4.8.0 provider traces (protocol.md 1.11, 1.12). */
class MessageCodecsTest {
  private static final String DOC1 = "04 64 6f 63 31";

  private static Lib0Decoder payloadOf(byte[] frame, MessageType expected) {
    Frame f = Frame.parse(frame);
    assertEquals(expected, f.type());
    Lib0Decoder d = f.body();
    d.readVarUint();
    return d;
  }

  @Test
  void readsTheV4TokenFrameWithProviderVersion() {
    byte[] frame = bytes(DOC1 + " 02 00 05 74 6f 6b 65 6e 05 34 2e 38 2e 30");
    assertEquals("doc1", Frame.parse(frame).key().documentName());
    var msg = AuthMessages.read(payloadOf(frame, MessageType.AUTH));
    assertEquals(new Token("token", "4.8.0"), msg);
    assertArrayEquals(frame, AuthMessages.token("doc1", "token", "4.8.0"));
  }

  @Test
  void readsTheV3TokenFrameWithoutVersion() {
    byte[] frame = bytes(DOC1 + " 02 00 05 74 6f 6b 65 6e");
    assertEquals(new Token("token", null), AuthMessages.read(payloadOf(frame, MessageType.AUTH)));
    assertEquals(new Token("", null), AuthMessages.read(payloadOf(bytes(DOC1 + " 02 00 00"), MessageType.AUTH)));
  }

  @Test
  void writesAuthenticatedWithEitherScope() {
    assertArrayEquals(bytes(DOC1 + " 02 02 0a 72 65 61 64 2d 77 72 69 74 65"),
        AuthMessages.authenticated("doc1", false));
    assertArrayEquals(bytes(DOC1 + " 02 02 08 'readonly'"), AuthMessages.authenticated("doc1", true));
  }

  @Test
  void writesPermissionDeniedAndTokenRequest() {
    assertArrayEquals(bytes(DOC1 + " 02 01 11 'permission-denied'"),
        AuthMessages.permissionDenied("doc1", "permission-denied"));
    assertArrayEquals(bytes(DOC1 + " 02 00"), AuthMessages.requestToken("doc1"));
  }

  @Test
  void rejectsATruncatedTokenWithResetConnection() {
    byte[] frame = bytes(DOC1 + " 02 00 05 74 6f");
    ProtocolException e = assertThrows(ProtocolException.class,
        () -> AuthMessages.read(payloadOf(frame, MessageType.AUTH)));
    assertEquals(CloseCode.RESET_CONNECTION, e.closeCode());
  }

  @Test
  void readsAndWritesSyncStep1OfAnEmptyDocument() {
    byte[] frame = bytes(DOC1 + " 00 00 01 00");
    Sync sync = SyncMessages.read(payloadOf(frame, MessageType.SYNC));
    assertEquals(Step.STEP1, sync.step());
    assertArrayEquals(new byte[] {0}, sync.data());
    assertArrayEquals(frame, SyncMessages.step1("doc1", new byte[] {0}));
  }

  @Test
  void writesTheStateVectorOfAnExistingDocument() {
    byte[] sv = bytes("01 87eef2ea01 01");
    assertArrayEquals(bytes(DOC1 + " 00 00 07 01 87eef2ea01 01"), SyncMessages.step1("doc1", sv));
  }

  @Test
  void readsAndWritesStep2AndUpdate() {
    byte[] step2 = bytes(DOC1 + " 00 01 02 00 00");
    Sync s = SyncMessages.read(payloadOf(step2, MessageType.SYNC));
    assertEquals(Step.STEP2, s.step());
    assertArrayEquals(new byte[] {0, 0}, s.data());
    assertArrayEquals(step2, SyncMessages.step2("doc1", new byte[] {0, 0}));
    byte[] update = new byte[18];
    update[0] = 1;
    byte[] frame = SyncMessages.update("doc1", update);
    assertEquals(DOC1 + " 00 02 12", Hex.of(frame).substring(0, 23));
    Sync u = SyncMessages.read(payloadOf(frame, MessageType.SYNC));
    assertEquals(Step.UPDATE, u.step());
    assertArrayEquals(update, u.data());
  }

  @Test
  void rejectsAnUnknownSyncTypeWithResetConnection() {
    ProtocolException e = assertThrows(ProtocolException.class,
        () -> SyncMessages.read(payloadOf(bytes(DOC1 + " 00 03 00"), MessageType.SYNC)));
    assertEquals(CloseCode.RESET_CONNECTION, e.closeCode());
  }

  @Test
  void rejectsSyncDataLongerThanTheFrame() {
    ProtocolException e = assertThrows(ProtocolException.class,
        () -> SyncMessages.read(payloadOf(bytes(DOC1 + " 00 02 12 00"), MessageType.SYNC)));
    assertEquals(CloseCode.RESET_CONNECTION, e.closeCode());
  }

  @Test
  void writesTheSyncStatusAcks() {
    assertArrayEquals(bytes(DOC1 + " 08 01"), SyncStatusMessages.syncStatus("doc1", true));
    assertArrayEquals(bytes(DOC1 + " 08 00"), SyncStatusMessages.syncStatus("doc1", false));
  }

  @Test
  void writesCloseAndReadsTheClientsEmptyClose() {
    assertArrayEquals(bytes(DOC1 + " 07 12 'provider_initiated'"),
        CloseMessages.close("doc1", CloseMessages.PROVIDER_INITIATED));
    byte[] client = bytes(DOC1 + " 07");
    assertArrayEquals(client, CloseMessages.clientClose("doc1"));
    assertNull(CloseMessages.read(payloadOf(client, MessageType.CLOSE)));
  }

  @Test
  void readsAndWritesStateless() {
    byte[] frame = bytes("01 65 05 02 68 69");
    assertEquals("hi", StatelessMessages.read(payloadOf(frame, MessageType.STATELESS)));
    assertArrayEquals(frame, StatelessMessages.stateless("e", "hi"));
    assertArrayEquals(bytes("01 65 06 02 68 69"), StatelessMessages.broadcastStateless("e", "hi"));
  }

  @Test
  void writesTheAddressExactlyAsReceivedForSessionKeys() {
    String raw = "d\0wlg6u4fjs8c";
    assertEquals("0d 64 00 77 6c 67", Hex.of(SyncStatusMessages.syncStatus(raw, true)).substring(0, 17));
    assertEquals(raw, Frame.parse(SyncStatusMessages.syncStatus(raw, true)).key().raw());
  }

  @Test
  void readsTheAwarenessFramesOfTheTrace() {
    byte[] first = bytes(DOC1 + " 01 0a 01 e3d3a9e60d 00 02 7b 7d");
    AwarenessUpdate u = AwarenessMessages.read(payloadOf(first, MessageType.AWARENESS));
    assertEquals(1, u.entries().size());
    AwarenessUpdate.Entry e = u.entries().get(0);
    assertEquals(new dev.yjakarta.yjs.lib0.Lib0Decoder(bytes("e3d3a9e60d")).readVarUint(), e.clientId());
    assertEquals(0, e.clock());
    assertEquals("{}", e.state());
    assertArrayEquals(first, AwarenessMessages.awareness("doc1", u));

    byte[] set = bytes(DOC1 + " 01 14 01 e3d3a9e60d 01 0c '{\"user\":\"a\"}'");
    AwarenessUpdate u1 = AwarenessMessages.read(payloadOf(set, MessageType.AWARENESS));
    assertEquals(e.clientId(), u1.entries().get(0).clientId());
    assertEquals(1, u1.entries().get(0).clock());
    assertArrayEquals(set, AwarenessMessages.awareness("doc1", u1));

    byte[] gone = bytes(DOC1 + " 01 0c 01 e3d3a9e60d 02 04 6e 75 6c 6c");
    AwarenessUpdate u2 = AwarenessMessages.read(payloadOf(gone, MessageType.AWARENESS));
    assertEquals(2, u2.entries().get(0).clock());
    assertEquals(true, u2.entries().get(0).removed());
    assertArrayEquals(gone, AwarenessMessages.awareness("doc1", u2));
  }

  @Test
  void rejectsAnAwarenessCountBeyondTheFrame() {
    ProtocolException e = assertThrows(ProtocolException.class,
        () -> AwarenessUpdate.decode(bytes("ff ff 03 01 02")));
    assertEquals(CloseCode.RESET_CONNECTION, e.closeCode());
  }

  @Test
  void rejectsAnAwarenessStateThatIsNotJson() {
    // one client (7), clock 1, state text "{x" — peers would fail in JSON.parse
    ProtocolException e = assertThrows(ProtocolException.class,
        () -> AwarenessUpdate.decode(bytes("01 07 01 02 7b 78")));
    assertEquals(CloseCode.RESET_CONNECTION, e.closeCode());
    // whitespace around valid JSON is accepted, as JSON.parse accepts it
    assertEquals(1, AwarenessUpdate.decode(bytes("01 07 01 04 20 7b 7d 20")).entries().size());
  }

  @Test
  void closesTheSocketWithUnauthorizedWhenTheAddressCannotBeDecoded() {
    for (byte[] bad : new byte[][] {bytes("0a"), bytes("cf a9"), new byte[0], bytes("05 64 6f")}) {
      ProtocolException e = assertThrows(ProtocolException.class, () -> Frame.parse(bad));
      assertEquals(CloseCode.UNAUTHORIZED, e.closeCode());
    }
  }

  @Test
  void reportsAMissingTypeAsUnknown() {
    Frame f = Frame.parse(bytes(DOC1));
    assertEquals(-1, f.typeCode());
    assertNull(f.type());
    assertNull(Frame.parse(bytes(DOC1 + " 0b")).type());
  }

  @Test
  void mapsEveryMessageTypeToItsCode() {
    for (MessageType t : MessageType.values()) {
      assertEquals(t, MessageType.fromCode(t.code()));
    }
    assertEquals(10, MessageType.PONG.code());
    assertInstanceOf(AuthMessages.Other.class, AuthMessages.read(new Lib0Decoder(bytes("02 00"))));
  }

  @Test
  void answersPingOnlyForV4Providers() {
    assertEquals(true, Keepalive.understandsPing("4.8.0"));
    assertEquals(false, Keepalive.understandsPing("3.4.4"));
    assertEquals(false, Keepalive.understandsPing(null));
    assertEquals(true, Keepalive.isPong(bytes("0a")));
    assertArrayEquals(bytes("09"), Keepalive.ping());
  }
}
