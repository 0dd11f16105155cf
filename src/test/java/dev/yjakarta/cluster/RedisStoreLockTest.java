package dev.yjakarta.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.it.RedisProcess;
import dev.yjakarta.server.StoreLock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** The store lock against a real redis-server. */
class RedisStoreLockTest {
  private RedisProcess redis;
  private UnifiedJedis client;
  private ScheduledExecutorService scheduler;
  private RedisSettings settings;

  @BeforeEach
  void start() throws Exception {
    redis = RedisProcess.start();
    settings = RedisSettings.builder().host("127.0.0.1").port(redis.port()).prefix("hp").lockTimeoutMs(300).build();
    client = RedisClients.create(settings);
    scheduler = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void stop() throws Exception {
    scheduler.shutdownNow();
    client.close();
    redis.close();
  }

  private RedisStoreLock lock() {
    return new RedisStoreLock(client, settings, scheduler);
  }

  @Test
  void takesTheHocuspocusLockKeyWithATtl() {
    try (StoreLock.Lease lease = lock().acquire("doc")) {
      assertTrue(lease.held());
      assertEquals(32, client.get("hp:doc:lock").length(), "16 random bytes in hex, like Redlock");
      long ttl = client.pttl("hp:doc:lock");
      assertTrue(ttl > 0 && ttl <= 300, "ttl " + ttl);
    }
    assertNull(client.get("hp:doc:lock"), "released on close");
  }

  @Test
  void aSecondInstanceGetsStoreLockUnavailableWhileTheFirstHoldsIt() {
    RedisStoreLock a = lock();
    RedisStoreLock b = lock();
    try (StoreLock.Lease lease = a.acquire("doc")) {
      var e = assertThrows(StoreLock.StoreLockUnavailable.class, () -> b.acquire("doc"));
      assertTrue(e.getMessage().contains("another instance"));
      try (StoreLock.Lease other = b.acquire("other-doc")) {
        assertTrue(other.held(), "documents lock independently");
      }
    }
    try (StoreLock.Lease lease = b.acquire("doc")) {
      assertTrue(lease.held(), "free again after release");
    }
  }

  @Test
  void renewsTheLeaseWhileAStoreRunsLongerThanTheTtl() throws Exception {
    try (StoreLock.Lease lease = lock().acquire("doc")) {
      Thread.sleep(1000); // more than three TTLs
      assertTrue(lease.held());
      assertThrows(StoreLock.StoreLockUnavailable.class, () -> lock().acquire("doc"));
    }
  }

  @Test
  void releaseNeverDeletesALockTakenByAnotherInstance() throws Exception {
    StoreLock.Lease lease = lock().acquire("doc");
    // the lease expired and someone else took the lock (simulated: overwrite the token)
    client.set("hp:doc:lock", "someone-else");
    Thread.sleep(250); // a renewal runs and notices
    assertFalse(lease.held(), "a lost lease is reported");
    lease.close();
    assertEquals("someone-else", client.get("hp:doc:lock"));
    Object released = client.eval(RedisStoreLock.RELEASE, List.of("hp:doc:lock"), List.of("wrong"));
    assertEquals(0L, released);
  }

  @Test
  void reportsAnUnreachableRedisAsUnavailableNotAsASkip() throws Exception {
    redis.kill();
    var e = assertThrows(StoreLock.StoreLockUnavailable.class, () -> lock().acquire("doc"));
    assertTrue(e.getMessage().contains("unreachable"));
  }
}
