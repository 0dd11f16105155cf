package dev.yjakarta.cluster;

import static dev.yjakarta.cluster.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.it.RedisProcess;
import dev.yjakarta.server.ServerMetrics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A subscriber connection that goes half-open (Redis unreachable, no FIN, no reset): a real Redis
 * behind a proxy that stops forwarding on its existing connections. Without the probe the
 * subscriber would wait on its read forever; with it, it reconnects over a new connection and
 * relayed updates flow again, including those published while it was deaf (anti-entropy).
 */
class HalfOpenRedisTest {
  private static final long PROBE_TIMEOUT_MS = 1500;
  private RedisProcess redis;
  private BlackHoleProxy proxy;
  private ExecutorService loops;
  private RedisCluster a;
  private RedisCluster b;
  private final List<Long> lags = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    redis = RedisProcess.start();
    proxy = new BlackHoleProxy(redis.port());
    loops = Executors.newCachedThreadPool();
    ServerMetrics metrics = new ServerMetrics() {
      @Override
      public void relayLag(long nanos) {
        lags.add(nanos);
      }
    };
    a = RedisCluster.start(settings("A", proxy.port()), loops, Executors.defaultThreadFactory(), metrics);
    b = RedisCluster.start(settings("B", redis.port()), loops, Executors.defaultThreadFactory());
    await(() -> a.connected() && b.connected(), 5000, "both subscriptions live");
  }

  private static RedisSettings settings(String id, int port) {
    return RedisSettings.builder().host("127.0.0.1").port(port).prefix("hp").identifier(id)
        .antiEntropyIntervalMs(0).probeIntervalMs(200).probeTimeoutMs(PROBE_TIMEOUT_MS).build();
  }

  @AfterEach
  void stop() throws Exception {
    a.close();
    b.close();
    proxy.close();
    loops.shutdownNow();
    redis.close();
  }


  @Test
  void aHalfOpenSubscriberConnectionIsNoticedAndReplaced() throws Exception {
    FakeDocument da = new FakeDocument("doc", a.relay());
    a.relay().afterLoad(da);
    FakeDocument db = new FakeDocument("doc", b.relay());
    b.relay().afterLoad(db);
    db.edit("before");
    await(() -> da.items().contains("before"), 5000, "an edit relayed before the fault");
    await(() -> !lags.isEmpty(), 5000, "a probe round trip measured");
    long subscriptions = a.subscriber().connections();

    proxy.blackHoleExisting();
    long cut = System.nanoTime();
    db.edit("while-deaf");
    // the probe goes overdue after PROBE_TIMEOUT_MS; its check runs every timeout/4
    await(() -> a.relay().probeTimeouts() >= 1, PROBE_TIMEOUT_MS + 1500, "the overdue probe noticed");
    // a new connection (the pool may first have to discard its other half-open connections)
    await(() -> a.subscriber().connections() > subscriptions, 30_000, "the subscriber reconnected");
    // the resubscribe announces A's state: B answers with what A missed (no new edit needed)
    await(() -> da.items().contains("while-deaf"), 10_000, "the edit made while A was deaf");
    db.edit("after");
    await(() -> da.items().contains("after"), 5000, "an edit relayed after the reconnect");
    da.edit("from-a");
    await(() -> db.items().contains("from-a"), 30_000, "A's edits reaching B again");
    assertTrue(proxy.connections() > 1, "a new proxied connection was made");
    assertEquals(1, a.relay().probeTimeouts(), "one forced reconnect, no flapping afterwards");
  }
}
