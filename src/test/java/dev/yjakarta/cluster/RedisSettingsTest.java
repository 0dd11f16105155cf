package dev.yjakarta.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {

  private static RedisSettings from(Map<String, String> entries) {
    return RedisSettings.fromLookup(name -> Optional.ofNullable(entries.get(name)));
  }

  @Test
  void isOffWithoutAHost() {
    RedisSettings s = from(Map.of());
    assertFalse(s.enabled());
    assertEquals("Redis off", s.toString());
  }

  @Test
  void usesTheHocuspocusDefaults() {
    RedisSettings s = from(Map.of("host", "127.0.0.1"));
    assertTrue(s.enabled());
    assertEquals(6379, s.port());
    assertEquals("hocuspocus", s.prefix());
    assertTrue(s.identifier().startsWith("host-"));
    assertEquals(1000, s.disconnectDelayMs());
    assertEquals(1000, s.awaitInitialSyncTimeoutMs());
    assertEquals(1000, s.probeIntervalMs());
    assertEquals(5000, s.probeTimeoutMs());
    assertEquals("hocuspocus:doc", s.documentChannel("doc"));
    assertEquals("hocuspocus#reply:X", s.replyChannel("X"));
    assertEquals("hocuspocus:doc:lock", s.lockKey("doc"));
  }

  @Test
  void givesEveryInstanceItsOwnDefaultIdentifier() {
    assertFalse(from(Map.of("host", "h")).identifier().equals(from(Map.of("host", "h")).identifier()));
  }

  @Test
  void namesTheEntryInValidationMessages() {
    var e = assertThrows(IllegalArgumentException.class, () -> from(Map.of("host", "h", "port", "70000")));
    assertTrue(e.getMessage().startsWith("yjakarta/redis/port "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> from(Map.of("host", "h", "port", "x")));
    assertTrue(e.getMessage().startsWith("yjakarta/redis/port "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> from(Map.of("host", "h", "identifier", "é".repeat(128))));
    assertTrue(e.getMessage().startsWith("yjakarta/redis/identifier "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> from(Map.of("host", "h", "tls", "yes")));
    assertTrue(e.getMessage().startsWith("yjakarta/redis/tls "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> from(Map.of("sentinel/nodes", "a:26379")));
    assertTrue(e.getMessage().startsWith("yjakarta/redis/sentinel/master "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> from(Map.of("cluster/nodes", "a:1", "database", "2")));
    assertTrue(e.getMessage().startsWith("yjakarta/redis/database "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> from(Map.of("host", "h", "lockTimeoutMs", "10")));
    assertTrue(e.getMessage().startsWith("yjakarta/redis/lockTimeoutMs "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> from(Map.of("host", "h", "probeIntervalMs", "10")));
    assertTrue(e.getMessage().startsWith("yjakarta/redis/probeIntervalMs "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> from(Map.of("host", "h", "probeTimeoutMs", "0")));
    assertTrue(e.getMessage().startsWith("yjakarta/redis/probeTimeoutMs "), e.getMessage());
    assertEquals(0, from(Map.of("host", "h", "probeIntervalMs", "0")).probeIntervalMs(), "0 turns probing off");
  }

  @Test
  void readsSentinelAndClusterNodeLists() {
    RedisSettings s = from(Map.of("sentinel/master", "mymaster", "sentinel/nodes", " a:26379, b "));
    assertEquals(RedisSettings.Topology.SENTINEL, s.topology());
    assertEquals(2, s.sentinels().size());
    assertEquals(6379, s.sentinels().get(1).port());
    RedisSettings c = from(Map.of("cluster/nodes", "n1:7000,n2:7001"));
    assertEquals(RedisSettings.Topology.CLUSTER, c.topology());
    assertTrue(c.enabled());
  }

  @Test
  void neverPrintsThePassword() {
    RedisSettings s = from(Map.of("host", "h", "password", "s3cret"));
    assertFalse(s.toString().contains("s3cret"));
  }
}
