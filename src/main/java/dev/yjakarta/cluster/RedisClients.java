package dev.yjakarta.cluster;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;

/** Builds the Jedis client for the configured topology (standalone, Sentinel or Cluster). */
final class RedisClients {
  private RedisClients() {}

  /**
   * A pooled client. {@code testOnBorrow} matters: after a Redis restart the first command on a
   * stale pooled connection would otherwise fail and one publish would be lost.
   */
  static UnifiedJedis create(RedisSettings settings) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setTestOnBorrow(true);
    pool.setMaxTotal(16);
    pool.setMaxIdle(8);
    pool.setMinIdle(0);
    // a pub/sub connection lives as long as the subscription; never time it out as idle
    pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
    pool.setMaxWait(Duration.ofSeconds(2));
    JedisClientConfig config = clientConfig(settings);
    return switch (settings.topology()) {
      case STANDALONE -> RedisClient.builder()
          .hostAndPort(settings.host(), settings.port())
          .clientConfig(config)
          .poolConfig(pool)
          .build();
      case SENTINEL -> RedisSentinelClient.builder()
          .masterName(settings.sentinelMaster())
          .sentinels(hosts(settings.sentinels()))
          .clientConfig(config)
          .sentinelClientConfig(DefaultJedisClientConfig.builder()
              .connectionTimeoutMillis(2000).socketTimeoutMillis(2000).ssl(settings.tls()).build())
          .poolConfig(pool)
          .build();
      case CLUSTER -> RedisClusterClient.builder()
          .nodes(hosts(settings.clusterNodes()))
          .clientConfig(config)
          .poolConfig(pool)
          .build();
    };
  }

  /**
   * The server a connection of its own publishes to: the standalone server, or Sentinel's current
   * master (asked again each time); null for Redis Cluster, where the cluster client routes.
   */
  static Supplier<HostAndPort> publishEndpoint(RedisSettings settings, UnifiedJedis client) {
    return switch (settings.topology()) {
      case STANDALONE -> {
        HostAndPort server = new HostAndPort(settings.host(), settings.port());
        yield () -> server;
      }
      case SENTINEL -> ((RedisSentinelClient) client)::getCurrentMaster;
      case CLUSTER -> null;
    };
  }

  static JedisClientConfig clientConfig(RedisSettings settings) {
    DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(2000)
        .socketTimeoutMillis(5000)
        .ssl(settings.tls())
        .clientName("y-jakarta");
    if (settings.topology() != RedisSettings.Topology.CLUSTER) {
      b.database(settings.database());
    }
    settings.username().ifPresent(b::user);
    settings.password().ifPresent(b::password);
    return b.build();
  }

  private static Set<HostAndPort> hosts(java.util.List<RedisSettings.Node> nodes) {
    Set<HostAndPort> out = new LinkedHashSet<>();
    for (RedisSettings.Node n : nodes) {
      out.add(new HostAndPort(n.host(), n.port()));
    }
    return out;
  }
}
