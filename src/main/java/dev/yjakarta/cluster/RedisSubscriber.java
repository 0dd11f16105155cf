package dev.yjakarta.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.Connection;
import redis.clients.jedis.UnifiedJedis;

/**
 * The one Redis subscription of an instance: a loop, run on a managed thread, that subscribes the
 * reply channel first and then every wanted document channel, and reconnects and resubscribes by
 * itself after any failure (Jedis never resubscribes on its own). Channels are added and removed on
 * the live subscription; a channel wanted while disconnected is subscribed at the next connect.
 */
final class RedisSubscriber {
  private static final Logger LOG = Logger.getLogger(RedisSubscriber.class.getName());

  /** Receives messages and the "(re)subscribed" signal; called on the subscriber thread. */
  interface Listener {
    void onMessage(String channel, byte[] payload);

    /** The reply channel and every channel wanted at connect time are subscribed again. */
    void onSubscribed();
  }

  private final UnifiedJedis client;
  private final String replyChannel;
  private final Listener listener;
  private final long minBackoffMs;
  private final long maxBackoffMs;
  /** Document channels wanted now (the reply channel is implicit and always wanted). */
  private final Set<String> wanted = ConcurrentHashMap.newKeySet();
  /** Callers waiting for a channel's SUBSCRIBE confirmation. */
  private final ConcurrentHashMap<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running;
  private volatile Session current;
  private volatile long connections;
  private volatile long lastHeardNanos = System.nanoTime();
  private Future<?> loop;

  RedisSubscriber(UnifiedJedis client, String replyChannel, Listener listener, long minBackoffMs, long maxBackoffMs) {
    this.client = client;
    this.replyChannel = replyChannel;
    this.listener = listener;
    this.minBackoffMs = minBackoffMs;
    this.maxBackoffMs = maxBackoffMs;
  }

  /** Starts the loop on {@code executor} (the container's managed executor in production). */
  synchronized void start(ExecutorService executor) {
    if (running) {
      return;
    }
    running = true;
    loop = executor.submit(this::run);
  }

  /** Whether the subscription is live (reply channel confirmed) right now. */
  boolean connected() {
    Session s = current;
    return s != null && s.live;
  }

  /** When (System.nanoTime) the subscription last received anything: a message, a confirmation, a pong. */
  long lastHeardNanos() {
    return lastHeardNanos;
  }

  /** Sends a PING on the live subscription; Redis answers with a pong that renews lastHeardNanos. */
  void ping() {
    Session s = current;
    if (s != null && s.live) {
      s.pingNow();
    }
  }

  /** How many times the subscription was established (1 after the first connect). */
  long connections() {
    return connections;
  }

  /** Channels confirmed on the live subscription (empty when disconnected). */
  Set<String> subscribedChannels() {
    Session s = current;
    return s == null ? Set.of() : Set.copyOf(s.confirmed);
  }

  /**
   * Wants {@code channel}; the future completes once Redis confirms the subscription (now or after
   * the next reconnect).
   */
  CompletableFuture<Void> subscribe(String channel) {
    wanted.add(channel);
    CompletableFuture<Void> f = pending.computeIfAbsent(channel, c -> new CompletableFuture<>());
    Session s = current;
    if (s != null && s.confirmed.contains(channel)) {
      pending.remove(channel, f);
      f.complete(null);
      return f;
    }
    if (s != null && s.live) {
      s.send(true, channel);
    }
    return f;
  }

  /** No longer wants {@code channel}; unsubscribes it on the live subscription. */
  void unsubscribe(String channel) {
    wanted.remove(channel);
    CompletableFuture<Void> f = pending.remove(channel);
    if (f != null) {
      f.cancel(false);
    }
    Session s = current;
    if (s != null && s.live) {
      s.send(false, channel);
    }
  }

  /**
   * Closes the live subscriber connection's socket, so the blocked read fails and the loop
   * reconnects and resubscribes. For a half-open connection (Redis gone without a FIN), where an
   * UNSUBSCRIBE would never be answered; the relay probe calls it when its probe does not return.
   */
  void forceReconnect() {
    Session s = current;
    if (s != null) {
      s.forceClose();
    }
  }

  /** Stops the loop: unsubscribes everything, which ends Jedis's blocking subscribe. */
  void stop() {
    running = false;
    stopped.countDown();
    Session s = current;
    if (s != null) {
      try {
        s.unsubscribe();
      } catch (Exception e) {
        LOG.log(Level.FINE, "unsubscribe on stop failed", e);
      }
    }
    if (loop != null) {
      loop.cancel(true);
    }
    pending.values().forEach(f -> f.cancel(false));
  }

  private void run() {
    long failingSince = 0;
    long lastWarn = 0;
    while (running) {
      Session s = new Session();
      List<String> channels = new ArrayList<>();
      channels.add(replyChannel);
      channels.addAll(wanted);
      s.initial.addAll(channels);
      current = s;
      try {
        client.subscribe(s, bytes(channels));
      } catch (Throwable e) {
        // catch everything: an escaping error would end this managed task silently
        long now = System.currentTimeMillis();
        if (running && (failingSince == 0 || now - lastWarn > 30_000)) {
          LOG.warning("Redis subscription lost or not possible (" + e + "); retrying");
          lastWarn = now;
        }
        if (failingSince == 0) {
          failingSince = now;
        }
        if (e instanceof VirtualMachineError fatal) {
          throw fatal;
        }
      } finally {
        s.live = false;
        current = null;
      }
      if (s.wasLive) {
        failingSince = 0;
      }
      if (!running) {
        break;
      }
      try {
        long backoff = ThreadLocalRandom.current().nextLong(minBackoffMs, maxBackoffMs + 1);
        if (stopped.await(backoff, TimeUnit.MILLISECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }

  private static byte[][] bytes(List<String> channels) {
    byte[][] out = new byte[channels.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = channels.get(i).getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  /** One connection's subscription. */
  private final class Session extends BinaryJedisPubSub {
    final Set<String> initial = ConcurrentHashMap.newKeySet();
    final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    volatile boolean live;
    volatile boolean wasLive;

    /** Closes the socket under the blocked read (Jedis keeps the connection to itself). */
    void forceClose() {
      Connection c = SubscriptionConnection.of(this);
      if (c == null) {
        LOG.warning("cannot reach the Redis subscriber connection to close it; unsubscribing instead");
        try {
          unsubscribe();
        } catch (RuntimeException e) {
          LOG.log(Level.FINE, "unsubscribe failed", e);
        }
        return;
      }
      try {
        c.forceDisconnect();
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.FINE, "closing the subscriber connection failed", e);
      }
    }

    synchronized void pingNow() {
      try {
        ping();
      } catch (Exception e) {
        LOG.log(Level.FINE, "PING on the subscriber connection failed; the probe decides", e);
      }
    }

    @Override
    public void onPong(byte[] pattern) {
      lastHeardNanos = System.nanoTime();
    }

    /** Sends SUBSCRIBE/UNSUBSCRIBE from another thread; serialized, failures end in a reconnect. */
    synchronized void send(boolean subscribe, String channel) {
      try {
        byte[] c = channel.getBytes(StandardCharsets.UTF_8);
        if (subscribe) {
          subscribe(c);
        } else {
          unsubscribe(c);
        }
      } catch (Exception e) {
        LOG.log(Level.FINE, "(un)subscribe on the live connection failed; the reconnect resubscribes", e);
      }
    }

    @Override
    public void onSubscribe(byte[] channel, int subscribedChannels) {
      lastHeardNanos = System.nanoTime();
      String name = new String(channel, StandardCharsets.UTF_8);
      confirmed.add(name);
      CompletableFuture<Void> f = pending.remove(name);
      if (f != null) {
        f.complete(null);
      }
      if (!live && confirmed.containsAll(initial)) {
        live = true;
        wasLive = true;
        connections++;
        // channels wanted after the snapshot of this connect: subscribe them now
        for (String w : wanted) {
          if (!initial.contains(w)) {
            send(true, w);
          }
        }
        // channels given up meanwhile
        for (String c : initial) {
          if (!c.equals(replyChannel) && !wanted.contains(c)) {
            send(false, c);
          }
        }
        try {
          listener.onSubscribed();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "relay failed to handle a resubscribe", e);
        }
      }
    }

    @Override
    public void onUnsubscribe(byte[] channel, int subscribedChannels) {
      confirmed.remove(new String(channel, StandardCharsets.UTF_8));
    }

    @Override
    public void onMessage(byte[] channel, byte[] message) {
      lastHeardNanos = System.nanoTime();
      try {
        listener.onMessage(new String(channel, StandardCharsets.UTF_8), message);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "relay failed to handle a Redis message", e);
      }
    }
  }
}
