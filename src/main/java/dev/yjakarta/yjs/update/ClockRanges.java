package dev.yjakarta.yjs.update;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per client, a set of clock units kept as disjoint ranges; touching ranges are joined (as yjs's
 * {@code sortAndMergeDeleteSet} joins them). Insertion and lookup are logarithmic, so a document
 * can maintain its covered and deleted units update by update. Not thread-safe.
 *
 * <p>A client's highest range is held in two longs outside its tree, and the last client looked
 * up is remembered: units almost always arrive in clock order, one client after another, so an
 * add extends that range without boxing a clock or a client id. A 1 MB state scanned for a store
 * boxed about two longs per struct before.
 */
public final class ClockRanges {
  /** One client's ranges: {@code head} (start → end) all end before {@code lastStart}. */
  private static final class Ranges {
    final TreeMap<Long, Long> head = new TreeMap<>();
    long lastStart;
    long lastEnd;
    boolean hasLast;

    boolean regular() {
      return hasLast && head.isEmpty() && lastStart == 0;
    }
  }

  private final Map<Long, Ranges> clients = new HashMap<>();
  private long cachedClient;
  private Ranges cached;
  /** Clients whose units are not exactly one range from clock 0. */
  private int irregular;

  private Ranges find(long client) {
    if (cached != null && cachedClient == client) {
      return cached;
    }
    Ranges r = clients.get(client);
    if (r != null) {
      cachedClient = client;
      cached = r;
    }
    return r;
  }

  /** Adds {@code [clock, clock + len)}; returns true if a unit was not in the set before. */
  public boolean add(long client, long clock, long len) {
    if (len <= 0) {
      return false;
    }
    Ranges r = find(client);
    if (r == null) {
      r = new Ranges();
      clients.put(client, r);
      cachedClient = client;
      cached = r;
      irregular++; // an empty client counts as irregular until its first range is in
    }
    boolean wasRegular = r.regular();
    boolean added = addTo(r, clock, clock + len);
    boolean isRegular = r.regular();
    if (wasRegular != isRegular) {
      irregular += isRegular ? -1 : 1;
    }
    return added;
  }

  private static boolean addTo(Ranges r, long start, long end) {
    if (!r.hasLast) {
      r.lastStart = start;
      r.lastEnd = end;
      r.hasLast = true;
      return true;
    }
    if (start >= r.lastStart) {
      if (end <= r.lastEnd) {
        return false;
      }
      if (start <= r.lastEnd) {
        r.lastEnd = end; // the usual case: the next units of the client
      } else {
        r.head.put(r.lastStart, r.lastEnd);
        r.lastStart = start;
        r.lastEnd = end;
      }
      return true;
    }
    if (end >= r.lastStart) {
      // reaches the last range: joins it and every head range from start on
      var floor = r.head.floorEntry(start);
      long from = floor != null && floor.getValue() >= start ? floor.getKey() : start;
      r.head.tailMap(from, true).clear();
      r.lastStart = from;
      r.lastEnd = Math.max(end, r.lastEnd);
      return true;
    }
    return addToHead(r.head, start, end);
  }

  private static boolean addToHead(TreeMap<Long, Long> ranges, long start, long end) {
    var floor = ranges.floorEntry(start);
    if (floor != null && floor.getValue() >= end) {
      return false; // already covered
    }
    if (floor != null && floor.getValue() >= start) {
      start = floor.getKey();
      end = Math.max(end, floor.getValue());
      ranges.remove(floor.getKey());
    }
    while (true) {
      var next = ranges.ceilingEntry(start);
      if (next == null || next.getKey() > end) {
        break;
      }
      end = Math.max(end, next.getValue());
      ranges.remove(next.getKey());
    }
    ranges.put(start, end);
    return true;
  }

  /** Whether every unit of {@code [clock, clock + len)} is in the set (true for len 0). */
  public boolean covers(long client, long clock, long len) {
    if (len <= 0) {
      return true;
    }
    Ranges r = find(client);
    if (r == null || !r.hasLast) {
      return false;
    }
    if (clock >= r.lastStart) {
      return clock + len <= r.lastEnd;
    }
    var floor = r.head.floorEntry(clock);
    return floor != null && floor.getValue() >= clock + len;
  }

  /** The range holding or ending at {@code clock}, as {start, end}, or null. */
  public long[] rangeTouching(long client, long clock) {
    Ranges r = find(client);
    if (r == null || !r.hasLast) {
      return null;
    }
    if (clock >= r.lastStart) {
      return r.lastEnd >= clock ? new long[] {r.lastStart, r.lastEnd} : null;
    }
    var floor = r.head.floorEntry(clock);
    return floor != null && floor.getValue() >= clock ? new long[] {floor.getKey(), floor.getValue()} : null;
  }

  /** The end of the range that starts at clock 0, or 0. */
  public long contiguousEnd(long client) {
    Ranges r = find(client);
    if (r == null || !r.hasLast) {
      return 0;
    }
    if (!r.head.isEmpty()) {
      var first = r.head.firstEntry();
      return first.getKey() == 0 ? first.getValue() : 0;
    }
    return r.lastStart == 0 ? r.lastEnd : 0;
  }

  /** Whether every client's units form one range from clock 0. */
  public boolean allContiguousFromZero() {
    return irregular == 0;
  }

  /** Clients with at least one unit. */
  public Iterable<Long> clients() {
    return clients.keySet();
  }

  /** Receives ranges from {@link #forEachRange}. */
  @FunctionalInterface
  public interface RangeVisitor {
    /** A client's range {@code [start, end)}; {@code count} is how many ranges the client has. */
    void range(long client, int count, long start, long end);
  }

  /** Every range, client by client in ascending client order, each client's in clock order. */
  public void forEachRange(RangeVisitor visitor) {
    List<Long> sorted = new ArrayList<>(clients.keySet());
    Collections.sort(sorted);
    for (Long client : sorted) {
      Ranges r = clients.get(client);
      if (!r.hasLast) {
        continue;
      }
      int count = r.head.size() + 1;
      for (var e : r.head.entrySet()) {
        visitor.range(client, count, e.getKey(), e.getValue());
      }
      visitor.range(client, count, r.lastStart, r.lastEnd);
    }
  }

  /** How many clients have at least one range. */
  public int clientCount() {
    int n = 0;
    for (Ranges r : clients.values()) {
      if (r.hasLast) {
        n++;
      }
    }
    return n;
  }
}
