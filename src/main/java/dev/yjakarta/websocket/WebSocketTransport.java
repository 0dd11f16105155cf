package dev.yjakarta.websocket;

import dev.yjakarta.protocol.CloseCode;
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
 */
final class WebSocketTransport implements Transport {
  private static final Logger LOG = Logger.getLogger(WebSocketTransport.class.getName());
  private static final AtomicLong IDS = new AtomicLong();

  private final Session session;
  private final String id;
  private final long maxQueuedBytes;
  // guarded by this
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean sending;
  private CloseCode closeAfterQueue;
  private boolean closed;

  WebSocketTransport(Session session, long maxQueuedBytes) {
    this.session = session;
    this.id = "ws-" + IDS.incrementAndGet();
    this.maxQueuedBytes = maxQueuedBytes;
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

  private void sendNext() {
    byte[] next;
    CloseCode close = null;
    synchronized (this) {
      next = queue.poll();
      if (next == null) {
        sending = false;
        close = closeAfterQueue;
        if (close == null) {
          return;
        }
      } else {
        queuedBytes -= next.length;
      }
    }
    if (next == null) {
      closeNow(close);
      return;
    }
    try {
      session.getAsyncRemote().sendBinary(ByteBuffer.wrap(next), this::sent);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "send on " + id + " failed", e);
      closeNow(CloseCode.RESET_CONNECTION);
    }
  }

  private void sent(SendResult result) {
    if (!result.isOK()) {
      LOG.log(Level.FINE, "send on " + id + " failed", result.getException());
      synchronized (this) {
        queue.clear();
        queuedBytes = 0;
        sending = false;
      }
      closeNow(CloseCode.RESET_CONNECTION);
      return;
    }
    sendNext();
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
    }
    try {
      if (session.isOpen()) {
        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code.code()), code.reason()));
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "closing " + id + " failed", e);
    }
  }
}
