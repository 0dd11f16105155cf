package dev.yjakarta.cluster;

import dev.yjakarta.server.ServerMetrics;
import dev.yjakarta.server.StoreLock;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The store lock of extension-redis, {@code SET <prefix>:<doc>:lock <token> NX PX lockTimeout}, so
 * y-jakarta and Hocuspocus instances exclude each other. Unlike Hocuspocus the lease is renewed
 * while the store runs (compare-and-pexpire) and a loser gets {@link StoreLockUnavailable}, which
 * the store scheduler retries: contention never drops a store.
 */
public final class RedisStoreLock implements StoreLock {
  private static final Logger LOG = Logger.getLogger(RedisStoreLock.class.getName());

  static final String RELEASE =
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
  static final String RENEW =
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final UnifiedJedis client;
  private final RedisSettings settings;
  private final ScheduledExecutorService scheduler;
  private final ServerMetrics metrics;

  RedisStoreLock(UnifiedJedis client, RedisSettings settings, ScheduledExecutorService scheduler) {
    this(client, settings, scheduler, ServerMetrics.NONE);
  }

  RedisStoreLock(UnifiedJedis client, RedisSettings settings, ScheduledExecutorService scheduler,
      ServerMetrics metrics) {
    this.client = client;
    this.settings = settings;
    this.scheduler = scheduler;
    this.metrics = metrics;
  }

  @Override
  public Lease acquire(String documentName) {
    String key = settings.lockKey(documentName);
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String token = HexFormat.of().formatHex(random);
    long ttl = settings.lockTimeoutMs();
    String reply;
    try {
      reply = client.set(key, token, SetParams.setParams().nx().px(ttl));
    } catch (RuntimeException e) {
      throw new StoreLockUnavailable("Redis is unreachable for the store lock of '" + documentName + "'", e);
    }
    if (!"OK".equals(reply)) {
      metrics.lockContended();
      throw new StoreLockUnavailable("another instance is storing '" + documentName + "'", null);
    }
    return new RedisLease(key, token, ttl);
  }

  /** A held lock, renewed every third of its TTL until closed. */
  final class RedisLease implements Lease {
    private final String key;
    private final String token;
    private final long ttl;
    private final ScheduledFuture<?> renewal;
    private volatile long validUntilNanos;
    private volatile boolean lost;
    private volatile boolean closed;

    RedisLease(String key, String token, long ttl) {
      this.key = key;
      this.token = token;
      this.ttl = ttl;
      this.validUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ttl);
      long period = Math.max(ttl / 3, 10);
      this.renewal = scheduler.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    private void renew() {
      if (closed || lost) {
        return;
      }
      long start = System.nanoTime();
      try {
        Object r = client.eval(RENEW, List.of(key), List.of(token, Long.toString(ttl)));
        if (r instanceof Long n && n == 1L) {
          validUntilNanos = start + TimeUnit.MILLISECONDS.toNanos(ttl);
        } else {
          lost = true;
          LOG.warning("store lock " + key + " was lost (expired or taken) while a store ran");
        }
      } catch (RuntimeException e) {
        // unknown: the lease stays valid until its last known expiry
        LOG.log(Level.FINE, "store lock renewal failed", e);
      }
    }

    @Override
    public boolean held() {
      return !closed && !lost && System.nanoTime() - validUntilNanos < 0;
    }

    String token() {
      return token;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      renewal.cancel(false);
      try {
        client.eval(RELEASE, List.of(key), List.of(token));
      } catch (RuntimeException e) {
        // it expires by itself after lockTimeout
        LOG.log(Level.FINE, "store lock release failed", e);
      }
    }
  }
}
