package dev.yjakarta.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.config.ServerSettings;
import dev.yjakarta.protocol.AuthMessages;
import dev.yjakarta.protocol.Frame;
import dev.yjakarta.protocol.MessageType;
import dev.yjakarta.protocol.SyncMessages;
import dev.yjakarta.yjs.DocumentStates;
import dev.yjakarta.yjs.YjsLimits;
import dev.yjakarta.yjs.lib0.Lib0Encoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many sockets editing one document at once on real thread pools: ordered acks, full fan-out. */
class DocumentServiceConcurrencyTest {
  private static final int CLIENTS = 6;
  private static final int EDITS = 150;

  /** A yjs V1 update: client {@code client} sets map "m" key "k{clock}" to {@code clock}. */
  static byte[] setKey(long client, int clock) {
    Lib0Encoder e = new Lib0Encoder();
    e.writeVarUint(1).writeVarUint(1).writeVarUint(client).writeVarUint(clock);
    e.writeUint8(0x28); // ContentAny, with a parentSub, no origins
    e.writeVarUint(1).writeVarString("m").writeVarString("k" + clock);
    e.writeVarUint(1).writeUint8(0x7d).writeVarInt(clock);
    e.writeVarUint(0); // empty delete set
    return e.toByteArray();
  }

  @Test
  void everyClientGetsItsAcksInOrderAndEveryUpdate() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    try {
      DocumentService service = new DocumentService();
      service.start(new DocumentService.Environment(ServerSettings.defaults(), pool, new ExecutorScheduler(timers),
          List.of(), Optional.empty(), Optional.empty(), () -> DocumentStates.create(YjsLimits.DEFAULT)));
      List<FakeTransport> transports = new ArrayList<>();
      List<SocketSession> sessions = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        FakeTransport t = new FakeTransport();
        transports.add(t);
        sessions.add(service.open(t, Map.of(), Map.of()));
      }
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        SocketSession s = sessions.get(i);
        long client = 1000 + i;
        Thread th = new Thread(() -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            return;
          }
          s.receive(AuthMessages.token("doc", "", "4.8.0"));
          for (int k = 0; k < EDITS; k++) {
            s.receive(SyncMessages.update("doc", setKey(client, k)));
          }
        });
        threads.add(th);
        th.start();
      }
      start.countDown();
      for (Thread th : threads) {
        th.join(30_000);
      }
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < deadline && !allDelivered(transports)) {
        Thread.sleep(20);
      }
      for (FakeTransport t : transports) {
        int acks = 0;
        int updates = 0;
        synchronized (t) {
          for (byte[] f : t.sent) {
            MessageType type = Frame.parse(f).type();
            if (type == MessageType.SYNC_STATUS) {
              assertEquals(1, f[f.length - 1]);
              acks++;
            } else if (type == MessageType.SYNC) {
              updates++;
            }
          }
        }
        assertEquals(EDITS, acks);
        // every update of a client that joined before it was sent; the rest come with Step1/Step2
        assertTrue(updates <= CLIENTS * EDITS);
      }
      Document doc = service.lifecycle().loaded("doc");
      dev.yjakarta.yjs.lib0.Lib0Decoder sv = new dev.yjakarta.yjs.lib0.Lib0Decoder(doc.stateVector());
      Map<Long, Long> clocks = new java.util.HashMap<>();
      for (long n = sv.readVarUint(); n > 0; n--) {
        clocks.put(sv.readVarUint(), sv.readVarUint());
      }
      for (int i = 0; i < CLIENTS; i++) {
        assertEquals(EDITS, clocks.get(1000L + i));
      }
      assertEquals(1, service.documentCount());
    } finally {
      pool.shutdownNow();
      timers.shutdownNow();
    }
  }

  private static boolean allDelivered(List<FakeTransport> transports) {
    for (FakeTransport t : transports) {
      int acks = 0;
      synchronized (t) {
        for (byte[] f : t.sent) {
          if (Frame.parse(f).type() == MessageType.SYNC_STATUS) {
            acks++;
          }
        }
      }
      if (acks < EDITS) {
        return false;
      }
    }
    return true;
  }
}
