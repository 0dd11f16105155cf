package dev.yjakarta.cluster;

import static dev.yjakarta.cluster.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.it.RedisProcess;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** The subscriber loop against a real redis-server that the test kills and restarts. */
class RedisSubscriberTest {
  private RedisProcess redis;
  private UnifiedJedis client;
  private UnifiedJedis publisher;
  private ExecutorService loop;
  private RedisSubscriber subscriber;
  private final BlockingQueue<String[]> received = new LinkedBlockingQueue<>();
  private final AtomicInteger subscribed = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    redis = RedisProcess.start();
    RedisSettings settings = RedisSettings.builder().host("127.0.0.1").port(redis.port()).build();
    client = RedisClients.create(settings);
    publisher = RedisClients.create(settings);
    loop = Executors.newSingleThreadExecutor();
    subscriber = new RedisSubscriber(client, "p#reply:me", new RedisSubscriber.Listener() {
      @Override
      public void onMessage(String channel, byte[] payload) {
        received.add(new String[] {channel, new String(payload, StandardCharsets.ISO_8859_1)});
      }

      @Override
      public void onSubscribed() {
        subscribed.incrementAndGet();
      }
    }, 200, 500);
    subscriber.start(loop);
    await(subscriber::connected, 5000);
  }

  @AfterEach
  void stop() throws Exception {
    subscriber.stop();
    loop.shutdownNow();
    assertTrue(loop.awaitTermination(5, TimeUnit.SECONDS), "the subscriber loop ended");
    client.close();
    publisher.close();
    redis.close();
  }


  private String[] next() throws InterruptedException {
    String[] m = received.poll(5, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("no message within 5 s");
    }
    return m;
  }

  @Test
  void receivesOnTheReplyChannelAndOnDocumentChannelsAddedWhileLive() throws Exception {
    publisher.publish("p#reply:me", "r1");
    assertArrayEquals(new String[] {"p#reply:me", "r1"}, next());
    subscriber.subscribe("p:doc").get(5, TimeUnit.SECONDS);
    publisher.publish("p:doc", "d1");
    assertArrayEquals(new String[] {"p:doc", "d1"}, next());
    subscriber.unsubscribe("p:doc");
    await(() -> !subscriber.subscribedChannels().contains("p:doc"), 5000);
    publisher.publish("p:doc", "d2");
    publisher.publish("p#reply:me", "r2");
    assertArrayEquals(new String[] {"p#reply:me", "r2"}, next(), "nothing arrives from an unsubscribed channel");
    assertEquals(1, subscribed.get());
  }

  @Test
  void carriesBinaryEnvelopesUnchanged() throws Exception {
    byte[] payload = RelayEnvelope.encode("peer-é", RelayFrame.update("doc", new byte[] {0, (byte) 0xff, 0x7f, (byte) 0x80}));
    publisher.publish("p#reply:me".getBytes(StandardCharsets.UTF_8), payload);
    String[] m = next();
    RelayEnvelope e = RelayEnvelope.decode(m[1].getBytes(StandardCharsets.ISO_8859_1));
    assertEquals("peer-é", e.identifier());
    assertArrayEquals(new byte[] {0, (byte) 0xff, 0x7f, (byte) 0x80}, RelayFrame.parse(e.frame()).data());
  }

  @Test
  void reconnectsAndResubscribesEveryChannelAfterRedisRestarts() throws Exception {
    subscriber.subscribe("p:a").get(5, TimeUnit.SECONDS);
    subscriber.subscribe("p:b").get(5, TimeUnit.SECONDS);
    redis.kill();
    await(() -> !subscriber.connected(), 5000);
    // wanted while Redis is down: subscribed at the reconnect
    var later = subscriber.subscribe("p:c");
    subscriber.unsubscribe("p:b");
    assertFalse(later.isDone());
    long down = System.nanoTime();
    redis.restart();
    later.get(5, TimeUnit.SECONDS);
    await(subscriber::connected, 5000);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - down);
    assertTrue(ms < 5000, "resubscribed " + ms + " ms after Redis was back");
    // onSubscribed runs on the subscriber's thread just after it marks itself connected
    await(() -> subscribed.get() == 2, 5000);
    assertEquals(2, subscribed.get(), "onSubscribed ran at the first connect and after the restart");
    assertEquals(java.util.Set.of("p#reply:me", "p:a", "p:c"), subscriber.subscribedChannels());
    for (String c : new String[] {"p:b", "p:a", "p:c", "p#reply:me"}) {
      publisher.publish(c, "after");
    }
    assertEquals("p:a", next()[0]);
    assertEquals("p:c", next()[0]);
    assertEquals("p#reply:me", next()[0]);
    assertTrue(received.isEmpty());
  }

  @Test
  void keepsRetryingWhileRedisIsDown() throws Exception {
    redis.kill();
    await(() -> !subscriber.connected(), 5000);
    Thread.sleep(1500); // several failed attempts
    redis.restart();
    await(subscriber::connected, 5000);
    publisher.publish("p#reply:me", "back");
    assertArrayEquals(new String[] {"p#reply:me", "back"}, next());
  }
}
