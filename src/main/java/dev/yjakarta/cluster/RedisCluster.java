package dev.yjakarta.cluster;

import dev.yjakarta.server.ServerMetrics;
import dev.yjakarta.server.StoreLock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Redis side of one instance, assembled and started: the pooled client, the subscriber loop,
 * the publishing thread, the inbound thread, the relay protocol and the store lock. Plain Java, so
 * tests run two of them against one real Redis without a container.
 */
public final class RedisCluster implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RedisCluster.class.getName());

  private final RedisSettings settings;
  private final UnifiedJedis client;
  private final ScheduledExecutorService scheduler;
  /** Inbound lanes: a document's frames always use the same one (order), documents spread. */
  private final InboundLane[] inbound = new InboundLane[4];
  private final RedisPublisher publisher;
  private final DocumentRelay relay;
  private final RedisSubscriber subscriber;
  private final RedisStoreLock storeLock;

  private RedisCluster(RedisSettings settings, ExecutorService loopExecutor, ThreadFactory threads,
      ServerMetrics metrics) {
    this.settings = settings;
    this.client = RedisClients.create(settings);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(threads);
    for (int i = 0; i < inbound.length; i++) {
      inbound[i] = new InboundLane(threads);
    }
    this.publisher = new RedisPublisher(client, RedisClients.publishEndpoint(settings, client),
        RedisClients.clientConfig(settings), threads, 50_000);
    this.relay = new DocumentRelay(settings, publisher, scheduler,
        name -> inbound[Math.floorMod(name.hashCode(), inbound.length)], this::numsub);
    this.subscriber = new RedisSubscriber(client, relay.replyChannel(), relay, 200, 500);
    this.relay.attach(subscriber, metrics);
    this.storeLock = new RedisStoreLock(client, settings, scheduler, metrics);
    subscriber.start(loopExecutor);
  }

  /**
   * Starts the relay; the subscriber loop runs on {@code loopExecutor} (the container's managed
   * executor), the other threads come from {@code threads} (its managed thread factory).
   */
  public static RedisCluster start(RedisSettings settings, ExecutorService loopExecutor, ThreadFactory threads) {
    return start(settings, loopExecutor, threads, ServerMetrics.NONE);
  }

  /** As {@link #start(RedisSettings, ExecutorService, ThreadFactory)}, counting lock contention. */
  public static RedisCluster start(RedisSettings settings, ExecutorService loopExecutor, ThreadFactory threads,
      ServerMetrics metrics) {
    if (!settings.enabled()) {
      throw new IllegalArgumentException("Redis is not configured");
    }
    LOG.info("Redis relay starting: " + settings);
    return new RedisCluster(settings, loopExecutor, threads, metrics);
  }

  long numsub(String channel) {
    Object reply = client.sendCommand(Protocol.Command.PUBSUB, "NUMSUB", channel);
    if (reply instanceof List<?> list && list.size() >= 2 && list.get(1) instanceof Long n) {
      return n;
    }
    throw new IllegalStateException("unexpected PUBSUB NUMSUB reply");
  }

  public RedisSettings settings() {
    return settings;
  }

  DocumentRelay relay() {
    return relay;
  }

  RedisSubscriber subscriber() {
    return subscriber;
  }

  RedisPublisher publisher() {
    return publisher;
  }

  public StoreLock storeLock() {
    return storeLock;
  }

  /** Whether the subscription is live right now. */
  public boolean connected() {
    return subscriber.connected();
  }

  @Override
  public void close() {
    relay.stop();
    subscriber.stop();
    publisher.stop();
    for (InboundLane lane : inbound) {
      lane.shutdown();
    }
    scheduler.shutdownNow();
    try {
      for (InboundLane lane : inbound) {
        lane.awaitTermination(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close();
    LOG.info("Redis relay stopped");
  }
}
