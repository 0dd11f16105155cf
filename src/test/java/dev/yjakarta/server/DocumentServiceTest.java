package dev.yjakarta.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.config.ServerSettings;
import dev.yjakarta.protocol.AuthMessages;
import dev.yjakarta.protocol.CloseCode;
import dev.yjakarta.protocol.CloseMessages;
import dev.yjakarta.protocol.StatelessMessages;
import dev.yjakarta.protocol.SyncMessages;
import dev.yjakarta.protocol.SyncStatusMessages;
import dev.yjakarta.server.api.DirectConnection;
import dev.yjakarta.server.hooks.AuthenticationContext;
import dev.yjakarta.server.hooks.CollabHook;
import dev.yjakarta.server.hooks.HookRejection;
import dev.yjakarta.server.hooks.LoadContext;
import dev.yjakarta.server.hooks.StatelessContext;
import dev.yjakarta.yjs.Hex;
import dev.yjakarta.yjs.YjsVectors;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The protocol as the service speaks it, on a manual pool and clock (no WebSocket). */
class DocumentServiceTest {
  static final byte[] SET_X = HexFormat.of().parseHex("0101b960002801016d0178017d0100");
  static final byte[] INSERT_HI = HexFormat.of().parseHex("01018906000401017402686900");
  static final byte[] EMPTY_SV = {0};

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  static String hexOf(byte[] b) {
    return HexFormat.ofDelimiter(" ").formatHex(b);
  }

  /** A test authenticator: "readonly" → read-only, "bad" → rejected. */
  static final class TokenRules implements CollabHook {
    @Override
    public void onAuthenticate(AuthenticationContext ctx) throws Exception {
      if (ctx.token().equals("bad")) {
        throw new HookRejection("nope");
      }
      ctx.readOnly(ctx.token().equals("readonly"));
    }
  }

  @Test
  void answersTheNewDocumentHandshakeInTheReferenceOrder() {
    ServiceFixture f = new ServiceFixture();
    var s = f.socket();
    s.send(hex("04 64 6f 63 31 02 00 05 74 6f 6b 65 6e 05 34 2e 38 2e 30"),
        hex("04 64 6f 63 31 00 00 01 00"),
        hex("04 64 6f 63 31 01 0a 01 e3d3a9e60d 00 02 7b 7d"));
    assertEquals(List.of(
        "04 64 6f 63 31 02 02 0a 72 65 61 64 2d 77 72 69 74 65",
        "04 64 6f 63 31 00 00 01 00",
        "04 64 6f 63 31 00 01 02 00 00"), s.hex());
    s.send(hex("04 64 6f 63 31 00 01 02 00 00"));
    assertEquals(List.of("04 64 6f 63 31 08 01"), s.hex());
    s.send(SyncMessages.update("doc1", SET_X));
    assertEquals(List.of("04 64 6f 63 31 08 01", hexOf(SyncMessages.update("doc1", SET_X))), s.hex());
    s.send(hex("04 64 6f 63 31 07"));
    assertEquals(List.of(hexOf(CloseMessages.close("doc1", "provider_initiated"))), s.hex());
    assertNull(s.transport.closed);
    assertEquals(0, f.service.documentCount());
  }

  @Test
  void updatesAppliedInOneTurnLeaveAsOneMergedUpdateBeforeLaterBroadcasts() {
    Map<String, Object> v = YjsVectors.ofKind("doc").stream()
        .filter(x -> x.get("name").equals("concurrent-3")).findFirst().orElseThrow();
    List<byte[]> parts = ((List<?>) v.get("parts")).stream().map(h -> Hex.decode((String) h)).toList();
    ServiceFixture f = new ServiceFixture();
    var a = f.socket().send(AuthMessages.token("d", "", null));
    var b = f.socket().send(AuthMessages.token("d", "", null));
    a.hex();
    b.hex();
    Document d = f.service.lifecycle().loaded("d");
    for (byte[] part : parts) { // queued while the document's lane is busy: one turn
      d.executor().execute(() -> d.apply(part, dev.yjakarta.server.api.Origin.RELAY, null));
    }
    d.executor().execute(() -> d.broadcastStateless("after"));
    f.pool.runAll();
    List<String> expected = List.of(hexOf(SyncMessages.update("d", Hex.decode((String) v.get("merged")))),
        hexOf(StatelessMessages.stateless("d", "after")));
    assertEquals(expected, b.hex(), "one Y.mergeUpdates of the turn's " + parts.size() + " updates, then the stateless");
    assertEquals(expected, a.hex());
    // an idle document's update leaves on its own, unmerged
    a.send(SyncMessages.update("d", SET_X));
    assertEquals(List.of(hexOf(SyncMessages.update("d", SET_X))), b.hex());
  }

  @Test
  void sendsTheCurrentAwarenessToAJoiningClient() {
    ServiceFixture f = new ServiceFixture();
    var a = f.socket();
    a.send(AuthMessages.token("d", "", "4.8.0"), hex("01 64 01 0a 01 e3d3a9e60d 01 02 7b 7d"));
    a.hex();
    var b = f.socket();
    b.send(AuthMessages.token("d", "", "4.8.0"));
    assertEquals(List.of(hexOf(AuthMessages.authenticated("d", false)), "01 64 01 0a 01 e3 d3 a9 e6 0d 01 02 7b 7d"),
        b.hex());
    // a's socket goes away: b sees the client removed at its last clock (y-protocols bumps only
    // its own client's clock on removal)
    a.session.closed(1000);
    f.pool.runAll();
    assertEquals(List.of("01 64 01 0c 01 e3 d3 a9 e6 0d 01 04 6e 75 6c 6c"), b.hex());
  }

  @Test
  void dropsAnAwarenessStateThatIsNotRenewedFor30Seconds() {
    ServiceFixture f = new ServiceFixture();
    var a = f.socket();
    var b = f.socket();
    a.send(AuthMessages.token("d", "", null), hex("01 64 01 0a 01 e3d3a9e60d 01 02 7b 7d"));
    b.send(AuthMessages.token("d", "", null));
    f.clock.advance(15_000, f.pool);
    a.send(hex("01 64 01 0a 01 e3d3a9e60d 02 02 7b 7d")); // renewed at 15 s
    a.hex();
    b.hex();
    f.clock.advance(29_000, f.pool);
    assertEquals(List.of(), b.hex());
    f.clock.advance(4_000, f.pool);
    // removed at its last clock: y-protocols' timeout removal bumps no remote client's clock
    assertEquals(List.of("01 64 01 0c 01 e3 d3 a9 e6 0d 02 04 6e 75 6c 6c"), b.hex());
  }

  @Test
  void neverAppliesAReadOnlyClientsEdits() {
    ServiceFixture f = new ServiceFixture(new TokenRules());
    var w = f.socket();
    w.send(AuthMessages.token("d", "", null), SyncMessages.update("d", SET_X));
    w.hex();
    var r = f.socket();
    r.send(AuthMessages.token("d", "readonly", null));
    assertEquals(List.of(hexOf(AuthMessages.authenticated("d", true))), r.hex());
    r.send(SyncMessages.update("d", INSERT_HI));
    assertEquals(List.of(hexOf(SyncStatusMessages.syncStatus("d", false))), r.hex());
    assertEquals(List.of(), w.hex());
    // Step2 that adds nothing is acknowledged, one that adds something is not
    r.send(SyncMessages.step2("d", SET_X));
    assertEquals(List.of(hexOf(SyncStatusMessages.syncStatus("d", true))), r.hex());
    r.send(SyncMessages.step2("d", INSERT_HI));
    assertEquals(List.of(hexOf(SyncStatusMessages.syncStatus("d", false))), r.hex());
    assertEquals(List.of(), w.hex());
    assertArrayEquals(SET_X, f.service.lifecycle().loaded("d").encodeState());
  }

  @Test
  void deniesAuthAndAllowsARetryOnTheSameSocket() {
    ServiceFixture f = new ServiceFixture(new TokenRules());
    var s = f.socket();
    s.send(AuthMessages.token("d", "bad", null), SyncMessages.step1("d", EMPTY_SV));
    assertEquals(List.of(hexOf(AuthMessages.permissionDenied("d", "nope"))), s.hex());
    s.send(AuthMessages.token("d", "good", null), SyncMessages.step1("d", EMPTY_SV));
    List<String> out = s.hex();
    assertEquals(hexOf(AuthMessages.authenticated("d", false)), out.get(0));
    assertEquals(3, out.size());
    assertNull(s.transport.closed);
  }

  @Test
  void appliesTheBuiltInJwtBeforeApplicationHooks() {
    String secret = "0123456789abcdef-secret";
    List<String> seenIdentity = new ArrayList<>();
    CollabHook app = new CollabHook() {
      @Override
      public void onAuthenticate(AuthenticationContext ctx) {
        seenIdentity.add(ctx.identity());
      }
    };
    ServiceFixture f = new ServiceFixture(ServerSettings.defaults().withJwtSecret(secret), null, app);
    var s = f.socket();
    String readonly = dev.yjakarta.server.auth.JwtAuthenticator.mint(secret,
        "{\"sub\":\"ann\",\"scope\":\"readonly\",\"docs\":[\"team/*\"]}");
    s.send(AuthMessages.token("team/a", readonly, "4.8.0"), AuthMessages.token("other", readonly, "4.8.0"),
        AuthMessages.token("x", "not-a-jwt", "4.8.0"));
    assertEquals(List.of(hexOf(AuthMessages.authenticated("team/a", true)),
        hexOf(AuthMessages.permissionDenied("other", "document-not-allowed")),
        hexOf(AuthMessages.permissionDenied("x", "invalid-token"))), s.hex());
    assertEquals(List.of("ann"), seenIdentity);
  }

  @Test
  void isolatesDocumentsOnOneSocket() {
    ServiceFixture f = new ServiceFixture(new TokenRules());
    var s = f.socket();
    s.send(AuthMessages.token("a", "bad", null), AuthMessages.token("b", "readonly", null),
        AuthMessages.token("c", "", null));
    assertEquals(List.of(hexOf(AuthMessages.permissionDenied("a", "nope")),
        hexOf(AuthMessages.authenticated("b", true)), hexOf(AuthMessages.authenticated("c", false))), s.hex());
  }

  @Test
  void treatsTwoSessionKeysOfOneDocumentAsTwoConnections() {
    ServiceFixture f = new ServiceFixture();
    var s = f.socket();
    String k1 = "d\0one";
    String k2 = "d\0two";
    s.send(AuthMessages.token(k1, "", "4.8.0"), AuthMessages.token(k2, "", "4.8.0"));
    assertEquals(List.of(hexOf(AuthMessages.authenticated(k1, false)), hexOf(AuthMessages.authenticated(k2, false))),
        s.hex());
    s.send(SyncMessages.update(k1, SET_X));
    List<String> out = s.hex();
    assertEquals(hexOf(SyncStatusMessages.syncStatus(k1, true)), out.get(0));
    assertEquals(java.util.Set.of(hexOf(SyncMessages.update(k1, SET_X)), hexOf(SyncMessages.update(k2, SET_X))),
        java.util.Set.copyOf(out.subList(1, 3)));
    assertEquals(1, f.service.documentCount());
  }

  @Test
  void closesOnlyTheDocumentOnBroadcastStatelessFromAClient() {
    ServiceFixture f = new ServiceFixture();
    var s = f.socket();
    s.send(AuthMessages.token("a", "", null), AuthMessages.token("b", "", null));
    s.hex();
    s.send(StatelessMessages.broadcastStateless("a", "x"));
    assertEquals(List.of(hexOf(CloseMessages.close("a", "Reset Connection"))), s.hex());
    s.send(SyncMessages.step1("b", EMPTY_SV));
    assertEquals(2, s.hex().size());
    assertNull(s.transport.closed);
  }

  @Test
  void closesTheDocumentOnAnUnknownSyncTypeAndDropsItsQueue() {
    ServiceFixture f = new ServiceFixture();
    var s = f.socket();
    s.send(AuthMessages.token("a", "", null));
    s.hex();
    s.session.receive(hex("01 61 00 07 00"));
    s.session.receive(SyncMessages.update("a", SET_X));
    f.pool.runAll();
    assertEquals(List.of(hexOf(CloseMessages.close("a", "Reset Connection"))), s.hex().subList(0, 1));
    assertNull(s.transport.closed);
  }

  @Test
  void closesTheDocumentOnAMalformedUpdate() {
    ServiceFixture f = new ServiceFixture();
    var s = f.socket();
    s.send(AuthMessages.token("a", "", null), SyncMessages.update("a", hex("05 01 02")));
    List<String> out = s.hex();
    assertEquals(hexOf(CloseMessages.close("a", "Reset Connection")), out.get(out.size() - 1));
  }

  @Test
  void ignoresUnknownTypesAndQueryAwareness() {
    ServiceFixture f = new ServiceFixture();
    var s = f.socket();
    s.send(AuthMessages.token("a", "", null));
    s.hex();
    s.send(hex("01 61 0b"), hex("01 61 03"), hex("01 61 08 01"));
    assertEquals(List.of(), s.hex());
    assertNull(s.transport.closed);
  }

  @Test
  void runsOnStatelessWithoutEchoAndSurvivesAThrowingHook() {
    List<String> seen = new ArrayList<>();
    CollabHook replier = new CollabHook() {
      @Override
      public void onStateless(StatelessContext ctx) throws Exception {
        seen.add(ctx.payload());
        if (ctx.payload().equals("boom")) {
          throw new IllegalStateException("hook bug");
        }
        ctx.connection().sendStateless("reply:" + ctx.payload());
        ctx.document().broadcastStateless("all:" + ctx.payload());
      }
    };
    ServiceFixture f = new ServiceFixture(replier);
    var a = f.socket();
    var b = f.socket();
    a.send(AuthMessages.token("d", "", null));
    b.send(AuthMessages.token("d", "", null));
    a.hex();
    b.hex();
    a.send(StatelessMessages.stateless("d", "boom"));
    assertEquals(List.of(), a.hex());
    a.send(StatelessMessages.stateless("d", "hi"));
    assertEquals(List.of(hexOf(StatelessMessages.stateless("d", "reply:hi")),
        hexOf(StatelessMessages.stateless("d", "all:hi"))), a.hex());
    assertEquals(List.of(hexOf(StatelessMessages.stateless("d", "all:hi"))), b.hex());
    assertEquals(List.of("boom", "hi"), seen);
  }

  @Test
  void refusesEveryWaiterWhenTheLoadFails() {
    CollabHook failing = new CollabHook() {
      @Override
      public void onLoadDocument(LoadContext ctx) throws Exception {
        throw new HookRejection("load-broken");
      }
    };
    ServiceFixture f = new ServiceFixture(failing);
    var a = f.socket();
    var b = f.socket();
    a.session.receive(AuthMessages.token("d", "", null));
    b.session.receive(AuthMessages.token("d", "", null));
    f.pool.runAll();
    String denied = hexOf(AuthMessages.permissionDenied("d", "load-broken"));
    String ok = hexOf(AuthMessages.authenticated("d", false));
    assertEquals(List.of(ok, denied), a.hex());
    assertEquals(List.of(ok, denied), b.hex());
    assertEquals(0, f.service.documentCount());
  }

  @Test
  void neverTurnsAFailedStoreLoadIntoAnEmptyDocument() {
    DocumentStore broken = new DocumentStore() {
      @Override
      public Optional<byte[]> load(String documentName) {
        throw new DocumentStoreException("database down");
      }

      @Override
      public byte[] store(String documentName, byte[] state) {
        throw new AssertionError("must not store");
      }
    };
    ServiceFixture f = new ServiceFixture(ServerSettings.defaults(), broken);
    var s = f.socket();
    s.send(AuthMessages.token("d", "", null), SyncMessages.update("d", SET_X));
    List<String> out = s.hex();
    assertEquals(hexOf(AuthMessages.permissionDenied("d", "permission-denied")), out.get(out.size() - 1));
    assertEquals(0, f.service.documentCount());
    f.clock.advance(60_000, f.pool);
  }

  @Test
  void closesTheSocketWhenThePreAuthFrameLimitIsPassed() {
    ServiceFixture f = new ServiceFixture(ServerSettings.defaults().withPreAuthLimits(1 << 20, 3, 100), null);
    var s = f.socket();
    s.send(SyncMessages.step1("d", EMPTY_SV), SyncMessages.step1("d", EMPTY_SV), SyncMessages.step1("d", EMPTY_SV));
    assertNull(s.transport.closed);
    s.send(SyncMessages.step1("d", EMPTY_SV));
    assertEquals(CloseCode.RESET_CONNECTION, s.transport.closed);
  }

  @Test
  void closesTheSocketWhenThePreAuthByteLimitIsPassed() {
    ServiceFixture f = new ServiceFixture(ServerSettings.defaults().withPreAuthLimits(100, 1000, 100), null);
    var s = f.socket();
    s.send(SyncMessages.update("d", new byte[60]));
    assertNull(s.transport.closed);
    s.send(SyncMessages.update("d", new byte[60]));
    assertEquals(CloseCode.RESET_CONNECTION, s.transport.closed);
  }

  @Test
  void closesTheSocketWhenTooManyDocumentsWaitForAuth() {
    ServiceFixture f = new ServiceFixture(ServerSettings.defaults().withPreAuthLimits(1 << 20, 1000, 2), null);
    var s = f.socket();
    s.send(SyncMessages.step1("a", EMPTY_SV), SyncMessages.step1("b", EMPTY_SV));
    assertNull(s.transport.closed);
    s.send(SyncMessages.step1("c", EMPTY_SV));
    assertEquals(CloseCode.RESET_CONNECTION, s.transport.closed);
  }

  @Test
  void replaysFramesQueuedBeforeAuthInOrder() {
    ServiceFixture f = new ServiceFixture();
    var s = f.socket();
    s.send(SyncMessages.update("d", SET_X), SyncMessages.step1("d", EMPTY_SV), AuthMessages.token("d", "", null));
    List<String> out = s.hex();
    assertEquals(hexOf(AuthMessages.authenticated("d", false)), out.get(0));
    assertEquals(hexOf(SyncStatusMessages.syncStatus("d", true)), out.get(1));
    assertEquals(hexOf(SyncMessages.step1("d", hex("01 b960 01"))), out.get(2));
    assertEquals(hexOf(SyncMessages.step2("d", SET_X)), out.get(3));
    // the broadcast of the update (the sender's echo) leaves at the end of the replay's turn
    assertEquals(hexOf(SyncMessages.update("d", SET_X)), out.get(4));
  }

  @Test
  void closesTheSocketOnAnUndecodablePreAuthAuthFrame() {
    ServiceFixture f = new ServiceFixture();
    var s = f.socket();
    s.send(hex("01 64 02 00 09 61"));
    assertEquals(CloseCode.RESET_CONNECTION, s.transport.closed);
  }

  @Test
  void closesTheSocketWith4401OnAnUndecodableAddress() {
    ServiceFixture f = new ServiceFixture();
    var s = f.socket();
    s.send(hex("05 61 62")); // address length past the end (a lone 0a is a Pong)
    assertEquals(CloseCode.UNAUTHORIZED, s.transport.closed);
  }

  @Test
  void closesAnUnauthenticatedSocketAtThePreAuthDeadlineDespiteTraffic() {
    ServiceFixture f = new ServiceFixture();
    var s = f.socket();
    f.clock.advance(30_000, f.pool);
    s.send(SyncMessages.step1("d", EMPTY_SV));
    f.clock.advance(29_999, f.pool);
    assertNull(s.transport.closed);
    f.clock.advance(1, f.pool);
    assertEquals(CloseCode.CONNECTION_TIMEOUT, s.transport.closed);
  }

  @Test
  void closesAnAuthenticatedSocketOnlyAfterTheIdleTimeout() {
    ServiceFixture f = new ServiceFixture();
    var s = f.socket();
    s.send(AuthMessages.token("d", "", null));
    f.clock.advance(50_000, f.pool);
    s.send(hex("01 64 03"));
    f.clock.advance(50_000, f.pool);
    assertNull(s.transport.closed);
    f.clock.advance(10_000, f.pool);
    assertEquals(CloseCode.CONNECTION_TIMEOUT, s.transport.closed);
  }

  @Test
  void closesTheDocumentWhenATokenRefreshIsRejected() {
    ServiceFixture f = new ServiceFixture(new CollabHook() {
      @Override
      public void onTokenSync(AuthenticationContext ctx) throws Exception {
        throw new HookRejection("expired");
      }
    });
    var s = f.socket();
    s.send(AuthMessages.token("d", "", null));
    s.hex();
    s.send(AuthMessages.token("d", "again", "4.8.0"));
    assertEquals(List.of(hexOf(CloseMessages.close("d", "expired"))), s.hex());
  }

  @Test
  void requestsATokenAndAcceptsTheRefresh() {
    List<String> refreshed = new ArrayList<>();
    ServiceFixture f = new ServiceFixture(new CollabHook() {
      @Override
      public void onStateless(StatelessContext ctx) {
        ctx.connection().requestToken();
      }

      @Override
      public void onTokenSync(AuthenticationContext ctx) {
        refreshed.add(ctx.token() + "/" + ctx.providerVersion());
        ctx.readOnly(ctx.token().equals("now-readonly"));
      }
    });
    var s = f.socket();
    s.send(AuthMessages.token("d", "first", "4.8.0"));
    s.hex();
    s.send(StatelessMessages.stateless("d", "please"));
    assertEquals(List.of("01 64 02 00"), s.hex());
    s.send(AuthMessages.token("d", "now-readonly", "4.8.1"));
    assertEquals(List.of(), s.hex());
    assertEquals(List.of("now-readonly/4.8.1"), refreshed);
    s.send(SyncMessages.update("d", SET_X)); // the refreshed token limited the connection
    assertEquals(List.of(hexOf(SyncStatusMessages.syncStatus("d", false))), s.hex());
  }

  @Test
  void directConnectionsReachClientsAndHoldTheDocument() {
    ServiceFixture f = new ServiceFixture();
    var s = f.socket();
    s.send(AuthMessages.token("d", "", null));
    s.hex();
    DirectConnection[] direct = new DirectConnection[1];
    Thread opener = new Thread(() -> direct[0] = f.service.openDocument("d"));
    opener.start();
    try {
      opener.join(5000);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertEquals(2, f.service.connectionCount());
    s.send(CloseMessages.clientClose("d"));
    s.hex();
    f.pool.runAll();
    assertEquals(1, f.service.documentCount());
    assertEquals(1, f.service.connectionCount());
    direct[0].close();
    f.pool.runAll();
    assertEquals(0, f.service.documentCount());
    assertEquals(0, f.service.connectionCount());
  }

  @Test
  void closeConnectionsSendsResetConnectionAndKeepsTheSocket() {
    ServiceFixture f = new ServiceFixture();
    var s = f.socket();
    s.send(AuthMessages.token("d", "", null));
    s.hex();
    f.service.closeConnections("d");
    f.pool.runAll();
    assertEquals(List.of(hexOf(CloseMessages.close("d", "Reset Connection"))), s.hex());
    assertNull(s.transport.closed);
    assertFalse(f.service.broadcastStateless("d", "x"));
    assertTrue(f.service.failingStores().isEmpty());
  }
}
