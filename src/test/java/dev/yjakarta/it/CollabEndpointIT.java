package dev.yjakarta.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.yjakarta.protocol.AuthMessages;
import dev.yjakarta.protocol.CloseMessages;
import dev.yjakarta.protocol.SyncMessages;
import dev.yjakarta.protocol.SyncStatusMessages;
import dev.yjakarta.server.auth.JwtAuthenticator;
import java.net.URL;
import java.util.HexFormat;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The deployed endpoint, driven byte by byte with the frames of the captured reference traces. */
@ExtendWith(ArquillianExtension.class)
class CollabEndpointIT {
  /** yjs 13.6.33: client 12345 sets map "m" key "x" to 1. */
  private static final byte[] SET_X = HexFormat.of().parseHex("0101b960002801016d0178017d0100");
  /** yjs 13.6.33: client 777 inserts "hi" into text "t". */
  private static final byte[] INSERT_HI = HexFormat.of().parseHex("01018906000401017402686900");

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL base;

  private RawCollabClient connect() {
    return RawCollabClient.connect(Deployments.ws(base, "/collab"));
  }

  /**
   * The token to send: a JWT for {@code doc} when the IT server has a JWT secret configured
   * (pom property it.jwtSecret), else the plain token of the reference trace.
   */
  private static String token(String plain) {
    String secret = System.getProperty("it.jwtSecret", "");
    return secret.isEmpty() ? plain : JwtAuthenticator.mint(secret, "{\"sub\":\"it\"}");
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  @RunAsClient
  void answersTheNewDocumentHandshakeWithTheReferenceBytes() throws Exception {
    try (RawCollabClient c = connect()) {
      byte[] auth = hex("04 64 6f 63 31 02 00 05 74 6f 6b 65 6e 05 34 2e 38 2e 30");
      if (!token("token").equals("token")) {
        auth = AuthMessages.token("doc1", token("token"), "4.8.0");
      }
      c.send(auth,
          hex("04 64 6f 63 31 00 00 01 00"),
          hex("04 64 6f 63 31 01 0a 01 e3d3a9e60d 00 02 7b 7d"));
      assertEquals("04 64 6f 63 31 02 02 0a 72 65 61 64 2d 77 72 69 74 65", c.nextHex());
      assertEquals("04 64 6f 63 31 00 00 01 00", c.nextHex());
      assertEquals("04 64 6f 63 31 00 01 02 00 00", c.nextHex());
      c.send(hex("04 64 6f 63 31 00 01 02 00 00"));
      assertEquals("04 64 6f 63 31 08 01", c.nextHex());
      // awareness clock 1 is applied and echoed to the sender (the clock-0 state was not)
      byte[] aw = hex("04 64 6f 63 31 01 14 01 e3d3a9e60d 01 0c 7b 22 75 73 65 72 22 3a 22 61 22 7d");
      c.send(aw);
      assertArrayEquals(aw, c.next());
      c.send(hex("04 64 6f 63 31 01 0c 01 e3d3a9e60d 02 04 6e 75 6c 6c"));
      assertEquals("04 64 6f 63 31 01 0c 01 e3 d3 a9 e6 0d 02 04 6e 75 6c 6c", c.nextHex());
      c.send(hex("04 64 6f 63 31 07"));
      assertArrayEquals(CloseMessages.close("doc1", "provider_initiated"), c.next());
    }
  }

  @Test
  @RunAsClient
  void sendsAnUpdateToTheOtherClientAndAcksTheSender() throws Exception {
    String doc = "it-two-clients-" + System.nanoTime(); // the ITs keep their database between runs
    try (RawCollabClient a = connect(); RawCollabClient b = connect()) {
      a.send(AuthMessages.token(doc, token(""), "4.8.0"), SyncMessages.step1(doc, new byte[] {0}));
      assertArrayEquals(AuthMessages.authenticated(doc, false), a.next());
      a.next();
      a.next();
      a.send(SyncMessages.update(doc, SET_X));
      assertArrayEquals(SyncStatusMessages.syncStatus(doc, true), a.next());
      assertArrayEquals(SyncMessages.update(doc, SET_X), a.next()); // echo to the sender

      b.send(AuthMessages.token(doc, token(""), "4.8.0"), SyncMessages.step1(doc, new byte[] {0}));
      assertArrayEquals(AuthMessages.authenticated(doc, false), b.next());
      assertArrayEquals(SyncMessages.step1(doc, hex("01 b960 01")), b.next());
      assertArrayEquals(SyncMessages.step2(doc, SET_X), b.next());

      a.send(SyncMessages.update(doc, INSERT_HI));
      assertArrayEquals(SyncStatusMessages.syncStatus(doc, true), a.next());
      assertArrayEquals(SyncMessages.update(doc, INSERT_HI), a.next());
      assertArrayEquals(SyncMessages.update(doc, INSERT_HI), b.next());
    }
  }

  @Test
  @RunAsClient
  void keepsTheSocketOpenAfterAClientCloseAndAllowsRejoining() throws Exception {
    String doc = "it-rejoin-" + System.nanoTime();
    try (RawCollabClient c = connect()) {
      c.send(AuthMessages.token(doc, token(""), null));
      assertArrayEquals(AuthMessages.authenticated(doc, false), c.next());
      c.send(CloseMessages.clientClose(doc));
      assertArrayEquals(CloseMessages.close(doc, "provider_initiated"), c.next());
      c.send(AuthMessages.token(doc, token(""), null), SyncMessages.step1(doc, new byte[] {0}));
      assertArrayEquals(AuthMessages.authenticated(doc, false), c.next());
      assertEquals(SyncMessages.step1(doc, new byte[] {0}).length, c.next().length);
    }
  }

  @Test
  @RunAsClient
  void acceptsAFrameAboveTheContainerDefaultAndClosesAboveTheLimitWith1009() throws Exception {
    String doc = "it-big-frames-" + System.nanoTime();
    try (RawCollabClient c = connect()) {
      c.send(AuthMessages.token(doc, token(""), null));
      assertArrayEquals(AuthMessages.authenticated(doc, false), c.next());
      c.send(dev.yjakarta.protocol.StatelessMessages.stateless(doc, "x".repeat(6 << 20)));
      c.send(SyncMessages.step1(doc, new byte[] {0}));
      assertArrayEquals(SyncMessages.step1(doc, new byte[] {0}), c.next());
      c.send(dev.yjakarta.protocol.StatelessMessages.stateless(doc, "x".repeat((16 << 20) + 1)));
      assertEquals(1009, c.awaitClose());
    }
  }

  @Test
  @RunAsClient
  void closesTheSocketWith4401OnATextFrame() throws Exception {
    try (RawCollabClient c = connect()) {
      c.sendText("ϩ");
      assertEquals(4401, c.awaitClose());
    }
  }

  @Test
  @RunAsClient
  void rejectsABlankDocumentNameWithPermissionDenied() throws Exception {
    try (RawCollabClient c = connect()) {
      c.send(AuthMessages.token(" ", token(""), null));
      assertArrayEquals(AuthMessages.permissionDenied(" ", "permission-denied"), c.next());
      assertNull(c.poll(300));
    }
  }
}
