package dev.yjakarta.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.it.RedisProcess;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/** The publishing thread against a real redis-server. */
class RedisPublisherTest {
  private RedisProcess redis;
  private UnifiedJedis client;
  private RedisPublisher publisher;

  @BeforeEach
  void start() throws Exception {
    redis = RedisProcess.start();
    client = RedisClients.create(RedisSettings.builder().host("127.0.0.1").port(redis.port()).build());
    publisher = new RedisPublisher(client, true, Executors.defaultThreadFactory(), 1000);
  }

  @AfterEach
  void stop() throws Exception {
    publisher.stop();
    client.close();
    redis.close();
  }

  @Test
  void publishesInTheOrderMessagesWereQueued() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    BinaryJedisPubSub sub = new BinaryJedisPubSub() {
      @Override
      public void onMessage(byte[] channel, byte[] message) {
        received.add(new String(message, StandardCharsets.UTF_8));
      }
    };
    ExecutorService loop = Executors.newSingleThreadExecutor();
    try (UnifiedJedis subscriber = RedisClients.create(RedisSettings.builder().host("127.0.0.1").port(redis.port()).build())) {
      loop.submit(() -> subscriber.subscribe(sub, "c".getBytes(StandardCharsets.UTF_8)));
      long deadline = System.currentTimeMillis() + 5000;
      while (!sub.isSubscribed() && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      for (int i = 0; i < 500; i++) {
        publisher.publish("c", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
      }
      publisher.afterQueued(() -> {}).get(10, TimeUnit.SECONDS);
      while (received.size() < 500 && System.currentTimeMillis() < deadline + 5000) {
        Thread.sleep(10);
      }
      for (int i = 0; i < 500; i++) {
        assertEquals(Integer.toString(i), received.get(i));
      }
      sub.unsubscribe();
    } finally {
      loop.shutdownNow();
    }
  }

  @Test
  void neverBlocksTheCallerWhileRedisIsDownAndPublishesAgainAtOnceWhenItIsBack() throws Exception {
    publisher.publish("c", new byte[] {1});
    publisher.afterQueued(() -> {}).get(5, TimeUnit.SECONDS);
    redis.kill();
    long start = System.nanoTime();
    for (int i = 0; i < 5000; i++) {
      publisher.publish("c", new byte[] {2});
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(ms < 1000, "5000 publishes queued or dropped in " + ms + " ms without waiting for Redis");
    long deadline = System.currentTimeMillis() + 60_000;
    while (publisher.published() + publisher.dropped() < 5001 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20); // every message ends published or dropped, none waits for Redis
    }
    assertEquals(5001, publisher.published() + publisher.dropped());
    assertTrue(publisher.dropped() >= 4000, "dropped " + publisher.dropped());
    redis.restart();
    long before = publisher.published();
    publisher.publish("c", new byte[] {3});
    publisher.afterQueued(() -> {}).get(5, TimeUnit.SECONDS);
    assertEquals(before + 1, publisher.published(), "the first publish after the restart went out (testOnBorrow)");
  }
}
