package dev.yjakarta.cluster;

import dev.yjakarta.server.api.DocumentHandle;
import dev.yjakarta.server.api.Origin;
import dev.yjakarta.yjs.DocumentState;
import dev.yjakarta.yjs.DocumentStates;
import dev.yjakarta.yjs.YjsLimits;
import dev.yjakarta.yjs.lib0.Lib0Decoder;
import dev.yjakarta.yjs.lib0.Lib0Encoder;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A document for relay tests backed by the real Yjs core, with a minimal y-protocols awareness
 * (clock rules included), standing in for the document service.
 */
final class StateDocument implements DocumentHandle {
  private final String name;
  private final DocumentState state = DocumentStates.create(YjsLimits.DEFAULT);
  private final DocumentRelay relay;
  /** clientId -> {clock, json state ("null" when removed)} */
  private final Map<Long, Object[]> awareness = new TreeMap<>();
  volatile int connections = 1;
  private final ReentrantLock busy = new ReentrantLock();

  StateDocument(String name, DocumentRelay relay) {
    this.name = name;
    this.relay = relay;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte[] encodeState() {
    return state.encode();
  }

  @Override
  public byte[] stateVector() {
    return state.stateVector();
  }

  @Override
  public void applyUpdate(byte[] update) {
    applyUpdate(update, Origin.LOCAL);
  }

  @Override
  public void applyUpdate(byte[] update, Origin origin) {
    busy.lock();
    try {
      if (state.apply(update)) {
        relay.onChange(this, update, origin);
      }
    } finally {
      busy.unlock();
    }
  }

  /** As the real document: applies on the caller's thread only when nothing else is applying. */
  @Override
  public boolean applyUpdateIfIdle(byte[] update, Origin origin) {
    if (!busy.tryLock()) {
      return false;
    }
    try {
      if (state.apply(update)) {
        relay.onChange(this, update, origin);
      }
      return true;
    } finally {
      busy.unlock();
    }
  }

  @Override
  public byte[] diff(byte[] stateVector) {
    return state.diff(stateVector);
  }

  @Override
  public void broadcastStateless(String payload) {
    relay.onBroadcastStateless(this, payload);
  }

  @Override
  public int connectionCount() {
    return connections;
  }

  @Override
  public synchronized byte[] encodeAwareness() {
    return encodeAwareness(awareness.keySet());
  }

  @Override
  public synchronized byte[] encodeAwareness(Collection<Long> clients) {
    Lib0Encoder e = new Lib0Encoder();
    List<Long> known = clients.stream().filter(awareness::containsKey).toList();
    e.writeVarUint(known.size());
    for (long c : known) {
      Object[] entry = awareness.get(c);
      e.writeVarUint(c).writeVarUint((Long) entry[0]).writeVarString((String) entry[1]);
    }
    return e.toByteArray();
  }

  @Override
  public void applyAwareness(byte[] update, Origin origin) {
    Lib0Decoder d = new Lib0Decoder(update);
    long n = d.readVarUint();
    for (long i = 0; i < n; i++) {
      long client = d.readVarUint();
      long clock = d.readVarUint();
      String json = d.readVarString();
      synchronized (this) {
        Object[] known = awareness.get(client);
        long knownClock = known == null ? 0 : (Long) known[0];
        boolean present = known != null && !"null".equals(known[1]);
        if (clock > knownClock || (clock == knownClock && "null".equals(json) && present)) {
          awareness.put(client, new Object[] {clock, json});
        }
      }
    }
  }

  /** Sets a local awareness state (a "client" of this instance) and tells the relay. */
  void setAwareness(long client, String json) {
    boolean removed = "null".equals(json);
    synchronized (this) {
      Object[] known = awareness.get(client);
      long clock = known == null ? (removed ? 0 : 1) : (Long) known[0] + 1;
      awareness.put(client, new Object[] {clock, json});
    }
    relay.onAwareness(this, List.of(), removed ? List.of() : List.of(client), removed ? List.of(client) : List.of(),
        Origin.CONNECTION);
  }

  synchronized String awarenessOf(long client) {
    Object[] entry = awareness.get(client);
    return entry == null ? null : (String) entry[1];
  }

  @Override
  public void relayStateless(String payload) {}
}
