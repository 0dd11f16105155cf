package dev.yjakarta.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.yjakarta.protocol.CloseCode;
import dev.yjakarta.server.Scheduler;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketTransportTest {
  private final List<Integer> sent = new ArrayList<>();
  private final ArrayDeque<SendHandler> pendingCallbacks = new ArrayDeque<>();
  private boolean completeInline = true;
  private int inFlight;
  private int maxInFlight;
  private CloseReason closed;
  private final ManualClock clock = new ManualClock();

  /** Time moves only in {@link #advance}; due timers run there, in order. */
  private static final class ManualClock implements Scheduler {
    long now = 1_000;
    final List<long[]> dueAt = new ArrayList<>();
    final List<Runnable> tasks = new ArrayList<>();

    @Override
    public long nowMillis() {
      return now;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMs) {
      dueAt.add(new long[] {now + delayMs});
      tasks.add(task);
      return () -> { };
    }

    void advance(long ms) {
      long target = now + ms;
      while (true) {
        int next = -1;
        for (int i = 0; i < dueAt.size(); i++) {
          if (dueAt.get(i)[0] <= target && (next < 0 || dueAt.get(i)[0] < dueAt.get(next)[0])) {
            next = i;
          }
        }
        if (next < 0) {
          now = target;
          return;
        }
        now = Math.max(now, dueAt.remove(next)[0]);
        tasks.remove(next).run();
      }
    }
  }

  private Session session() {
    RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {RemoteEndpoint.Async.class}, (p, m, args) -> {
          if (m.getName().equals("sendBinary")) {
            ByteBuffer b = (ByteBuffer) args[0];
            sent.add(b.getInt(0));
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            SendHandler h = (SendHandler) args[1];
            if (completeInline) {
              inFlight--;
              h.onResult(new SendResult());
            } else {
              pendingCallbacks.add(h);
            }
          }
          return null;
        });
    return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
        (p, m, args) -> switch (m.getName()) {
          case "getAsyncRemote" -> async;
          case "isOpen" -> closed == null;
          case "close" -> {
            closed = args == null ? new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "") : (CloseReason) args[0];
            yield null;
          }
          default -> null;
        });
  }

  private static byte[] frame(int n) {
    return ByteBuffer.allocate(8).putInt(n).array();
  }

  @Test
  void sendsALongBacklogInOrderWhenTheContainerCompletesInline() {
    WebSocketTransport t = new WebSocketTransport(session(), Long.MAX_VALUE, clock);
    for (int i = 0; i < 200_000; i++) {
      t.send(frame(i));
    }
    assertEquals(200_000, sent.size());
    for (int i = 0; i < sent.size(); i++) {
      assertEquals(i, sent.get(i));
    }
  }

  @Test
  void keepsOneSendInFlightAndContinuesFromTheCallback() {
    completeInline = false;
    WebSocketTransport t = new WebSocketTransport(session(), Long.MAX_VALUE, clock);
    for (int i = 0; i < 5; i++) {
      t.send(frame(i));
    }
    assertEquals(List.of(0), sent);
    while (!pendingCallbacks.isEmpty()) {
      inFlight--;
      pendingCallbacks.poll().onResult(new SendResult());
    }
    assertEquals(List.of(0, 1, 2, 3, 4), sent);
    assertEquals(1, maxInFlight);
  }

  @Test
  void closesAfterTheQueuedFrames() {
    completeInline = false;
    WebSocketTransport t = new WebSocketTransport(session(), Long.MAX_VALUE, clock);
    t.send(frame(1));
    t.send(frame(2));
    t.close(CloseCode.CONNECTION_TIMEOUT);
    assertNull(closed);
    while (!pendingCallbacks.isEmpty()) {
      pendingCallbacks.poll().onResult(new SendResult());
    }
    assertEquals(List.of(1, 2), sent);
    assertEquals(4408, closed.getCloseCode().getCode());
  }

  @Test
  void closesASocketWhoseClientDoesNotRead() {
    completeInline = false;
    WebSocketTransport t = new WebSocketTransport(session(), 20, clock);
    t.send(frame(1)); // in flight
    t.send(frame(2));
    t.send(frame(3));
    assertNull(closed);
    t.send(frame(4)); // 24 bytes queued > 20
    assertEquals(4205, closed.getCloseCode().getCode());
  }

  @Test
  void drainsAClientThatKeepsSendingBeforeClosing() {
    WebSocketTransport t = new WebSocketTransport(session(), Long.MAX_VALUE, clock);
    t.inbound();
    t.close(CloseCode.UNAUTHORIZED);
    assertNull(closed); // the client sent just now: its frames are still arriving
    for (int i = 0; i < 5; i++) { // 1.25 s of frames, inside the longest linger
      clock.advance(WebSocketTransport.QUIET_MS / 2);
      t.inbound();
    }
    assertNull(closed);
    t.send(frame(9)); // nothing goes out once the close is decided
    clock.advance(WebSocketTransport.QUIET_MS - 1);
    assertNull(closed);
    clock.advance(1);
    assertEquals(4401, closed.getCloseCode().getCode());
    assertEquals("Unauthorized", closed.getReasonPhrase());
    assertEquals(List.of(), sent);
  }

  @Test
  void closesAfterTheLongestLingerEvenIfTheClientNeverStops() {
    WebSocketTransport t = new WebSocketTransport(session(), Long.MAX_VALUE, clock);
    t.inbound();
    t.close(CloseCode.RESET_CONNECTION);
    for (long waited = 0; waited < WebSocketTransport.MAX_LINGER_MS - 10; waited += 10) {
      clock.advance(10);
      t.inbound();
      assertNull(closed);
    }
    clock.advance(10);
    assertEquals(4205, closed.getCloseCode().getCode());
  }

  @Test
  void closesAtOnceOnShutdown() {
    WebSocketTransport t = new WebSocketTransport(session(), Long.MAX_VALUE, clock);
    t.inbound();
    t.close(CloseCode.GOING_AWAY);
    assertEquals(1001, closed.getCloseCode().getCode());
  }
}
