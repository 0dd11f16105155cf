package dev.yjakarta.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.it.RedisProcess;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
    RedisSettings settings = RedisSettings.builder().host("127.0.0.1").port(redis.port()).build();
    client = RedisClients.create(settings);
    publisher = new RedisPublisher(client, RedisClients.publishEndpoint(settings, client), RedisClients.clientConfig(settings),
        Executors.defaultThreadFactory(), 1000);
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
      Await.until(() -> sub.isSubscribed(), 5000);
      for (int i = 0; i < 500; i++) {
        publisher.publish("c", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
      }
      publisher.afterQueued(() -> {}).get(10, TimeUnit.SECONDS);
      Await.until(() -> received.size() >= 500, 10_000);
      for (int i = 0; i < 500; i++) {
        assertEquals(Integer.toString(i), received.get(i));
      }
      sub.unsubscribe();
    } finally {
      loop.shutdownNow();
    }
  }

  private void awaitConnected() throws InterruptedException {
    Await.until(() -> publisher.connected(), 5000);
    assertTrue(publisher.connected(), "the publisher connects by itself while idle");
  }

  /** Subscribes to {@code channel} on its own connection; what arrives goes to {@code received}. */
  private BinaryJedisPubSub subscribe(UnifiedJedis subscriber, ExecutorService loop, String channel, List<byte[]> received)
      throws InterruptedException {
    BinaryJedisPubSub sub = new BinaryJedisPubSub() {
      @Override
      public void onMessage(byte[] ch, byte[] message) {
        received.add(message);
      }
    };
    loop.submit(() -> subscriber.subscribe(sub, channel.getBytes(StandardCharsets.UTF_8)));
    Await.until(() -> sub.isSubscribed(), 5000);
    return sub;
  }

  @Test
  void writesSmallPublishesFromTheCallingThreadAndKeepsTheirOrderWithLargeQueuedOnes() throws Exception {
    List<byte[]> received = new CopyOnWriteArrayList<>();
    ExecutorService loop = Executors.newSingleThreadExecutor();
    try (UnifiedJedis subscriber = RedisClients.create(RedisSettings.builder().host("127.0.0.1").port(redis.port()).build())) {
      BinaryJedisPubSub sub = subscribe(subscriber, loop, "c", received);
      awaitConnected();
      List<byte[]> sent = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        // idle, connected and nothing queued: each is written by this thread
        byte[] m = new byte[16];
        ByteBuffer.wrap(m).putInt(-1 - i);
        sent.add(m);
        publisher.publish("c", m);
      }
      assertEquals(10, publisher.publishedInline());
      for (int i = 0; i < 300; i++) {
        // every seventh is too large to be written inline: it is queued, and the small ones behind it must wait for it
        byte[] m = new byte[i % 7 == 3 ? RedisPublisher.INLINE_MAX_BYTES + 1 : 16];
        ByteBuffer.wrap(m).putInt(i);
        sent.add(m);
        publisher.publish("c", m);
        if (i % 50 == 0) {
          Thread.sleep(20); // let the queue drain now and then, so inline writes resume
        }
      }
      publisher.afterQueued(() -> {}).get(10, TimeUnit.SECONDS);
      Await.until(() -> received.size() >= sent.size(), 10_000);
      assertEquals(sent.size(), received.size());
      for (int i = 0; i < sent.size(); i++) {
        assertArrayEquals(sent.get(i), received.get(i), "message " + i);
      }
      assertEquals(310, publisher.published());
      assertTrue(publisher.publishedInline() <= 310 - 300 / 7, "large ones are never inline: " + publisher.publishedInline());
      sub.unsubscribe();
    } finally {
      loop.shutdownNow();
    }
  }

  @Test
  void neverBlocksTheCallerWhileRedisHangsAndDeliversWhatFitOnceItGoesOn() throws Exception {
    List<byte[]> received = new CopyOnWriteArrayList<>();
    ExecutorService loop = Executors.newSingleThreadExecutor();
    try (UnifiedJedis subscriber = RedisClients.create(RedisSettings.builder().host("127.0.0.1").port(redis.port()).build())) {
      BinaryJedisPubSub sub = subscribe(subscriber, loop, "c", received);
      awaitConnected();
      redis.pause(); // the connection stays open, and nothing is read or answered
      try {
        long start = System.nanoTime();
        for (int i = 0; i < 5000; i++) {
          publisher.publish("c", new byte[RedisPublisher.INLINE_MAX_BYTES]);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms < 2000, "5000 publishes written, queued or dropped in " + ms + " ms while Redis hangs");
        assertTrue(publisher.publishedInline() <= RedisPublisher.INLINE_MAX_IN_FLIGHT,
            "inline writes stop at the in-flight bound: " + publisher.publishedInline());
      } finally {
        redis.resume();
      }
      // every message ends written or dropped (the queue drains once Redis reads again)
      Await.await(() -> publisher.published() + publisher.dropped() == 5000, 30_000, "all 5000 accounted for");
      Await.until(() -> received.size() >= publisher.published(), 10_000);
      assertEquals(publisher.published(), received.size(), "everything written arrived once Redis went on");
      sub.unsubscribe();
    } finally {
      loop.shutdownNow();
    }
  }

  @Test
  void replacesAConnectionThatStopsAnsweringWithoutBeingClosed() throws Exception {
    List<byte[]> received = new CopyOnWriteArrayList<>();
    ExecutorService loop = Executors.newSingleThreadExecutor();
    BlackHoleProxy proxy = new BlackHoleProxy(redis.port());
    RedisSettings viaProxy = RedisSettings.builder().host("127.0.0.1").port(proxy.port()).build();
    UnifiedJedis proxied = RedisClients.create(viaProxy);
    RedisPublisher p = new RedisPublisher(proxied, RedisClients.publishEndpoint(viaProxy, proxied),
        RedisClients.clientConfig(viaProxy), Executors.defaultThreadFactory(), 1000);
    try (UnifiedJedis subscriber = RedisClients.create(RedisSettings.builder().host("127.0.0.1").port(redis.port()).build())) {
      BinaryJedisPubSub sub = subscribe(subscriber, loop, "c", received);
      Await.await(p::connected, 5000, "connected through the proxy");
      int before = proxy.connections();
      proxy.blackHoleExisting(); // no FIN, no reset: written bytes vanish, nothing is answered
      p.publish("c", "lost".getBytes(StandardCharsets.UTF_8));
      long start = System.nanoTime();
      Await.await(() -> proxy.connections() > before && p.connected(), RedisPublisher.REPLY_TIMEOUT_MS + 5000, "a new connection");
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(ms >= RedisPublisher.REPLY_TIMEOUT_MS - 1000, "replaced after the reply timeout, not before: " + ms + " ms");
      p.publish("c", "after".getBytes(StandardCharsets.UTF_8));
      Await.await(() -> received.size() == 1, 5000, "the publish on the new connection arrived");
      assertEquals("after", new String(received.get(0), StandardCharsets.UTF_8));
      sub.unsubscribe();
    } finally {
      p.stop();
      proxied.close();
      proxy.close();
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
    Await.until(() -> publisher.published() + publisher.dropped() >= 5001, 60_000);
    assertEquals(5001, publisher.published() + publisher.dropped());
    assertTrue(publisher.dropped() >= 4000, "dropped " + publisher.dropped());
    redis.restart();
    long before = publisher.published();
    publisher.publish("c", new byte[] {3});
    publisher.afterQueued(() -> {}).get(5, TimeUnit.SECONDS);
    assertEquals(before + 1, publisher.published(), "the first publish after the restart went out (testOnBorrow)");
  }
}
