package dev.yjakarta.cluster;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Publishes in the order messages were produced, and never makes a WebSocket or hook thread wait
 * for Redis. A publish that fails (Redis down) is dropped: pub/sub keeps nothing anyway, and the
 * anti-entropy Step1 after the reconnect heals what was missed.
 *
 * <p>Standalone and Sentinel: one connection of its own. A small publish is written by the calling
 * thread itself when nothing is queued, the connection is idle enough and no other thread is
 * writing: on two busy cores, handing it to a publishing thread cost a thread wake-up per edit, up
 * to 2 ms at the 99th percentile of the cross-instance latency (bench/compare). Such a write cannot
 * block: at most {@link #INLINE_MAX_IN_FLIGHT} commands of at most {@link #INLINE_MAX_BYTES} are
 * unanswered, so they are all the socket can hold unacknowledged, and its send buffer
 * ({@link #SEND_BUFFER_BYTES}) is far larger. Everything else is queued (bounded) for the
 * publishing thread, which writes what it finds queued in one flush and owns (re)connecting; while
 * anything is queued, callers queue too, so order is kept. A reader thread consumes the replies and,
 * blocked in its read, learns at once when Redis closes the connection (a restart), so the next
 * publish goes to a fresh connection instead of into a dead socket. With Sentinel the connection
 * follows the current master (checked every second).
 *
 * <p>Redis Cluster publishes one by one from the publishing thread through the cluster client:
 * PUBLISH has no key to route by.
 */
final class RedisPublisher {
  private static final Logger LOG = Logger.getLogger(RedisPublisher.class.getName());
  /** Larger publishes (a Step2 of a large document) leave from the publishing thread. */
  static final int INLINE_MAX_BYTES = 4 * 1024;
  /** Unanswered commands above which callers queue instead of writing. */
  static final int INLINE_MAX_IN_FLIGHT = 64;
  /** Room for {@link #INLINE_MAX_IN_FLIGHT} inline publishes many times over, packet overhead included. */
  static final int SEND_BUFFER_BYTES = 1024 * 1024;
  private static final long ENDPOINT_CHECK_MS = 1_000;
  /** No answer for this long while commands wait: the connection is half-open (no FIN, no reset). */
  static final long REPLY_TIMEOUT_MS = 5_000;
  private static final int MAX_BATCH = 256;

  private sealed interface Outgoing permits Publish, AfterQueued {}

  private record Publish(byte[] channel, byte[] payload) implements Outgoing {}

  private record AfterQueued(Runnable task, CompletableFuture<Void> done) implements Outgoing {}

  /** A connection whose buffered commands this class flushes itself (Jedis keeps flush protected). */
  private static final class PublishingConnection extends Connection {
    final HostAndPort endpoint;
    /** Commands written and not yet answered. */
    final AtomicInteger inFlight = new AtomicInteger();
    /** When the connection last had nothing to answer, or last answered (System.nanoTime). */
    volatile long waitingSince = System.nanoTime();
    /** Set by the constructor's connect: afterwards a closed connection stays closed. */
    private boolean connectedOnce;

    PublishingConnection(HostAndPort endpoint, JedisClientConfig config) {
      super(() -> {
        Socket socket = new DefaultJedisSocketFactory(endpoint, config).createSocket();
        try {
          socket.setSendBufferSize(SEND_BUFFER_BYTES);
        } catch (SocketException e) {
          LOG.log(Level.FINE, "could not size the publishing socket's send buffer", e);
        }
        return socket;
      }, config);
      this.endpoint = endpoint;
      setTimeoutInfinite(); // the reader waits for replies, and for the close, without a timeout
    }

    /** Jedis reconnects a closed connection on the next command; this one must never, as a caller's write must not wait for a connect. */
    @Override
    public void connect() {
      if (connectedOnce && !isConnected()) {
        throw new JedisConnectionException("the publishing connection is closed");
      }
      super.connect();
      connectedOnce = true;
    }

    void append(byte[] channel, byte[] payload) {
      if (inFlight.getAndIncrement() == 0) {
        waitingSince = System.nanoTime();
      }
      sendCommand(Protocol.Command.PUBLISH, channel, payload);
    }

    void flushNow() {
      flush();
    }

    /** Blocks until the next reply (or the end of the connection). */
    void readReply() {
      try {
        getUnflushedObject();
      } finally {
        waitingSince = System.nanoTime();
        inFlight.decrementAndGet();
      }
    }

    /** Whether commands have waited longer than {@code timeoutNanos} without any answer. */
    boolean unanswered(long timeoutNanos) {
      return inFlight.get() > 0 && System.nanoTime() - waitingSince > timeoutNanos;
    }
  }

  private final UnifiedJedis client;
  /** Where to publish: the standalone server or Sentinel's current master; null for Redis Cluster. */
  private final Supplier<HostAndPort> endpoint;
  private final JedisClientConfig config;
  private final BlockingQueue<Outgoing> queue;
  /** Queued and not yet written (or dropped); callers write inline only when it is 0. */
  private final AtomicInteger queued = new AtomicInteger();
  /** Held while writing to the connection and while replacing it. */
  private final ReentrantLock writing = new ReentrantLock();
  private final Thread thread;
  private final Thread reader;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong inline = new AtomicLong();
  private volatile PublishingConnection connection;
  private volatile boolean stopping;
  private volatile long lastWarn;
  private long lastEndpointCheck;

  /**
   * @param endpoint the server to publish to, asked again on every reconnect and every second; null
   *     for Redis Cluster, which publishes through {@code client}
   */
  RedisPublisher(UnifiedJedis client, Supplier<HostAndPort> endpoint, JedisClientConfig config, ThreadFactory threads, int capacity) {
    this.client = client;
    this.endpoint = endpoint;
    this.config = config;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = threads.newThread(this::run);
    thread.setName("y-jakarta-redis-publisher");
    thread.setDaemon(true);
    if (endpoint != null) {
      reader = threads.newThread(this::readReplies);
      reader.setName("y-jakarta-redis-publisher-replies");
      reader.setDaemon(true);
    } else {
      reader = null;
    }
    thread.start();
    if (reader != null) {
      reader.start();
    }
  }

  /** Publishes now from this thread when that cannot block, else queues; never blocks. A full queue drops the message (counted and logged). */
  void publish(String channel, byte[] payload) {
    if (stopping) {
      drop();
      return;
    }
    byte[] ch = channel.getBytes(StandardCharsets.UTF_8);
    if (endpoint != null && payload.length <= INLINE_MAX_BYTES && queued.get() == 0 && writing.tryLock()) {
      try {
        PublishingConnection c = connection;
        if (c != null && queued.get() == 0 && c.inFlight.get() < INLINE_MAX_IN_FLIGHT) {
          try {
            c.append(ch, payload);
            c.flushNow();
            published.incrementAndGet();
            inline.incrementAndGet();
            return;
          } catch (RuntimeException e) {
            discard(c, e); // the publishing thread reconnects and sends it
          }
        }
      } finally {
        writing.unlock();
      }
    }
    enqueue(new Publish(ch, payload));
  }

  /** Runs {@code task} on the publishing thread after everything published so far has been sent. */
  CompletableFuture<Void> afterQueued(Runnable task) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (stopping || !enqueue(new AfterQueued(task, done))) {
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

  /** Whether a connection of its own is open (never for Redis Cluster). */
  boolean connected() {
    return connection != null;
  }

  /** Publishes written by the thread that produced them. */
  long publishedInline() {
    return inline.get();
  }

  private boolean enqueue(Outgoing o) {
    queued.incrementAndGet();
    if (queue.offer(o)) {
      return true;
    }
    queued.decrementAndGet();
    if (o instanceof Publish) {
      drop();
    }
    return false;
  }

  private void drop() {
    dropped.incrementAndGet();
    warn("Redis publish queue is full or closed; a message was dropped (anti-entropy heals it)", null);
  }

  private void run() {
    List<Outgoing> batch = new ArrayList<>(MAX_BATCH);
    List<Publish> publishes = new ArrayList<>(MAX_BATCH);
    try {
      while (!stopping || !queue.isEmpty()) {
        Outgoing first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          maintainConnection();
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        for (Outgoing o : batch) {
          if (o instanceof Publish p) {
            publishes.add(p);
          } else if (o instanceof AfterQueued a) {
            send(publishes);
            queued.decrementAndGet();
            runTask(a);
          }
        }
        send(publishes);
        batch.clear();
        dropIfUnanswered();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      writing.lock();
      try {
        PublishingConnection c = connection;
        connection = null;
        if (c != null) {
          c.forceDisconnect();
        }
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.FINE, "closing the Redis publishing connection failed", e);
      } finally {
        writing.unlock();
      }
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
    int n = publishes.size();
    if (endpoint == null) {
      sendThroughCluster(publishes);
    } else {
      writing.lock();
      try {
        for (int attempt = 0; attempt < 2; attempt++) {
          PublishingConnection c = connection;
          try {
            if (c == null) {
              c = connect();
            }
            for (Publish m : publishes) {
              c.append(m.channel(), m.payload());
            }
            c.flushNow();
            published.addAndGet(n);
            break;
          } catch (RuntimeException e) {
            discard(c, e);
            if (attempt == 1) {
              dropped.addAndGet(n);
              warn(n + " Redis publishes failed and were dropped (anti-entropy heals it): " + e, e);
            }
          }
        }
        queued.addAndGet(-n); // under the lock: no caller writes ahead of them
      } finally {
        writing.unlock();
      }
    }
    publishes.clear();
  }

  private void sendThroughCluster(List<Publish> publishes) {
    int n = publishes.size();
    try {
      for (Publish m : publishes) {
        client.publish(m.channel(), m.payload());
        published.incrementAndGet();
        n--;
      }
    } catch (RuntimeException e) {
      dropped.addAndGet(n);
      warn(n + " Redis publishes failed and were dropped (anti-entropy heals it): " + e, e);
    }
    queued.addAndGet(-publishes.size());
  }

  /** Under {@link #writing}. */
  private PublishingConnection connect() {
    PublishingConnection c = new PublishingConnection(endpoint.get(), config);
    connection = c;
    return c;
  }

  /**
   * Closes a connection that has not answered for {@link #REPLY_TIMEOUT_MS} while commands wait:
   * Redis is gone without a FIN (a dead host, a dropped route), and writes there would vanish.
   */
  private void dropIfUnanswered() {
    PublishingConnection c = connection;
    if (c != null && c.unanswered(TimeUnit.MILLISECONDS.toNanos(REPLY_TIMEOUT_MS))) {
      warn("the Redis publishing connection has not answered for " + REPLY_TIMEOUT_MS + " ms; reconnecting", null);
      discard(c, null);
    }
  }

  /** Closes the publishing connection (a half-open one, found by the relay probe); the next publish reconnects. */
  void reconnect() {
    discard(connection, null);
  }

  /** While idle: connect ahead of the next publish, and follow a Sentinel failover. */
  private void maintainConnection() {
    if (endpoint == null || stopping) {
      return;
    }
    dropIfUnanswered();
    long now = System.currentTimeMillis();
    if (now - lastEndpointCheck < ENDPOINT_CHECK_MS) {
      return;
    }
    lastEndpointCheck = now;
    writing.lock();
    try {
      PublishingConnection c = connection;
      if (c == null) {
        connect();
      } else if (!c.endpoint.equals(endpoint.get())) {
        LOG.info(() -> "Redis master moved from " + c.endpoint + "; publishing to the new one");
        discard(c, null);
        connect();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "connecting the Redis publisher failed; the next publish tries again", e);
    } finally {
      writing.unlock();
    }
  }

  /**
   * Closes {@code c} and forgets it (if still current). Closing comes first and takes no lock: the
   * publishing thread may hold the lock, blocked writing to a dead connection, and this ends that
   * write (and the reader's blocked read).
   */
  private void discard(PublishingConnection c, RuntimeException cause) {
    if (c == null) {
      return;
    }
    try {
      c.forceDisconnect();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "closing a Redis publishing connection failed", e);
    }
    writing.lock();
    try {
      if (connection == c) {
        connection = null;
      }
    } finally {
      writing.unlock();
    }
    if (cause != null) {
      LOG.log(Level.FINE, "Redis publishing connection failed", cause);
    }
  }

  /** The reader thread: consumes PUBLISH replies; a failed read means the connection is gone. */
  private void readReplies() {
    while (!stopping || connection != null) {
      PublishingConnection c = connection;
      if (c == null) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
        continue;
      }
      try {
        c.readReply();
      } catch (JedisDataException e) {
        LOG.log(Level.FINE, "Redis refused a publish", e); // an error reply: the connection is fine
      } catch (RuntimeException e) {
        discard(c, stopping ? null : e);
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

  /** Sends what is queued (at most 2 s), then stops. */
  void stop() {
    stopping = true;
    try {
      thread.join(2_000);
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(1_000);
      }
      if (reader != null) {
        reader.join(1_000);
        if (reader.isAlive()) {
          reader.interrupt();
        }
      }
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
    }
  }
}
