package dev.yjakarta.cluster;

import static dev.yjakarta.cluster.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.it.RedisProcess;
import dev.yjakarta.server.StoreLock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The relay and the lock through Redis Sentinel and Redis Cluster (real servers). */
class RedisTopologiesTest {
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final ExecutorService loops = Executors.newCachedThreadPool();

  @AfterEach
  void stop() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
    loops.shutdownNow();
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.add(resource);
    return resource;
  }


  private void relayAndLock(RedisSettings.Builder settings) throws Exception {
    RedisCluster a = keep(RedisCluster.start(settings.identifier("A").build(), loops, Executors.defaultThreadFactory()));
    RedisCluster b = keep(RedisCluster.start(settings.identifier("B").build(), loops, Executors.defaultThreadFactory()));
    await(() -> a.connected() && b.connected(), 10_000);
    FakeDocument da = new FakeDocument("doc", a.relay(), "x");
    a.relay().afterLoad(da);
    FakeDocument db = new FakeDocument("doc", b.relay());
    b.relay().afterLoad(db);
    assertEquals(Set.of("x"), db.items(), "initial sync through the reply channel");
    da.edit("y");
    await(() -> db.items().contains("y"), 5000);
    db.edit("z");
    await(() -> da.items().contains("z"), 5000);
    try (StoreLock.Lease lease = a.storeLock().acquire("doc")) {
      assertTrue(lease.held());
      assertThrows(StoreLock.StoreLockUnavailable.class, () -> b.storeLock().acquire("doc"));
    }
    b.storeLock().acquire("doc").close();
  }

  @Test
  void worksThroughRedisSentinel() throws Exception {
    RedisProcess master = keep(RedisProcess.start());
    RedisProcess sentinel = keep(RedisProcess.sentinel(master));
    relayAndLock(RedisSettings.builder().prefix("hp").sentinelMaster("mymaster")
        .sentinels(List.of(new RedisSettings.Node("127.0.0.1", sentinel.port()))).antiEntropyIntervalMs(0));
  }

  @Test
  void worksThroughRedisCluster() throws Exception {
    List<RedisProcess> nodes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      nodes.add(keep(RedisProcess.start(List.of("--cluster-enabled", "yes", "--cluster-node-timeout", "2000"))));
    }
    // what redis-cli --cluster create does: split the 16384 slots, introduce the nodes
    for (int i = 0; i < 3; i++) {
      try (Jedis node = new Jedis("127.0.0.1", nodes.get(i).port())) {
        int from = i * 16384 / 3;
        int to = (i + 1) * 16384 / 3;
        int[] slots = new int[to - from];
        for (int s = from; s < to; s++) {
          slots[s - from] = s;
        }
        node.clusterAddSlots(slots);
        if (i > 0) {
          node.clusterMeet("127.0.0.1", nodes.get(0).port());
        }
      }
    }
    await(() -> nodes.stream().allMatch(n -> {
      try (Jedis node = new Jedis("127.0.0.1", n.port())) {
        return node.clusterInfo().contains("cluster_state:ok") && node.clusterNodes().lines().count() == 3;
      }
    }), 20_000);
    List<RedisSettings.Node> seeds = nodes.stream().map(n -> new RedisSettings.Node("127.0.0.1", n.port())).toList();
    relayAndLock(RedisSettings.builder().prefix("hp").clusterNodes(seeds).antiEntropyIntervalMs(0));
  }
}
