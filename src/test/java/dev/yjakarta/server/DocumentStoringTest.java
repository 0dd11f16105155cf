package dev.yjakarta.server;

import static dev.yjakarta.server.DocumentServiceTest.INSERT_HI;
import static dev.yjakarta.server.DocumentServiceTest.SET_X;
import static dev.yjakarta.server.DocumentServiceTest.hexOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.config.ServerSettings;
import dev.yjakarta.protocol.AuthMessages;
import dev.yjakarta.protocol.CloseMessages;
import dev.yjakarta.protocol.SyncMessages;
import dev.yjakarta.server.hooks.AuthenticationContext;
import dev.yjakarta.server.hooks.CollabHook;
import dev.yjakarta.server.hooks.DocumentContext;
import dev.yjakarta.server.hooks.SkipFurtherHooks;
import dev.yjakarta.server.hooks.StoreContext;
import dev.yjakarta.yjs.Updates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The service's use of the DocumentStore: when it stores, what it keeps, and the hook order. */
class DocumentStoringTest {
  /** An in-memory store that can fail and can pretend another writer stored first. */
  static final class MemoryStore implements DocumentStore {
    final Map<String, byte[]> data = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    boolean failing;
    byte[] otherWriter;

    @Override
    public synchronized Optional<byte[]> load(String documentName) {
      calls.add("load " + documentName);
      return Optional.ofNullable(data.get(documentName));
    }

    @Override
    public synchronized byte[] store(String documentName, byte[] state) {
      calls.add("store " + documentName);
      if (failing) {
        throw new DocumentStoreException("database down");
      }
      byte[] merged = otherWriter == null ? state : Updates.merge(List.of(state, otherWriter));
      data.put(documentName, merged);
      return merged;
    }
  }

  final MemoryStore store = new MemoryStore();
  final List<String> hookCalls = new ArrayList<>();
  final CollabHook recorder = new CollabHook() {
    @Override
    public void onStoreDocument(StoreContext ctx) {
      hookCalls.add("onStore " + ctx.lastOrigin());
    }

    @Override
    public void afterStoreDocument(StoreContext ctx) {
      hookCalls.add("afterStore");
    }

    @Override
    public void afterUnloadDocument(DocumentContext ctx) {
      hookCalls.add("unloaded");
    }

    @Override
    public void onAuthenticate(AuthenticationContext ctx) {
      ctx.readOnly(ctx.token().equals("readonly"));
    }
  };
  final ServiceFixture f = new ServiceFixture(ServerSettings.defaults(), store, recorder);

  @Test
  void storesTwoSecondsAfterAnEditAndLoadsWhatWasStored() {
    var s = f.socket();
    s.send(AuthMessages.token("d", "", null), SyncMessages.update("d", SET_X));
    f.clock.advance(1_999, f.pool);
    assertEquals(List.of("load d"), store.calls);
    f.clock.advance(1, f.pool);
    assertEquals(List.of("load d", "store d"), store.calls);
    assertEquals(List.of("onStore CONNECTION", "afterStore"), hookCalls);
    assertArrayEquals(SET_X, store.data.get("d"));
  }

  @Test
  void storesOnLastDisconnectThenUnloads() {
    var s = f.socket();
    s.send(AuthMessages.token("d", "", null), SyncMessages.update("d", SET_X), CloseMessages.clientClose("d"));
    assertEquals(List.of("load d", "store d"), store.calls);
    assertEquals(List.of("onStore CONNECTION", "afterStore", "unloaded"), hookCalls);
    assertEquals(0, f.service.documentCount());
    var again = f.socket();
    again.send(AuthMessages.token("d", "", null), SyncMessages.step1("d", new byte[] {0}));
    List<byte[]> out = again.frames();
    assertArrayEquals(SyncMessages.step2("d", SET_X), out.get(2));
  }

  @Test
  void unloadsWithoutStoringWhenNothingChanged() {
    var s = f.socket();
    s.send(AuthMessages.token("d", "", null), SyncMessages.step1("d", new byte[] {0}), CloseMessages.clientClose("d"));
    assertEquals(List.of("load d"), store.calls);
    assertEquals(0, f.service.documentCount());
  }

  @Test
  void keepsAFailingDocumentLoadedAndRetriesUntilItIsStored() {
    store.failing = true;
    var s = f.socket();
    s.send(AuthMessages.token("d", "", null), SyncMessages.update("d", SET_X), CloseMessages.clientClose("d"));
    assertEquals(1, f.service.documentCount());
    assertEquals(List.of("d"), f.service.failingStores());
    f.clock.advance(1_000 + 2_000 + 4_000, f.pool);
    assertEquals(5, store.calls.size()); // load + 4 attempts
    assertEquals(1, f.service.documentCount());
    store.failing = false;
    f.clock.advance(8_000, f.pool);
    assertTrue(f.service.failingStores().isEmpty());
    assertEquals(0, f.service.documentCount());
    assertArrayEquals(SET_X, store.data.get("d"));
  }

  @Test
  void appliesTheMergedStateOfAnotherWriterAndSendsItToClients() {
    store.otherWriter = INSERT_HI;
    var s = f.socket();
    s.send(AuthMessages.token("d", "", null), SyncMessages.update("d", SET_X));
    s.frames();
    f.clock.advance(2_000, f.pool);
    List<byte[]> out = s.frames();
    assertEquals(1, out.size());
    // the clients get only what they lacked: the merged row minus what they already had
    byte[] missing = Updates.diff(store.data.get("d"), Updates.stateVector(SET_X));
    assertEquals(hexOf(SyncMessages.update("d", missing)), hexOf(out.get(0)));
    assertTrue(Updates.contains(missing, INSERT_HI));
    assertTrue(Updates.contains(f.service.lifecycle().loaded("d").encodeState(), INSERT_HI));
    f.clock.advance(60_000, f.pool);
    assertEquals(2, store.calls.size()); // a STORE-origin change does not schedule another store
  }

  @Test
  void neverStoresForAReadOnlyClient() {
    var s = f.socket();
    s.send(AuthMessages.token("d", "readonly", null), SyncMessages.update("d", SET_X), CloseMessages.clientClose("d"));
    f.clock.advance(60_000, f.pool);
    assertEquals(List.of("load d"), store.calls);
  }

  @Test
  void skipFurtherHooksLeavesStoringToTheHook() {
    CollabHook elsewhere = new CollabHook() {
      @Override
      public void onStoreDocument(StoreContext ctx) throws Exception {
        throw new SkipFurtherHooks("stored elsewhere");
      }
    };
    ServiceFixture g = new ServiceFixture(ServerSettings.defaults(), store, elsewhere);
    var s = g.socket();
    s.send(AuthMessages.token("d", "", null), SyncMessages.update("d", SET_X), CloseMessages.clientClose("d"));
    assertEquals(List.of("load d"), store.calls);
    assertEquals(0, g.service.documentCount());
  }

  @Test
  void flushesPendingStoresOnShutdown() {
    var s = f.socket();
    s.send(AuthMessages.token("d", "", null), SyncMessages.update("d", SET_X));
    Thread t = new Thread(f.service::shutdown);
    t.start();
    long until = System.currentTimeMillis() + 5_000;
    while (t.isAlive() && System.currentTimeMillis() < until) {
      f.pool.runAll();
      Thread.onSpinWait();
    }
    f.pool.runAll();
    assertArrayEquals(SET_X, store.data.get("d"));
    assertEquals(dev.yjakarta.protocol.CloseCode.GOING_AWAY, s.transport.closed);
  }
}
