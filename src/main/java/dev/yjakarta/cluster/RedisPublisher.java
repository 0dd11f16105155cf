package dev.yjakarta.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * Publishes from one dedicated thread with a bounded queue, so a WebSocket or hook thread never
 * waits for Redis and the messages of one instance leave in the order they were produced. A
 * publish that fails (Redis down) is dropped: pub/sub keeps nothing anyway, and the anti-entropy
 * Step1 after the reconnect heals what was missed.
 *
 * <p>Whatever is queued when the thread wakes up leaves as one pipeline: one write and one read
 * for the batch. The pipeline keeps its pooled connection for about {@link #PIPELINE_RENEW_MS}:
 * borrowing per publish made the pool's validation PING half of the publishing cost (10.9 % of the
 * server's CPU at 1,200 edits/s, async-profiler), and renewing it follows a Sentinel failover. The
 * renewal (a borrow, with its PING round trip) happens after a batch has left, never in front of a
 * waiting publish: at 20 publishes/s, one in twenty would otherwise pay it. An idle publisher
 * hands an old connection back to the pool and borrows again at its next publish.
 * Redis Cluster publishes one by one: its pipelines route by key, and PUBLISH has none.
 */
final class RedisPublisher {
  private static final Logger LOG = Logger.getLogger(RedisPublisher.class.getName());
  static final long PIPELINE_RENEW_MS = 1_000;
  private static final int MAX_BATCH = 256;

  private sealed interface Outgoing permits Publish, AfterQueued {}

  private record Publish(byte[] channel, byte[] payload) implements Outgoing {}

  private record AfterQueued(Runnable task, CompletableFuture<Void> done) implements Outgoing {}

  private final UnifiedJedis client;
  private final boolean pipelined;
  private final BlockingQueue<Outgoing> queue;
  private final Thread thread;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private volatile boolean stopping;
  private volatile long lastWarn;
  // publishing thread only
  private AbstractPipeline pipeline;
  private long pipelineSince;

  /** {@code pipelined}: false for Redis Cluster. */
  RedisPublisher(UnifiedJedis client, boolean pipelined, ThreadFactory threads, int capacity) {
    this.client = client;
    this.pipelined = pipelined;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = threads.newThread(this::run);
    thread.setName("y-jakarta-redis-publisher");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a publish; never blocks. A full queue drops the message (counted and logged). */
  void publish(String channel, byte[] payload) {
    if (stopping || !queue.offer(new Publish(channel.getBytes(StandardCharsets.UTF_8), payload))) {
      dropped.incrementAndGet();
      warn("Redis publish queue is full or closed; a message was dropped (anti-entropy heals it)", null);
    }
  }

  /** Runs {@code task} on the publishing thread after everything queued so far has been sent. */
  CompletableFuture<Void> afterQueued(Runnable task) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (stopping || !queue.offer(new AfterQueued(task, done))) {
      done.completeExceptionally(new RejectedExecutionException("the Redis publish queue is full or closed"));
    }
    return done;
  }

  long published() {
    return published.get();
  }

  long dropped() {
    return dropped.get();
  }

  private void run() {
    List<Outgoing> batch = new ArrayList<>(MAX_BATCH);
    List<Publish> publishes = new ArrayList<>(MAX_BATCH);
    try {
      while (!stopping || !queue.isEmpty()) {
        Outgoing first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (pipelineIsOld()) {
            discardPipeline();
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        for (Outgoing o : batch) {
          if (o instanceof Publish p) {
            publishes.add(p);
          } else if (o instanceof AfterQueued a) {
            send(publishes);
            runTask(a);
          }
        }
        send(publishes);
        batch.clear();
        renewPipelineIfOld();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      discardPipeline();
      for (Outgoing o : queue) {
        if (o instanceof AfterQueued a) {
          a.done().completeExceptionally(new RejectedExecutionException("the Redis publisher stopped"));
        }
      }
    }
  }

  private static void runTask(AfterQueued a) {
    try {
      a.task().run();
      a.done().complete(null);
    } catch (RuntimeException e) {
      a.done().completeExceptionally(e);
    }
  }

  /** Sends and clears {@code publishes}; one retry on a fresh connection, then they are dropped. */
  private void send(List<Publish> publishes) {
    if (publishes.isEmpty()) {
      return;
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        if (pipelined) {
          AbstractPipeline p = pipeline();
          for (Publish m : publishes) {
            p.publish(m.channel(), m.payload());
          }
          p.sync();
        } else {
          for (Publish m : publishes) {
            client.publish(m.channel(), m.payload());
          }
        }
        published.addAndGet(publishes.size());
        publishes.clear();
        return;
      } catch (RuntimeException e) {
        discardPipeline();
        if (attempt == 1) {
          dropped.addAndGet(publishes.size());
          warn(publishes.size() + " Redis publishes failed and were dropped (anti-entropy heals it): " + e, e);
        }
      }
    }
    publishes.clear();
  }

  private AbstractPipeline pipeline() {
    if (pipeline == null) {
      pipeline = client.pipelined();
      pipelineSince = System.nanoTime();
    }
    return pipeline;
  }

  private boolean pipelineIsOld() {
    return pipeline != null && System.nanoTime() - pipelineSince > TimeUnit.MILLISECONDS.toNanos(PIPELINE_RENEW_MS);
  }

  /** Swaps an old pipeline for a fresh one now, between batches; on failure the next send retries. */
  private void renewPipelineIfOld() {
    if (!pipelineIsOld()) {
      return;
    }
    discardPipeline();
    try {
      pipeline();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "renewing the Redis pipeline failed; the next publish tries again", e);
    }
  }

  private void discardPipeline() {
    if (pipeline != null) {
      try {
        pipeline.close(); // returns the connection to the pool, or marks it broken
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "closing a Redis pipeline failed", e);
      }
      pipeline = null;
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

  /** Sends what is queued (at most 2 s), then stops. */
  void stop() {
    stopping = true;
    try {
      thread.join(2_000);
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(1_000);
      }
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
    }
  }
}
