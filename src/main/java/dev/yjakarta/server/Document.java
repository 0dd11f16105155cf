package dev.yjakarta.server;

import dev.yjakarta.protocol.AwarenessMessages;
import dev.yjakarta.protocol.AwarenessUpdate;
import dev.yjakarta.protocol.StatelessMessages;
import dev.yjakarta.protocol.SyncMessages;
import dev.yjakarta.server.api.DocumentHandle;
import dev.yjakarta.server.api.Origin;
import dev.yjakarta.server.hooks.CollabHook;
import dev.yjakarta.yjs.DocumentState;
import dev.yjakarta.yjs.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * One loaded document: its state, its awareness and its connections. All mutation runs on its
 * serial executor, so a document needs no lock and different documents never wait for each other.
 * Reads of the state (encode, state vector) are safe from any thread.
 */
final class Document implements DocumentHandle {
  private static final Logger LOG = Logger.getLogger(Document.class.getName());
  private static final long LOCAL_APPLY_TIMEOUT_SECONDS = 30;

  private final String name;
  private final DocumentState state;
  private final DocumentService service;
  private final SerialExecutor executor;
  private final Awareness awareness = new Awareness();
  private final MessageReceiver receiver;
  /** Executor only. */
  private final List<DocumentConnection> connections = new ArrayList<>();
  private volatile int socketConnections;
  private volatile int directConnections;
  /** While true (during the load) applies only fill the state: no broadcast, hooks or store. */
  private volatile boolean loading = true;
  private volatile boolean unloaded;
  private volatile Origin lastOrigin = Origin.STORE;
  /** Executor only: whether an outdated-awareness check is scheduled. */
  private boolean awarenessCheckScheduled;
  /** Executor only: updates applied in this turn of the executor, not yet broadcast. */
  private final List<byte[]> pendingUpdates = new ArrayList<>();
  private long pendingBytes;

  /** A turn's batch is sent early past this size (Hocuspocus's flushMaxBytes). */
  static final long FLUSH_MAX_BYTES = 1 << 20;

  /** y-protocols drops a remote state that was not renewed for 30 s; providers renew every 15 s. */
  static final long AWARENESS_OUTDATED_MS = 30_000;

  Document(String name, DocumentState state, DocumentService service) {
    this.name = name;
    this.state = state;
    this.service = service;
    this.executor = new SerialExecutor(service.pool(), "document '" + name + "'");
    this.receiver = new MessageReceiver(this, service);
    executor.beforeIdle(this::flushUpdates);
  }

  SerialExecutor executor() {
    return executor;
  }

  MessageReceiver receiver() {
    return receiver;
  }

  DocumentState state() {
    return state;
  }

  Awareness awareness() {
    return awareness;
  }

  Origin lastOrigin() {
    return lastOrigin;
  }

  void loaded() {
    loading = false;
  }

  void markUnloaded() {
    unloaded = true;
  }

  boolean isUnloaded() {
    return unloaded;
  }

  void directConnections(int delta) {
    synchronized (this) {
      directConnections += delta;
    }
  }

  /** Executor only: a connection joins; it gets the current awareness, then its queued frames. */
  void attach(DocumentConnection c, List<dev.yjakarta.protocol.Frame> queued) {
    connections.add(c);
    socketConnections = connections.size();
    service.metrics().connectionOpened();
    if (awareness.hasStates()) {
      c.send(AwarenessMessages.awareness(c.address(), awareness.full()));
    }
    for (dev.yjakarta.protocol.Frame f : queued) {
      if (c.isClosed()) {
        break; // a queued frame failed and closed the connection: the rest is dropped
      }
      receiver.handle(c, f);
    }
  }

  /** Executor only: a connection left; its awareness clients disappear for the others. */
  void detach(DocumentConnection c) {
    if (!connections.remove(c)) {
      return;
    }
    socketConnections = connections.size();
    service.metrics().connectionClosed();
    if (!c.awarenessClients.isEmpty()) {
      Awareness.Changes removed = awareness.remove(c.awarenessClients, service.scheduler().nowMillis());
      c.awarenessClients.clear();
      awarenessChanged(removed, Origin.CONNECTION);
    }
    service.hooks().notify("onDisconnect", CollabHook::onDisconnect, c.state());
    service.connectionClosed(c);
  }

  List<DocumentConnection> connections() {
    return connections;
  }

  /**
   * Executor only (or during the load): applies an update.
   *
   * <p>The {@code onChange} hooks run before {@code ack}, as Hocuspocus runs them inside Y's update
   * event, before its SyncStatus: the Redis relay's publish then leaves before any local send.
   *
   * @param ack run after the apply and the hooks, before the broadcast (the sender's SyncStatus)
   * @return whether the state changed
   * @throws dev.yjakarta.yjs.YjsFormatException for a malformed update; nothing changed
   */
  boolean apply(byte[] update, Origin origin, Runnable ack) {
    boolean changed = state.apply(update);
    boolean announce = changed && !loading;
    if (announce) {
      service.metrics().updateApplied(update.length);
      lastOrigin = origin;
      pendingUpdates.add(update);
      pendingBytes += update.length;
      service.hooks().notify("onChange", CollabHook::onChange, new HookContexts.Change(name, this, update, origin));
      if (origin != Origin.RELAY && origin != Origin.STORE) {
        service.stores().changed(name);
      }
    }
    if (ack != null) {
      ack.run();
    }
    if (announce && pendingBytes >= FLUSH_MAX_BYTES) {
      flushUpdates();
    }
    return changed;
  }

  /** Executor only: broadcasts applied awareness entries to every connection and runs the hooks. */
  void awarenessChanged(Awareness.Changes changes, Origin origin) {
    if (changes.isEmpty()) {
      return;
    }
    scheduleAwarenessCheck();
    byte[] encoded = changes.applied().encode();
    broadcast(address -> AwarenessMessages.awareness(address, encoded));
    service.hooks().notify("onAwarenessUpdate", CollabHook::onAwarenessUpdate,
        new HookContexts.AwarenessChange(name, this, changes.added(), changes.updated(), changes.removed(), origin));
  }

  /**
   * Executor only: states of clients that vanished without a goodbye (a relayed peer, a crashed
   * tab whose socket lingers) are removed after 30 s without renewal, as y-protocols does.
   */
  private void scheduleAwarenessCheck() {
    if (awarenessCheckScheduled || unloaded || !awareness.hasStates()) {
      return;
    }
    awarenessCheckScheduled = true;
    service.scheduler().schedule(() -> executor.execute(this::checkAwareness), AWARENESS_OUTDATED_MS / 10);
  }

  private void checkAwareness() {
    awarenessCheckScheduled = false;
    if (unloaded) {
      return;
    }
    List<Long> outdated = awareness.outdated(service.scheduler().nowMillis(), AWARENESS_OUTDATED_MS);
    if (!outdated.isEmpty()) {
      Awareness.Changes removed = awareness.remove(outdated, service.scheduler().nowMillis());
      for (DocumentConnection c : connections) {
        c.awarenessClients.removeAll(outdated);
      }
      awarenessChanged(removed, Origin.LOCAL);
    }
    scheduleAwarenessCheck();
  }

  /**
   * Executor only, at the end of each turn: the turn's updates leave as one merged Update per
   * connection, as Hocuspocus 4 batches per event-loop turn. An idle document's turn is one update,
   * sent as it came; under load a client gets one message per turn instead of one per edit (the
   * sender gets its own edits back too, as in Hocuspocus; Yjs ignores them).
   */
  void flushUpdates() {
    int count = pendingUpdates.size();
    if (count == 0) {
      return;
    }
    List<byte[]> out = count == 1 ? List.of(pendingUpdates.get(0)) : mergedOrAsIs(List.copyOf(pendingUpdates));
    pendingUpdates.clear();
    pendingBytes = 0;
    for (byte[] update : out) {
      sendToAll(address -> SyncMessages.update(address, update));
    }
  }

  /** Each update was applied, so merging them cannot fail; if it ever did, none is lost. */
  private List<byte[]> mergedOrAsIs(List<byte[]> updates) {
    try {
      return List.of(Updates.merge(updates));
    } catch (RuntimeException e) {
      LOG.warning(() -> "merging " + updates.size() + " updates of '" + name + "' failed; sent one by one: " + e);
      return updates;
    }
  }

  /** Executor only: sends a frame to every connection, after the updates of this turn (order). */
  void broadcast(Function<String, byte[]> frameFor) {
    flushUpdates();
    sendToAll(frameFor);
  }

  /** Encodes the frame once per distinct address. */
  private void sendToAll(Function<String, byte[]> frameFor) {
    Map<String, byte[]> byAddress = new HashMap<>(4);
    for (DocumentConnection c : connections) {
      c.send(byAddress.computeIfAbsent(c.address(), frameFor));
    }
  }

  /** Executor only. */
  void broadcastStatelessNow(String payload) {
    try {
      if (!service.hooks().run(CollabHook::beforeBroadcastStateless, new HookContexts.Broadcast(name, this, payload))) {
        return;
      }
    } catch (Exception e) {
      LOG.fine(() -> "beforeBroadcastStateless cancelled a broadcast on '" + name + "': " + e);
      return;
    }
    broadcast(address -> StatelessMessages.stateless(address, payload));
  }

  AwarenessUpdate fullAwareness() {
    return awareness.full();
  }

  // --- DocumentHandle ---

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte[] encodeState() {
    return state.encode();
  }

  /** The state and its coverage, for a store. */
  DocumentState.EncodedState encodeStateWithCoverage() {
    return state.encodeWithCoverage();
  }

  @Override
  public byte[] stateVector() {
    return state.stateVector();
  }

  @Override
  public void applyUpdate(byte[] update) {
    runOnExecutor(() -> apply(update.clone(), Origin.LOCAL, null));
  }

  /** Applies an update with {@code origin} (LOCAL, RELAY or STORE), waiting until it is applied. */
  @Override
  public void applyUpdate(byte[] update, Origin origin) {
    byte[] copy = update.clone();
    runOnExecutor(() -> apply(copy, origin, null));
  }

  @Override
  public boolean applyUpdateIfIdle(byte[] update, Origin origin) {
    if (unloaded || loading) {
      return false;
    }
    byte[] copy = update.clone();
    RuntimeException[] failure = new RuntimeException[1];
    boolean ran = executor.runIfIdle(() -> {
      try {
        apply(copy, origin, null);
      } catch (RuntimeException e) {
        failure[0] = e;
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
    return ran;
  }

  @Override
  public byte[] diff(byte[] stateVector) {
    return state.diff(stateVector);
  }

  @Override
  public byte[] encodeAwareness() {
    return callOnExecutor(() -> awareness.full().encode());
  }

  @Override
  public byte[] encodeAwareness(Collection<Long> clients) {
    return callOnExecutor(() -> {
      List<AwarenessUpdate.Entry> entries = new ArrayList<>();
      for (Long client : clients) {
        String json = awareness.state(client);
        entries.add(new AwarenessUpdate.Entry(client, awareness.clock(client),
            json == null ? AwarenessUpdate.NULL_STATE : json));
      }
      return new AwarenessUpdate(entries).encode();
    });
  }

  @Override
  public void applyAwareness(byte[] awarenessUpdate, Origin origin) {
    AwarenessUpdate update = AwarenessUpdate.decode(awarenessUpdate);
    runOnExecutor(() -> awarenessChanged(awareness.apply(update, service.scheduler().nowMillis()), origin));
  }

  @Override
  public void relayStateless(String payload) {
    if (executor.inExecutor()) {
      broadcast(address -> StatelessMessages.stateless(address, payload));
    } else {
      executor.execute(() -> broadcast(address -> StatelessMessages.stateless(address, payload)));
    }
  }

  private void runOnExecutor(Runnable r) {
    callOnExecutor(() -> {
      r.run();
      return null;
    });
  }

  private <T> T callOnExecutor(Supplier<T> r) {
    if (unloaded) {
      throw new IllegalStateException("document '" + name + "' is no longer loaded");
    }
    if (loading || executor.inExecutor()) {
      return r.get();
    }
    CompletableFuture<T> done = new CompletableFuture<>();
    // on the caller's thread when the document is idle (a relay lane applying a peer's update)
    executor.runHereOrExecute(() -> {
      try {
        done.complete(r.get());
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    });
    try {
      return done.get(LOCAL_APPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while applying to '" + name + "'", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("document '" + name + "' did not apply the update in time", e);
    }
  }

  @Override
  public void broadcastStateless(String payload) {
    if (executor.inExecutor()) {
      broadcastStatelessNow(payload);
    } else {
      executor.execute(() -> broadcastStatelessNow(payload));
    }
  }

  @Override
  public int connectionCount() {
    return socketConnections + directConnections;
  }

  @Override
  public String toString() {
    return "document '" + name + "'";
  }
}
