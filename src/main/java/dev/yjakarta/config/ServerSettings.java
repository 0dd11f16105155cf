package dev.yjakarta.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The collaboration server's settings, read once from JNDI at start (see README.md, "Configuration (JNDI)").
 * Every value is validated here; a bad value fails the deployment with a message naming the JNDI
 * entry and its allowed range.
 *
 * @param timeoutMs idle timeout and pre-auth deadline of a socket
 * @param debounceMs quiet time after the last change before a store
 * @param maxDebounceMs longest a store may be postponed after the first pending change
 * @param maxMessageBytes largest inbound WebSocket message; larger ones close the socket (1009)
 * @param maxPreAuthBytes bytes a socket may queue for documents that are not authenticated yet
 * @param maxPreAuthFrames frames a socket may queue for documents that are not authenticated yet
 * @param maxPendingDocuments documents a socket may have waiting for authentication
 * @param maxSendQueueBytes bytes queued for a slow client before its socket is closed
 * @param storeRetryMinMs first delay before a failed store is retried (doubles each time)
 * @param storeRetryMaxMs longest delay between store retries
 * @param shutdownFlushMs how long shutdown keeps retrying pending stores
 * @param pingIntervalMs quiet time after which a v4 provider's socket gets an application Ping; 0 = never
 * @param jwtSecret HS256 secret of the built-in JWT authenticator; empty turns it off
 */
public record ServerSettings(
    long timeoutMs,
    long debounceMs,
    long maxDebounceMs,
    int maxMessageBytes,
    long maxPreAuthBytes,
    int maxPreAuthFrames,
    int maxPendingDocuments,
    long maxSendQueueBytes,
    long storeRetryMinMs,
    long storeRetryMaxMs,
    long shutdownFlushMs,
    long pingIntervalMs,
    Optional<String> jwtSecret) {

  public static final String TIMEOUT = "yjakarta/server/timeoutMs";
  public static final String DEBOUNCE = "yjakarta/server/debounceMs";
  public static final String MAX_DEBOUNCE = "yjakarta/server/maxDebounceMs";
  public static final String MAX_MESSAGE_BYTES = "yjakarta/server/maxMessageBytes";
  public static final String MAX_PRE_AUTH_BYTES = "yjakarta/server/maxPreAuthBytes";
  public static final String MAX_PRE_AUTH_FRAMES = "yjakarta/server/maxPreAuthFrames";
  public static final String MAX_PENDING_DOCUMENTS = "yjakarta/server/maxPendingDocuments";
  public static final String MAX_SEND_QUEUE_BYTES = "yjakarta/server/maxSendQueueBytes";
  public static final String STORE_RETRY_MIN = "yjakarta/server/storeRetryMinMs";
  public static final String STORE_RETRY_MAX = "yjakarta/server/storeRetryMaxMs";
  public static final String SHUTDOWN_FLUSH = "yjakarta/server/shutdownFlushMs";
  public static final String PING_INTERVAL = "yjakarta/server/pingIntervalMs";
  public static final String JWT_SECRET = "yjakarta/auth/jwtSecret";

  public ServerSettings {
    List<String> errors = new ArrayList<>();
    check(errors, TIMEOUT, timeoutMs, 100, 86_400_000L);
    check(errors, DEBOUNCE, debounceMs, 0, 3_600_000L);
    check(errors, MAX_DEBOUNCE, maxDebounceMs, 0, 86_400_000L);
    if (maxDebounceMs < debounceMs) {
      errors.add(MAX_DEBOUNCE + " (" + maxDebounceMs + ") must be >= " + DEBOUNCE + " (" + debounceMs + ")");
    }
    check(errors, MAX_MESSAGE_BYTES, maxMessageBytes, 1024, Integer.MAX_VALUE);
    check(errors, MAX_PRE_AUTH_BYTES, maxPreAuthBytes, 0, Long.MAX_VALUE);
    check(errors, MAX_PRE_AUTH_FRAMES, maxPreAuthFrames, 0, Integer.MAX_VALUE);
    check(errors, MAX_PENDING_DOCUMENTS, maxPendingDocuments, 1, Integer.MAX_VALUE);
    check(errors, MAX_SEND_QUEUE_BYTES, maxSendQueueBytes, 1024, Long.MAX_VALUE);
    check(errors, STORE_RETRY_MIN, storeRetryMinMs, 1, 3_600_000L);
    check(errors, STORE_RETRY_MAX, storeRetryMaxMs, 1, 3_600_000L);
    if (storeRetryMaxMs < storeRetryMinMs) {
      errors.add(STORE_RETRY_MAX + " must be >= " + STORE_RETRY_MIN);
    }
    check(errors, SHUTDOWN_FLUSH, shutdownFlushMs, 0, 3_600_000L);
    if (pingIntervalMs != 0) {
      check(errors, PING_INTERVAL, pingIntervalMs, 100, 3_600_000L);
    }
    jwtSecret = jwtSecret == null ? Optional.empty() : jwtSecret.filter(s -> !s.isEmpty());
    if (jwtSecret.isPresent() && jwtSecret.get().length() < 16) {
      errors.add(JWT_SECRET + " must be at least 16 characters (HS256 with a short secret is guessable)");
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid y-jakarta configuration: " + String.join("; ", errors));
    }
  }

  private static void check(List<String> errors, String name, long value, long min, long max) {
    if (value < min || value > max) {
      errors.add(name + " = " + value + " is outside [" + min + ", " + max + "]");
    }
  }

  /**
   * The defaults: Hocuspocus's timeout, debounce and pre-auth limits; 16 MiB messages; a Ping after
   * 10 s of silence, well inside the provider's 30 s watchdog.
   */
  public static ServerSettings defaults() {
    return new ServerSettings(60_000, 2_000, 10_000, 16 << 20, 5L << 20, 1000, 100, 64L << 20,
        1_000, 30_000, 20_000, 10_000, Optional.empty());
  }

  /** Reads every entry from JNDI, falling back to {@link #defaults()} for the unbound ones. */
  public static ServerSettings fromJndi() {
    return read(Jndi::string);
  }

  /** Reads the settings from {@code source} (a JNDI lookup, or a map in tests). */
  public static ServerSettings read(Function<String, Optional<String>> source) {
    ServerSettings d = defaults();
    return new ServerSettings(
        number(source, TIMEOUT, d.timeoutMs()),
        number(source, DEBOUNCE, d.debounceMs()),
        number(source, MAX_DEBOUNCE, d.maxDebounceMs()),
        (int) Math.min(Integer.MAX_VALUE, number(source, MAX_MESSAGE_BYTES, d.maxMessageBytes())),
        number(source, MAX_PRE_AUTH_BYTES, d.maxPreAuthBytes()),
        (int) Math.min(Integer.MAX_VALUE, number(source, MAX_PRE_AUTH_FRAMES, d.maxPreAuthFrames())),
        (int) Math.min(Integer.MAX_VALUE, number(source, MAX_PENDING_DOCUMENTS, d.maxPendingDocuments())),
        number(source, MAX_SEND_QUEUE_BYTES, d.maxSendQueueBytes()),
        number(source, STORE_RETRY_MIN, d.storeRetryMinMs()),
        number(source, STORE_RETRY_MAX, d.storeRetryMaxMs()),
        number(source, SHUTDOWN_FLUSH, d.shutdownFlushMs()),
        number(source, PING_INTERVAL, d.pingIntervalMs()),
        source.apply(JWT_SECRET));
  }

  private static long number(Function<String, Optional<String>> source, String name, long fallback) {
    Optional<String> raw = source.apply(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(raw.get().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid y-jakarta configuration: " + name + " = '" + raw.get()
          + "' is not a whole number");
    }
  }

  /** Never prints the JWT secret. */
  @Override
  public String toString() {
    return "ServerSettings[timeoutMs=" + timeoutMs + ", debounceMs=" + debounceMs + ", maxDebounceMs="
        + maxDebounceMs + ", maxMessageBytes=" + maxMessageBytes + ", maxPreAuthBytes=" + maxPreAuthBytes
        + ", maxPreAuthFrames=" + maxPreAuthFrames + ", maxPendingDocuments=" + maxPendingDocuments
        + ", maxSendQueueBytes=" + maxSendQueueBytes + ", storeRetryMinMs=" + storeRetryMinMs
        + ", storeRetryMaxMs=" + storeRetryMaxMs + ", shutdownFlushMs=" + shutdownFlushMs
        + ", pingIntervalMs=" + pingIntervalMs
        + ", jwt=" + (jwtSecret.isPresent() ? "on" : "off") + "]";
  }

  /** A copy with other timing values, for tests. */
  public ServerSettings withTimings(long timeoutMs, long debounceMs, long maxDebounceMs) {
    return new ServerSettings(timeoutMs, debounceMs, maxDebounceMs, maxMessageBytes, maxPreAuthBytes,
        maxPreAuthFrames, maxPendingDocuments, maxSendQueueBytes, storeRetryMinMs, storeRetryMaxMs,
        shutdownFlushMs, pingIntervalMs, jwtSecret);
  }

  /** A copy with the JWT secret set, for tests. */
  public ServerSettings withJwtSecret(String secret) {
    return new ServerSettings(timeoutMs, debounceMs, maxDebounceMs, maxMessageBytes, maxPreAuthBytes,
        maxPreAuthFrames, maxPendingDocuments, maxSendQueueBytes, storeRetryMinMs, storeRetryMaxMs,
        shutdownFlushMs, pingIntervalMs, Optional.ofNullable(secret));
  }

  /** A copy with other pre-auth limits, for tests. */
  public ServerSettings withPreAuthLimits(long bytes, int frames, int documents) {
    return new ServerSettings(timeoutMs, debounceMs, maxDebounceMs, maxMessageBytes, bytes, frames,
        documents, maxSendQueueBytes, storeRetryMinMs, storeRetryMaxMs, shutdownFlushMs, pingIntervalMs, jwtSecret);
  }

  /** A copy with another ping interval, for tests. */
  public ServerSettings withPingInterval(long ms) {
    return new ServerSettings(timeoutMs, debounceMs, maxDebounceMs, maxMessageBytes, maxPreAuthBytes,
        maxPreAuthFrames, maxPendingDocuments, maxSendQueueBytes, storeRetryMinMs, storeRetryMaxMs,
        shutdownFlushMs, ms, jwtSecret);
  }
}
