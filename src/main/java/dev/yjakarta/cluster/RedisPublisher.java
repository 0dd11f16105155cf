package dev.yjakarta.cluster;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.UnifiedJedis;

/**
 * Publishes from one dedicated thread with a bounded queue, so a WebSocket or hook thread never
 * waits for Redis and the messages of one instance leave in the order they were produced. A
 * publish that fails (Redis down) is dropped: pub/sub keeps nothing anyway, and the anti-entropy
 * Step1 after the reconnect heals what was missed.
 */
final class RedisPublisher {
  private static final Logger LOG = Logger.getLogger(RedisPublisher.class.getName());

  private final UnifiedJedis client;
  private final ThreadPoolExecutor thread;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private volatile long lastWarn;

  RedisPublisher(UnifiedJedis client, ThreadFactory threads, int capacity) {
    this.client = client;
    this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(capacity), threads);
  }

  /** Queues a publish; never blocks. A full queue drops the message (counted and logged). */
  void publish(String channel, byte[] payload) {
    try {
      thread.execute(() -> send(channel, payload));
    } catch (RejectedExecutionException full) {
      dropped.incrementAndGet();
      warn("Redis publish queue is full or closed; a message was dropped (anti-entropy heals it)", null);
    }
  }

  /** Runs {@code task} on the publishing thread after everything queued so far. */
  CompletableFuture<Void> afterQueued(Runnable task) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      thread.execute(() -> {
        try {
          task.run();
          done.complete(null);
        } catch (RuntimeException e) {
          done.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  long published() {
    return published.get();
  }

  long dropped() {
    return dropped.get();
  }

  private void send(String channel, byte[] payload) {
    byte[] c = channel.getBytes(StandardCharsets.UTF_8);
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        client.publish(c, payload);
        published.incrementAndGet();
        return;
      } catch (RuntimeException e) {
        if (attempt == 1) {
          dropped.incrementAndGet();
          warn("Redis publish failed; the message was dropped (anti-entropy heals it): " + e, e);
        }
      }
    }
  }

  private void warn(String message, Throwable e) {
    long now = System.currentTimeMillis();
    if (now - lastWarn > 10_000) {
      lastWarn = now;
      LOG.warning(message);
    } else if (e != null) {
      LOG.log(Level.FINE, message, e);
    }
  }

  void stop() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
