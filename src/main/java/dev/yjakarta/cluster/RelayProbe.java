package dev.yjakarta.cluster;

import dev.yjakarta.protocol.StatelessMessages;
import dev.yjakarta.server.ServerMetrics;
import dev.yjakarta.yjs.lib0.Lib0Decoder;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Measures the relay path of this instance and watches it: a probe, published through the normal
 * publishing queue on this instance's own reply channel (only this instance subscribes to it, so
 * no peer ever sees it), comes back through the subscriber loop. The time it took is the relay lag
 * (publisher queue + Redis + subscriber loop). A probe that does not come back within the timeout
 * means the subscription is dead without knowing it (a half-open TCP connection: Redis gone
 * without a FIN), and the subscriber connection is forced closed so the loop reconnects,
 * resubscribes and runs the anti-entropy announcement.
 *
 * <p>The probe is an ordinary envelope (our identifier, then a Stateless frame for the empty
 * document name, which no document can have), so anything that reads the channel can parse it.
 * {@link #tick()} runs on the relay's scheduler; {@link #received} on the subscriber thread.
 */
final class RelayProbe {
  private static final Logger LOG = Logger.getLogger(RelayProbe.class.getName());
  private static final String MARK = "yjakarta-probe ";

  /** What the probe needs from the relay; a seam for tests. */
  interface Relay {
    /** Whether the subscription is live; no probe goes out while it is not. */
    boolean connected();

    /** Queues {@code payload} on this instance's reply channel. */
    void publishToSelf(byte[] payload);

    /** Sends a PING on the subscriber connection; its answer counts as hearing from Redis. */
    void pingSubscriber();

    /** When (nano clock) the subscriber connection last received anything. */
    long lastHeardNanos();

    /** Forces the subscriber connection closed (the loop then reconnects). */
    void forceReconnect();
  }

  private final Relay relay;
  private final byte[] ownPrefix;
  private final long intervalMs;
  private final long timeoutMs;
  private final ServerMetrics metrics;
  private final LongSupplier nanoClock;
  // guarded by this
  private long sequence;
  private long outstanding = -1;
  private long outstandingSentAt;
  private long lastSentAt = Long.MIN_VALUE / 2;
  private long timeouts;

  RelayProbe(Relay relay, byte[] ownPrefix, long intervalMs, long timeoutMs, ServerMetrics metrics,
      LongSupplier nanoClock) {
    this.relay = relay;
    this.ownPrefix = ownPrefix;
    this.intervalMs = intervalMs;
    this.timeoutMs = timeoutMs;
    this.metrics = metrics;
    this.nanoClock = nanoClock;
  }

  /** How often {@link #tick()} should run: often enough to notice a timeout close to its bound. */
  long tickMs() {
    return Math.max(10, Math.min(intervalMs, timeoutMs / 4));
  }

  /**
   * Sends a probe when it is time and none is out. A probe that is late gets the subscriber
   * connection pinged on every tick; once the probe is overdue and the subscriber has heard nothing
   * (no message, no pong) for the whole timeout either, the connection is dead and is forced
   * closed. A late probe with a live subscriber only means a slow publisher: it is given up and a
   * new one goes out, without a reconnect.
   */
  void tick() {
    boolean reconnect = false;
    boolean ping = false;
    byte[] probe = null;
    long now = nanoClock.getAsLong();
    long timeout = timeoutMs * 1_000_000L;
    synchronized (this) {
      if (!relay.connected()) {
        outstanding = -1; // the loop is reconnecting already; start afresh when it is live
        return;
      }
      if (outstanding >= 0) {
        long age = now - outstandingSentAt;
        if (age >= timeout) {
          outstanding = -1;
          if (now - relay.lastHeardNanos() >= timeout) {
            timeouts++;
            reconnect = true;
          }
        } else if (age >= timeout / 4) {
          ping = true;
        }
      }
      if (!reconnect && outstanding < 0 && now - lastSentAt >= intervalMs * 1_000_000L) {
        outstanding = ++sequence;
        outstandingSentAt = now;
        lastSentAt = now;
        probe = encode(outstanding, now);
      }
    }
    if (reconnect) {
      LOG.warning("Redis relay probe not back and nothing heard on the subscriber connection for " + timeoutMs
          + " ms; closing it to reconnect (half-open connection?)");
      metrics.relayProbeTimedOut();
      relay.forceReconnect();
      return;
    }
    if (ping) {
      relay.pingSubscriber();
    }
    if (probe != null) {
      relay.publishToSelf(probe);
    }
  }

  /** Whether {@code payload} (an envelope of ours, from the reply channel) is a probe; observes it. */
  boolean received(byte[] payload) {
    long[] parsed = decode(payload);
    if (parsed == null) {
      return false;
    }
    long now = nanoClock.getAsLong();
    synchronized (this) {
      if (parsed[0] == outstanding) {
        outstanding = -1;
      }
    }
    // late probes (after a timeout) still tell how slow the path was
    metrics.relayLag(now - parsed[1]);
    return true;
  }

  synchronized long timeouts() {
    return timeouts;
  }

  byte[] encode(long seq, long sentAtNanos) {
    return RelayEnvelope.encode(ownPrefix, StatelessMessages.stateless("", MARK + seq + " " + sentAtNanos));
  }

  /** {seq, sentAtNanos}, or null when {@code payload} is not one of our probes. */
  private long[] decode(byte[] payload) {
    if (!RelayEnvelope.isFrom(ownPrefix, payload)) {
      return null;
    }
    byte[] frame = Arrays.copyOfRange(payload, ownPrefix.length, payload.length);
    // address "" (one zero byte), type Stateless (5), then vs(text)
    if (frame.length < 3 || frame[0] != 0 || frame[1] != 5) {
      return null;
    }
    try {
      String text = StatelessMessages.read(new Lib0Decoder(frame, 2, frame.length - 2));
      if (!text.startsWith(MARK)) {
        return null;
      }
      String[] parts = text.substring(MARK.length()).split(" ");
      return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    } catch (RuntimeException e) {
      return null;
    }
  }
}
