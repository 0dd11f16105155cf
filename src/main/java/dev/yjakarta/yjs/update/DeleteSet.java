package dev.yjakarta.yjs.update;

import dev.yjakarta.yjs.YjsFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deleted clock ranges per client (yjs's {@code DeleteSet}). Clients keep insertion order, as the
 * JS Map does; ranges keep the order they were added in until {@link #sortAndMerge()}.
 */
public final class DeleteSet {
  private final Map<Long, Ranges> clients = new LinkedHashMap<>();
  /**
   * The client looked up last: callers ask about one client's clocks in a row, and boxing the key
   * for every map lookup was most of what a snapshot of a large document allocated. One immutable
   * object, so a reader on another thread sees a consistent pair; entries are never replaced.
   */
  private Lookup last;

  private record Lookup(long client, Ranges ranges) {}

  /** Growable (clock, len) pairs. */
  static final class Ranges {
    long[] data = new long[8];
    int size;

    void add(long clock, long len) {
      if (2 * size + 2 > data.length) {
        data = Arrays.copyOf(data, data.length * 2);
      }
      data[2 * size] = clock;
      data[2 * size + 1] = len;
      size++;
    }

    long clock(int i) {
      return data[2 * i];
    }

    long len(int i) {
      return data[2 * i + 1];
    }

    Ranges copy() {
      Ranges r = new Ranges();
      r.data = Arrays.copyOf(data, Math.max(8, size * 2));
      r.size = size;
      return r;
    }
  }

  /** Adds one range (no merging; call {@link #sortAndMerge()}). */
  public void add(long client, long clock, long len) {
    Ranges r = rangesOf(client);
    if (r == null) {
      r = new Ranges();
      clients.put(client, r);
      last = new Lookup(client, r);
    }
    r.add(clock, len);
  }

  private Ranges rangesOf(long client) {
    Lookup l = last;
    if (l != null && l.client == client) {
      return l.ranges;
    }
    Ranges r = clients.get(client);
    if (r != null) {
      last = new Lookup(client, r);
    }
    return r;
  }

  public boolean isEmpty() {
    return clients.isEmpty();
  }

  /** Number of clients. */
  public int clientCount() {
    return clients.size();
  }

  /** Total number of ranges. */
  public int rangeCount() {
    int n = 0;
    for (Ranges r : clients.values()) {
      n += r.size;
    }
    return n;
  }

  /** The clients in insertion order. */
  public List<Long> clients() {
    return new ArrayList<>(clients.keySet());
  }

  /** The ranges of {@code client} as {clock, len} pairs, in their current order. */
  public List<long[]> ranges(long client) {
    Ranges r = clients.get(client);
    List<long[]> out = new ArrayList<>();
    if (r != null) {
      for (int i = 0; i < r.size; i++) {
        out.add(new long[] {r.clock(i), r.len(i)});
      }
    }
    return out;
  }

  /** Whether {@code (client, clock)} lies in a range; the ranges must be sorted and merged. */
  public boolean isDeleted(long client, long clock) {
    Ranges r = rangesOf(client);
    if (r == null) {
      return false;
    }
    int lo = 0;
    int hi = r.size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long c = r.clock(mid);
      if (c <= clock) {
        if (clock < c + r.len(mid)) {
          return true;
        }
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return false;
  }

  /** yjs's {@code readDeleteSet}: clients with no ranges are dropped, repeated clients appended. */
  public static DeleteSet read(UpdateDecoder decoder, Budget budget) {
    DeleteSet ds = new DeleteSet();
    var rest = decoder.rest();
    long numClients = rest.readVarUint();
    budget.claim(numClients, rest);
    for (long i = 0; i < numClients; i++) {
      decoder.resetDsCurVal();
      long client = Clients.check(rest.readVarUint());
      long n = rest.readVarUint();
      budget.claim(n, rest);
      if (n > 0) {
        Ranges r = ds.clients.computeIfAbsent(client, c -> new Ranges());
        for (long k = 0; k < n; k++) {
          long clock = decoder.readDsClock();
          long len = decoder.readDsLen();
          if (clock + len > Budget.MAX_CLOCK) {
            throw new YjsFormatException("delete range past 2^53 for client " + client);
          }
          r.add(clock, len);
        }
      }
    }
    return ds;
  }

  /** yjs's {@code writeDeleteSet}: clients in descending order, ranges as they are. */
  public void write(UpdateEncoder encoder) {
    var rest = encoder.rest();
    rest.writeVarUint(clients.size());
    Long[] ids = clients.keySet().toArray(new Long[0]);
    Arrays.sort(ids, (a, b) -> Long.compare(b, a));
    for (Long client : ids) {
      Ranges r = clients.get(client);
      encoder.resetDsCurVal();
      rest.writeVarUint(client);
      rest.writeVarUint(r.size);
      for (int i = 0; i < r.size; i++) {
        encoder.writeDsClock(r.clock(i));
        encoder.writeDsLen(r.len(i));
      }
    }
  }

  /** yjs's {@code sortAndMergeDeleteSet}: sorts each client's ranges by clock, joins touching ones. */
  public DeleteSet sortAndMerge() {
    for (Ranges r : clients.values()) {
      sortAndMerge(r);
    }
    return this;
  }

  private static void sortAndMerge(Ranges r) {
    if (r.size > 1) {
      boolean sorted = true;
      for (int i = 1; i < r.size && sorted; i++) {
        sorted = r.clock(i - 1) <= r.clock(i);
      }
      if (!sorted) {
        // stable sort by clock, like the JS sort
        Integer[] idx = new Integer[r.size];
        for (int i = 0; i < idx.length; i++) {
          idx[i] = i;
        }
        long[] d = r.data;
        Arrays.sort(idx, (a, b) -> Long.compare(d[2 * a], d[2 * b]));
        long[] nd = new long[d.length];
        for (int i = 0; i < idx.length; i++) {
          nd[2 * i] = d[2 * idx[i]];
          nd[2 * i + 1] = d[2 * idx[i] + 1];
        }
        r.data = nd;
      }
    }
    long[] d = r.data;
    int j = 1;
    for (int i = 1; i < r.size; i++) {
      long lc = d[2 * (j - 1)];
      long ll = d[2 * (j - 1) + 1];
      long rc = d[2 * i];
      long rl = d[2 * i + 1];
      if (lc + ll >= rc) {
        d[2 * (j - 1) + 1] = Math.max(ll, rc + rl - lc);
      } else {
        d[2 * j] = rc;
        d[2 * j + 1] = rl;
        j++;
      }
    }
    if (r.size > 0) {
      r.size = j;
    }
  }

  /** yjs's {@code mergeDeleteSets}: the union, sorted and merged. */
  public static DeleteSet merge(List<DeleteSet> sets) {
    DeleteSet merged = new DeleteSet();
    for (int s = 0; s < sets.size(); s++) {
      for (Map.Entry<Long, Ranges> e : sets.get(s).clients.entrySet()) {
        Long client = e.getKey();
        if (merged.clients.containsKey(client)) {
          continue;
        }
        Ranges dels = e.getValue().copy();
        for (int t = s + 1; t < sets.size(); t++) {
          Ranges more = sets.get(t).clients.get(client);
          if (more != null) {
            for (int i = 0; i < more.size; i++) {
              dels.add(more.clock(i), more.len(i));
            }
          }
        }
        merged.clients.put(client, dels);
      }
    }
    return merged.sortAndMerge();
  }

  /** yjs's {@code equalDeleteSets}: same clients, same ranges in the same order. */
  public boolean sameAs(DeleteSet other) {
    if (clients.size() != other.clients.size()) {
      return false;
    }
    for (Map.Entry<Long, Ranges> e : clients.entrySet()) {
      Ranges a = e.getValue();
      Ranges b = other.clients.get(e.getKey());
      if (b == null || a.size != b.size) {
        return false;
      }
      for (int i = 0; i < 2 * a.size; i++) {
        if (a.data[i] != b.data[i]) {
          return false;
        }
      }
    }
    return true;
  }

  /** A copy. */
  public DeleteSet copy() {
    DeleteSet c = new DeleteSet();
    clients.forEach((k, v) -> c.clients.put(k, v.copy()));
    return c;
  }
}
