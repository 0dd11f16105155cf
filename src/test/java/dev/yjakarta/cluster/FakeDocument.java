package dev.yjakarta.cluster;

import dev.yjakarta.server.api.DocumentHandle;
import dev.yjakarta.server.api.Origin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A document for relay unit tests whose state is a grow-only set of strings: an update and a state
 * vector are both "lines", a diff is the lines the other side lacks. Enough to tell whether the
 * relay moved the right state to the right peer without the Yjs core.
 */
final class FakeDocument implements DocumentHandle {
  private final String name;
  private final Set<String> items = new TreeSet<>();
  final List<Origin> appliedOrigins = new CopyOnWriteArrayList<>();
  final List<byte[]> awarenessApplied = new CopyOnWriteArrayList<>();
  final List<String> statelessRelayed = new CopyOnWriteArrayList<>();
  volatile int connections;
  /** Held while the document is busy: applies wait for it, as on the document's executor. */
  final ReentrantLock busy = new ReentrantLock();
  /** Updates applied through {@link #applyUpdateIfIdle} (the subscriber thread's shortcut). */
  volatile int appliedHere;
  volatile byte[] awareness = new byte[] {0};
  private DocumentRelay relay;

  FakeDocument(String name, DocumentRelay relay, String... items) {
    this.name = name;
    this.relay = relay;
    this.items.addAll(Arrays.asList(items));
  }

  static byte[] encode(Collection<String> lines) {
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  static List<String> decode(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    return s.isEmpty() ? List.of() : List.of(s.split("\n"));
  }

  /** A local edit: applied and handed to the relay like the server's onChange would. */
  void edit(String item) {
    byte[] update;
    synchronized (this) {
      items.add(item);
      update = encode(List.of(item));
    }
    relay.onChange(this, update, Origin.CONNECTION);
  }

  synchronized Set<String> items() {
    return new TreeSet<>(items);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized byte[] encodeState() {
    return encode(items);
  }

  @Override
  public synchronized byte[] stateVector() {
    return encode(items);
  }

  @Override
  public void applyUpdate(byte[] update) {
    applyUpdate(update, Origin.LOCAL);
  }

  @Override
  public boolean applyUpdateIfIdle(byte[] update, Origin origin) {
    if (!busy.tryLock()) {
      return false;
    }
    try {
      appliedHere++;
      applyUpdate(update, origin);
      return true;
    } finally {
      busy.unlock();
    }
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
  public void applyUpdate(byte[] update, Origin origin) {
    busy.lock();
    try {
      synchronized (this) {
        items.addAll(decode(update));
      }
    } finally {
      busy.unlock();
    }
    appliedOrigins.add(origin);
    relay.onChange(this, update, origin);
  }

  @Override
  public synchronized byte[] diff(byte[] stateVector) {
    List<String> missing = new ArrayList<>(items);
    missing.removeAll(decode(stateVector));
    return encode(missing);
  }

  @Override
  public byte[] encodeAwareness() {
    return awareness;
  }

  @Override
  public byte[] encodeAwareness(Collection<Long> clients) {
    return awareness;
  }

  @Override
  public void applyAwareness(byte[] awarenessUpdate, Origin origin) {
    awarenessApplied.add(awarenessUpdate);
  }

  @Override
  public void relayStateless(String payload) {
    statelessRelayed.add(payload);
  }
}
