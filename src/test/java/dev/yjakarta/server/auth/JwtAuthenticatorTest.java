package dev.yjakarta.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.server.hooks.HookRejection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtAuthenticatorTest {
  private static final String SECRET = "a-test-secret-of-some-length";
  private static final long NOW = 1_800_000_000L;
  private final JwtAuthenticator jwt = new JwtAuthenticator(SECRET, () -> NOW);

  private static String reason(ThrowingRunnable r) {
    return assertThrows(HookRejection.class, r::run).reason();
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void acceptsAValidTokenWithSubjectAndDefaultScope() throws Exception {
    JwtAuthenticator.Grant g = jwt.verify(JwtAuthenticator.mint(SECRET, "{\"sub\":\"alice\"}"), "doc");
    assertEquals("alice", g.subject());
    assertFalse(g.readOnly());
  }

  @Test
  void grantsReadOnlyForTheReadonlyScope() throws Exception {
    assertTrue(jwt.verify(JwtAuthenticator.mint(SECRET, "{\"scope\":\"readonly\"}"), "doc").readOnly());
    assertFalse(jwt.verify(JwtAuthenticator.mint(SECRET, "{\"scope\":\"read-write\"}"), "doc").readOnly());
    assertEquals("invalid-token", reason(() -> jwt.verify(JwtAuthenticator.mint(SECRET, "{\"scope\":\"admin\"}"), "d")));
  }

  @Test
  void rejectsAWrongSignature() {
    String token = JwtAuthenticator.mint("another-secret-of-length", "{\"sub\":\"alice\"}");
    assertEquals("invalid-token", reason(() -> jwt.verify(token, "doc")));
  }

  @Test
  void rejectsMalformedTokens() {
    for (String bad : new String[] {"", "a.b", "a.b.c", "...", "x.y.z.w", "token"}) {
      assertEquals("invalid-token", reason(() -> jwt.verify(bad, "doc")), bad);
    }
  }

  @Test
  void rejectsAlgNoneEvenWithoutSignature() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String token = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString("{}".getBytes(StandardCharsets.UTF_8)) + ".";
    assertEquals("invalid-token", reason(() -> jwt.verify(token, "doc")));
  }

  @Test
  void rejectsExpiredAndNotYetValidTokens() throws Exception {
    assertEquals("token-expired", reason(() -> jwt.verify(JwtAuthenticator.mint(SECRET, "{\"exp\":" + NOW + "}"), "d")));
    jwt.verify(JwtAuthenticator.mint(SECRET, "{\"exp\":" + (NOW + 1) + "}"), "d");
    assertEquals("invalid-token", reason(() -> jwt.verify(JwtAuthenticator.mint(SECRET, "{\"nbf\":" + (NOW + 5) + "}"), "d")));
    jwt.verify(JwtAuthenticator.mint(SECRET, "{\"nbf\":" + NOW + "}"), "d");
  }

  @Test
  void limitsDocumentsByNameAndPrefix() throws Exception {
    String token = JwtAuthenticator.mint(SECRET, "{\"docs\":[\"exact\",\"team-a/*\"]}");
    jwt.verify(token, "exact");
    jwt.verify(token, "team-a/notes");
    assertEquals("document-not-allowed", reason(() -> jwt.verify(token, "exact2")));
    assertEquals("document-not-allowed", reason(() -> jwt.verify(token, "team-b/notes")));
    assertEquals("document-not-allowed",
        reason(() -> jwt.verify(JwtAuthenticator.mint(SECRET, "{\"docs\":[]}"), "any")));
    assertEquals("invalid-token", reason(() -> jwt.verify(JwtAuthenticator.mint(SECRET, "{\"docs\":\"x\"}"), "x")));
  }

  @Test
  void acceptsATokenWithoutSubject() throws Exception {
    assertNull(jwt.verify(JwtAuthenticator.mint(SECRET, "{}"), "d").subject());
  }
}
