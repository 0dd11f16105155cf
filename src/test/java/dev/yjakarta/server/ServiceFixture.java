package dev.yjakarta.server;

import dev.yjakarta.config.ServerSettings;
import dev.yjakarta.server.hooks.CollabHook;
import dev.yjakarta.yjs.DocumentStates;
import dev.yjakarta.yjs.YjsLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A document service on a manual pool and clock, with the real Yjs core. */
final class ServiceFixture {
  final ManualExecutor pool = new ManualExecutor();
  final FakeScheduler clock = new FakeScheduler();
  final DocumentService service = new DocumentService();

  ServiceFixture(ServerSettings settings, DocumentStore store, CollabHook... hooks) {
    List<Hooks.Ranked> ranked = new ArrayList<>();
    for (CollabHook h : hooks) {
      ranked.add(new Hooks.Ranked(h, Hooks.DEFAULT_PRIORITY));
    }
    service.start(new DocumentService.Environment(settings, pool, clock, ranked, Optional.ofNullable(store),
        Optional.empty(), () -> DocumentStates.create(YjsLimits.DEFAULT)));
  }

  ServiceFixture(CollabHook... hooks) {
    this(ServerSettings.defaults(), null, hooks);
  }

  /** A connected socket. */
  Socket socket() {
    FakeTransport t = new FakeTransport();
    SocketSession s = service.open(t, Map.of(), Map.of());
    return new Socket(s, t);
  }

  final class Socket {
    final SocketSession session;
    final FakeTransport transport;

    Socket(SocketSession session, FakeTransport transport) {
      this.session = session;
      this.transport = transport;
    }

    /** Sends frames and lets the server work until it is idle. */
    Socket send(byte[]... frames) {
      for (byte[] f : frames) {
        session.receive(f);
      }
      pool.runAll();
      return this;
    }

    List<String> hex() {
      return transport.drainHex();
    }

    List<byte[]> frames() {
      return transport.drain();
    }
  }
}
