package dev.yjakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** Two Payara Micro instances configured with yjakarta/redis/* subscribe their reply channels. */
class RedisRelayDeploymentIT {

  static long numsub(UnifiedJedis redis, String channel) {
    java.util.List<?> reply = (java.util.List<?>) redis.sendCommand(Protocol.Command.PUBSUB, "NUMSUB", channel);
    return (Long) reply.get(1);
  }

  @Test
  void everyInstanceSubscribesItsReplyChannelAtDeployment() throws Exception {
    try (ClusterFixture cluster = ClusterFixture.start("relay-deploy", 2, Map.of("yjakarta/redis/prefix", "hp"));
        RedisClient redis = RedisClient.create("127.0.0.1", cluster.redis.port())) {
      long deadline = System.currentTimeMillis() + 10_000;
      long a;
      long b;
      do {
        a = numsub(redis, "hp#reply:java-a");
        b = numsub(redis, "hp#reply:java-b");
        Thread.sleep(100);
      } while ((a < 1 || b < 1) && System.currentTimeMillis() < deadline);
      assertEquals(1, a);
      assertEquals(1, b);
      String log = Files.readString(cluster.server(0).logFile());
      assertTrue(log.contains("Redis relay starting"), "the relay logged its start");
      java.net.http.HttpResponse<String> ready = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(cluster.server(1).http("/health/ready")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ready.statusCode(), ready.body());
      assertTrue(ready.body().contains("\"redis\"") && ready.body().contains("\"connected\":true"), ready.body());
      // the relay probe (every second by default) has made round trips through Redis
      double probes = 0;
      String metrics = "";
      deadline = System.currentTimeMillis() + 10_000;
      while (probes < 2 && System.currentTimeMillis() < deadline) {
        metrics = java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(cluster.server(0).http("/metrics")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        probes = metrics.lines().filter(l -> l.startsWith("yjakarta_relay_lag_seconds_count "))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(0);
        Thread.sleep(200);
      }
      assertTrue(probes >= 2, "relay probe round trips in /metrics:\n" + metrics);
      assertTrue(metrics.contains("yjakarta_relay_probe_timeouts_total 0.0"), "no probe timed out:\n" + metrics);
    }
  }
}
