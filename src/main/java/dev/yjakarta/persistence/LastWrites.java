package dev.yjakarta.persistence;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this process last wrote to each document's row through {@code storeGrown}: the row's
 * version, and the length and hash of the state. A row that still matches holds an earlier state
 * of the caller's growing document, so the caller's state contains it and can be written without
 * comparing the two. Bounded: the least recently stored documents are forgotten, which only costs
 * their next store a comparison.
 */
final class LastWrites {
  static final int MAX_DOCUMENTS = 10_000;

  record Entry(long version, int length, int hash) {
    static Entry of(long version, byte[] state) {
      return new Entry(version, state.length, Arrays.hashCode(state));
    }

    /** Whether the row is still exactly what was written: same version and the same bytes. */
    boolean matches(long rowVersion, byte[] rowState) {
      return version == rowVersion && length == rowState.length && hash == Arrays.hashCode(rowState);
    }
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_DOCUMENTS;
    }
  };

  synchronized Entry get(String name) {
    return entries.get(name);
  }

  synchronized void put(String name, Entry entry) {
    entries.put(name, entry);
  }

  synchronized void forget(String name) {
    entries.remove(name);
  }
}
