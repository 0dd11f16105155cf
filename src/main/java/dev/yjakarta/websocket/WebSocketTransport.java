package dev.yjakarta.websocket;

import dev.yjakarta.protocol.CloseCode;
import dev.yjakarta.server.ContextCapture;
import dev.yjakarta.server.Scheduler;
import dev.yjakarta.server.Transport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends through the async remote, one frame in flight at a time (containers refuse overlapping
 * async sends), from a per-socket FIFO. A client that does not read is closed once its queue
 * passes the configured bound, instead of growing memory without limit. A close waits for the
 * frames queued before it.
 *
 * <p>A close also waits until the client has stopped sending for {@link #QUIET_MS} (at most
 * {@link #MAX_LINGER_MS}). Containers close TCP right after the close frame; frames of a client that
 * is still sending would then sit unread in the kernel, which answers with a reset instead of a
 * FIN and drops the unsent close frame: the client sees 1006 instead of 4401 or 4205. Draining
 * first (the frames are discarded, the socket's session is already closed) avoids that.
 */
final class WebSocketTransport implements Transport {
  private static final Logger LOG = Logger.getLogger(WebSocketTransport.class.getName());
  private static final AtomicLong IDS = new AtomicLong();
  // Measured at the application (onMessage), which lags behind the network under load: with
  // 100 ms, 5 of 80 fuzzed sockets still saw 1006 (8 concurrent flooders); with 600 ms none did.
  static final long QUIET_MS = 500;
  static final long MAX_LINGER_MS = 2_000;

  private final Session session;
  private final String id;
  private final long maxQueuedBytes;
  private final Scheduler scheduler;
  private volatile long lastInboundAt;
  // guarded by this
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean sending;
  private CloseCode closeAfterQueue;
  private boolean closed;
  private long lingerSince;

  WebSocketTransport(Session session, long maxQueuedBytes, Scheduler scheduler) {
    this.session = session;
    this.id = "ws-" + IDS.incrementAndGet();
    this.maxQueuedBytes = maxQueuedBytes;
    this.scheduler = scheduler;
  }

  /** The endpoint received a frame (any frame, also after the close was decided). */
  void inbound() {
    lastInboundAt = scheduler.nowMillis();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public void send(byte[] frame) {
    boolean overflow = false;
    synchronized (this) {
      if (closed || closeAfterQueue != null) {
        return;
      }
      if (queuedBytes + frame.length > maxQueuedBytes) {
        overflow = true;
      } else {
        queue.add(frame);
        queuedBytes += frame.length;
        if (sending) {
          return;
        }
        sending = true;
      }
    }
    if (overflow) {
      LOG.warning(() -> "connection " + id + " does not read its frames; closing it");
      closeNow(CloseCode.RESET_CONNECTION);
      return;
    }
    sendNext();
  }

  /** One send in flight; tells whether its completion came before sendBinary returned. */
  private static final class InFlight {
    boolean returned;
    SendResult result;
  }

  /**
   * Sends queued frames until the queue is empty or a send completes asynchronously (its callback
   * then continues). A container that completes sends inline is handled by this loop, not by
   * recursion, so a long backlog cannot overflow the stack.
   */
  private void sendNext() {
    while (true) {
      byte[] next;
      CloseCode close = null;
      synchronized (this) {
        next = queue.poll();
        if (next == null) {
          sending = false;
          close = closeAfterQueue;
        } else {
          queuedBytes -= next.length;
        }
      }
      if (next == null) {
        if (close != null) {
          closeNow(close);
        }
        return;
      }
      InFlight f = new InFlight();
      Thread thread = Thread.currentThread();
      ClassLoader contextLoader = thread.getContextClassLoader();
      try {
        // Tyrus restarts its idle timer on every send through the managed scheduled executor
        thread.setContextClassLoader(ContextCapture.NO_RESOURCES);
        session.getAsyncRemote().sendBinary(ByteBuffer.wrap(next), result -> {
          boolean continueHere;
          synchronized (f) {
            f.result = result;
            continueHere = f.returned;
          }
          if (continueHere) {
            if (sent(result)) {
              sendNext();
            }
          }
        });
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "send on " + id + " failed", e);
        failed();
        return;
      } finally {
        thread.setContextClassLoader(contextLoader);
      }
      SendResult inline;
      synchronized (f) {
        f.returned = true;
        inline = f.result;
      }
      if (inline == null || !sent(inline)) {
        return; // the callback continues, or the socket is closed
      }
    }
  }

  /** Whether sending may go on. */
  private boolean sent(SendResult result) {
    if (result.isOK()) {
      return true;
    }
    LOG.log(Level.FINE, "send on " + id + " failed", result.getException());
    failed();
    return false;
  }

  private void failed() {
    synchronized (this) {
      queue.clear();
      queuedBytes = 0;
      sending = false;
    }
    closeNow(CloseCode.RESET_CONNECTION);
  }

  @Override
  public void close(CloseCode code) {
    synchronized (this) {
      if (closed || closeAfterQueue != null) {
        return;
      }
      if (sending) {
        closeAfterQueue = code; // after the frames already queued (e.g. PermissionDenied)
        return;
      }
    }
    closeNow(code);
  }

  private void closeNow(CloseCode code) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.clear();
      queuedBytes = 0;
      lingerSince = scheduler.nowMillis();
    }
    if (code == CloseCode.GOING_AWAY) {
      closeSession(code); // undeploy: do not outlive the application
    } else {
      lingerThenClose(code);
    }
  }

  /** Closes once the client has been quiet for QUIET_MS, or MAX_LINGER_MS after the decision. */
  private void lingerThenClose(CloseCode code) {
    long now = scheduler.nowMillis();
    long quietFor = now - lastInboundAt;
    if (quietFor >= QUIET_MS || now - lingerSince >= MAX_LINGER_MS || !session.isOpen()) {
      closeSession(code);
      return;
    }
    long wait = Math.min(QUIET_MS - quietFor, MAX_LINGER_MS - (now - lingerSince));
    scheduler.schedule(() -> lingerThenClose(code), Math.max(1, wait));
  }

  private void closeSession(CloseCode code) {
    try {
      if (session.isOpen()) {
        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code.code()), code.reason()));
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "closing " + id + " failed", e);
    }
  }
}
