package dev.yjakarta.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.yjakarta.config.ServerSettings;
import dev.yjakarta.protocol.AuthMessages;
import dev.yjakarta.protocol.CloseCode;
import dev.yjakarta.protocol.StatelessMessages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The application Ping (only to v4 providers, only on a quiet socket) and the Pong. */
class KeepaliveTest {
  private static final String PING = "09";

  private static ServiceFixture fixture(long pingIntervalMs) {
    return new ServiceFixture(ServerSettings.defaults().withPingInterval(pingIntervalMs), null);
  }

  private static long pings(List<String> frames) {
    return frames.stream().filter(PING::equals).count();
  }

  @Test
  void pingsAQuietV4ProviderOncePerQuietInterval() {
    ServiceFixture f = fixture(10_000);
    var s = f.socket().send(AuthMessages.token("doc", "", "4.8.0"));
    s.hex(); // Authenticated
    f.clock.advance(9_999, f.pool);
    assertEquals(List.of(), s.hex());
    f.clock.advance(5_001, f.pool); // the sweep runs every 5 s: the first one after 10 s of silence
    assertEquals(List.of(PING), s.hex());
    s.send(new byte[] {0x0a}); // the provider's Pong
    for (int i = 0; i < 8; i++) {
      f.clock.advance(10_000, f.pool);
      // a Ping is traffic from the server: one per 10 s of silence, not one per 5 s sweep
      assertEquals(List.of(PING), s.hex(), "interval " + i);
      s.send(new byte[] {0x0a});
    }
    assertNull(s.transport.closed, "the Pongs kept the socket inside the 60 s idle timeout");
  }

  @Test
  void doesNotPingASocketTheServerKeepsBusy() {
    ServiceFixture f = fixture(10_000);
    var s = f.socket().send(AuthMessages.token("doc", "", "4.8.0"));
    for (int i = 0; i < 9; i++) { // 54 s: inside the idle timeout of the silent client
      f.clock.advance(6_000, f.pool);
      f.service.broadcastStateless("doc", "tick");
      f.pool.runAll();
    }
    List<String> sent = s.hex();
    assertEquals(0, pings(sent));
    String tick = DocumentServiceTest.hexOf(StatelessMessages.stateless("doc", "tick"));
    assertEquals(9, sent.stream().filter(tick::equals).count());
  }

  @Test
  void neverPingsAProviderWithoutVersionOrBelowV4() {
    for (String version : new String[] {null, "3.4.4", "2.15.0", "x.y"}) {
      ServiceFixture f = fixture(10_000);
      var s = f.socket().send(AuthMessages.token("doc", "", version));
      f.clock.advance(45_000, f.pool);
      assertEquals(0, pings(s.hex()), "version " + version);
    }
  }

  @Test
  void aVersionlessTokenOnTheSameSocketRulesThePingOut() {
    ServiceFixture f = fixture(10_000);
    var s = f.socket().send(AuthMessages.token("a", "", "4.8.0"), AuthMessages.token("b", "", null));
    assertEquals(SocketSession.PingSupport.NEVER, s.session.pingSupport());
    f.clock.advance(45_000, f.pool);
    assertEquals(0, pings(s.hex()));
    // and a later v4 token does not turn it back on
    s.send(AuthMessages.token("c", "", "4.8.0"));
    assertEquals(SocketSession.PingSupport.NEVER, s.session.pingSupport());
  }

  @Test
  void aZeroIntervalTurnsThePingOff() {
    ServiceFixture f = fixture(0);
    var s = f.socket().send(AuthMessages.token("doc", "", "4.8.0"));
    f.clock.advance(59_000, f.pool);
    assertEquals(0, pings(s.hex()));
  }

  @Test
  void aPongIsTrafficForTheIdleTimeoutAndClosesNothing() {
    ServiceFixture f = fixture(0);
    var s = f.socket().send(AuthMessages.token("doc", "", "4.8.0"));
    s.hex();
    f.clock.advance(50_000, f.pool);
    s.send(new byte[] {0x0a});
    f.clock.advance(50_000, f.pool);
    assertNull(s.transport.closed);
    assertEquals(List.of(), s.hex()); // nothing is answered to a Pong
    f.clock.advance(10_000, f.pool);
    assertEquals(CloseCode.CONNECTION_TIMEOUT, s.transport.closed);
  }

  @Test
  void aPongBeforeAuthIsNotAnUndecodableFrame() {
    ServiceFixture f = fixture(10_000);
    var s = f.socket().send(new byte[] {0x0a}, AuthMessages.token("doc", "", "4.8.0"));
    assertNull(s.transport.closed);
    assertEquals(1, s.hex().size()); // Authenticated
  }
}
