package dev.yjakarta.server;

import dev.yjakarta.protocol.AwarenessUpdate;
import dev.yjakarta.protocol.AwarenessUpdate.Entry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A document's awareness with the y-protocols rules: an entry applies when its clock is newer than
 * the known one (an unknown client counts as clock 0), or when the clock is equal, the state is
 * null and the client is currently known. The server has no local state. Not thread-safe: only
 * the document's serial executor touches it.
 */
final class Awareness {
  /** Clock and state of a client; the meta survives the removal of its state, like y-protocols. */
  private static final class Meta {
    long clock;
    long lastUpdated;

    Meta(long clock, long lastUpdated) {
      this.clock = clock;
      this.lastUpdated = lastUpdated;
    }
  }

  /**
   * What an apply changed.
   *
   * @param applied the entries to broadcast, as applied (clock and state)
   */
  record Changes(List<Long> added, List<Long> updated, List<Long> removed, AwarenessUpdate applied) {
    boolean isEmpty() {
      return applied.isEmpty();
    }
  }

  private final Map<Long, String> states = new LinkedHashMap<>();
  private final Map<Long, Meta> meta = new HashMap<>();

  /** Applies an inbound update with the y-protocols clock rules. */
  Changes apply(AwarenessUpdate update, long now) {
    List<Long> added = new ArrayList<>();
    List<Long> updated = new ArrayList<>();
    List<Long> removed = new ArrayList<>();
    List<Entry> applied = new ArrayList<>();
    for (Entry e : update.entries()) {
      Meta known = meta.get(e.clientId());
      long currentClock = known == null ? 0 : known.clock;
      boolean isNull = e.removed();
      boolean present = states.containsKey(e.clientId());
      if (currentClock < e.clock() || (currentClock == e.clock() && isNull && present)) {
        if (isNull) {
          states.remove(e.clientId());
        } else {
          states.put(e.clientId(), e.state());
        }
        meta.put(e.clientId(), new Meta(e.clock(), now));
        // classified by the state present before, like y-protocols (a client removed earlier and
        // back again is "added", a null for a client without a state removes nothing)
        if (!present && !isNull) {
          added.add(e.clientId());
        } else if (present && isNull) {
          removed.add(e.clientId());
        } else if (!isNull) {
          updated.add(e.clientId());
        }
        applied.add(isNull ? new Entry(e.clientId(), e.clock(), AwarenessUpdate.NULL_STATE) : e);
      }
    }
    return new Changes(added, updated, removed, new AwarenessUpdate(applied));
  }

  /**
   * Removes the given clients (a closed connection's, or outdated ones) like y-protocols'
   * {@code removeAwarenessStates}: their clocks stay as they were, and the removal goes out as a
   * null state at that clock. y-protocols bumps the clock only of the awareness's own client (the
   * server has none); bumping a remote client's clock would make the server (and every peer that
   * saw the removal) drop that client's first change after it reconnects, since its clock only
   * equals the bumped one.
   */
  Changes remove(Collection<Long> clients, long now) {
    List<Long> removed = new ArrayList<>();
    List<Entry> applied = new ArrayList<>();
    for (Long client : clients) {
      if (states.remove(client) != null) {
        Meta m = meta.get(client);
        long clock = m == null ? 0 : m.clock;
        removed.add(client);
        applied.add(new Entry(client, clock, AwarenessUpdate.NULL_STATE));
      }
    }
    return new Changes(List.of(), List.of(), removed, new AwarenessUpdate(applied));
  }

  /** Clients whose state was not renewed since {@code now - outdatedMs} (y-protocols' 30 s check). */
  List<Long> outdated(long now, long outdatedMs) {
    List<Long> out = new ArrayList<>();
    for (Long client : states.keySet()) {
      Meta m = meta.get(client);
      if (m != null && now - m.lastUpdated >= outdatedMs) {
        out.add(client);
      }
    }
    return out;
  }

  /** Every known state, for a joining connection; empty when nobody is present. */
  AwarenessUpdate full() {
    List<Entry> entries = new ArrayList<>(states.size());
    states.forEach((client, state) -> entries.add(new Entry(client, meta.get(client).clock, state)));
    return new AwarenessUpdate(entries);
  }

  boolean hasStates() {
    return !states.isEmpty();
  }

  /** The current state JSON of a client, or null. */
  String state(long client) {
    return states.get(client);
  }

  long clock(long client) {
    Meta m = meta.get(client);
    return m == null ? 0 : m.clock;
  }
}
