package dev.yjakarta.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {
  private static ServerSettings read(Map<String, String> values) {
    return ServerSettings.read(name -> Optional.ofNullable(values.get(name)));
  }

  @Test
  void usesTheDefaultsWhenNothingIsBound() {
    ServerSettings s = read(Map.of());
    assertEquals(60_000, s.timeoutMs());
    assertEquals(2_000, s.debounceMs());
    assertEquals(10_000, s.maxDebounceMs());
    assertEquals(16 << 20, s.maxMessageBytes());
    assertEquals(5L << 20, s.maxPreAuthBytes());
    assertEquals(1000, s.maxPreAuthFrames());
    assertEquals(10_000, s.pingIntervalMs());
    assertEquals(100, s.maxPendingDocuments());
    assertTrue(s.jwtSecret().isEmpty());
  }

  @Test
  void readsBoundValues() {
    ServerSettings s = read(Map.of(ServerSettings.TIMEOUT, " 5000 ", ServerSettings.JWT_SECRET, "0123456789abcdef!"));
    assertEquals(5000, s.timeoutMs());
    assertEquals(Optional.of("0123456789abcdef!"), s.jwtSecret());
  }

  @Test
  void namesTheJndiEntryOfABadValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> read(Map.of(ServerSettings.DEBOUNCE, "soon")));
    assertTrue(e.getMessage().contains("yjakarta/server/debounceMs"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> read(Map.of(ServerSettings.TIMEOUT, "5")));
    assertTrue(e.getMessage().contains("yjakarta/server/timeoutMs"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> read(Map.of(ServerSettings.DEBOUNCE, "5000", ServerSettings.MAX_DEBOUNCE, "1000")));
    assertTrue(e.getMessage().contains("yjakarta/server/maxDebounceMs"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> read(Map.of(ServerSettings.JWT_SECRET, "short")));
    assertTrue(e.getMessage().contains("yjakarta/auth/jwtSecret"), e.getMessage());
  }

  @Test
  void neverPrintsTheSecret() {
    ServerSettings s = ServerSettings.defaults().withJwtSecret("a-very-secret-secret");
    assertFalse(s.toString().contains("a-very-secret-secret"));
  }

  @Test
  void readsThePingIntervalWithZeroAsOff() {
    assertEquals(0, read(Map.of(ServerSettings.PING_INTERVAL, "0")).pingIntervalMs());
    assertEquals(5_000, read(Map.of(ServerSettings.PING_INTERVAL, "5000")).pingIntervalMs());
    var e = assertThrows(IllegalArgumentException.class, () -> read(Map.of(ServerSettings.PING_INTERVAL, "50")));
    assertTrue(e.getMessage().contains(ServerSettings.PING_INTERVAL), e.getMessage());
  }
}
