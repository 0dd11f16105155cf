package dev.yjakarta.yjs.update;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per client, a set of clock units kept as disjoint ranges; touching ranges are joined (as yjs's
 * {@code sortAndMergeDeleteSet} joins them). Insertion and lookup are logarithmic, so a document
 * can maintain its covered and deleted units update by update. Not thread-safe.
 */
public final class ClockRanges {
  private final Map<Long, TreeMap<Long, Long>> clients = new HashMap<>();
  /** Clients whose units are not exactly one range from clock 0. */
  private int irregular;

  private static boolean regular(TreeMap<Long, Long> ranges) {
    return ranges.size() == 1 && ranges.firstKey() == 0;
  }

  /** Adds {@code [clock, clock + len)}; returns true if a unit was not in the set before. */
  public boolean add(long client, long clock, long len) {
    if (len <= 0) {
      return false;
    }
    TreeMap<Long, Long> ranges = clients.get(client);
    if (ranges == null) {
      ranges = new TreeMap<>();
      clients.put(client, ranges);
      irregular++; // an empty client counts as irregular until its first range is in
    }
    long start = clock;
    long end = clock + len;
    var floor = ranges.floorEntry(start);
    if (floor != null && floor.getValue() >= end) {
      return false; // already covered
    }
    boolean wasRegular = regular(ranges);
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
    boolean isRegular = regular(ranges);
    if (wasRegular != isRegular) {
      irregular += isRegular ? -1 : 1;
    }
    return true;
  }

  /** Whether every unit of {@code [clock, clock + len)} is in the set (true for len 0). */
  public boolean covers(long client, long clock, long len) {
    if (len <= 0) {
      return true;
    }
    TreeMap<Long, Long> ranges = clients.get(client);
    if (ranges == null) {
      return false;
    }
    var floor = ranges.floorEntry(clock);
    return floor != null && floor.getValue() >= clock + len;
  }

  /** The range holding or ending at {@code clock}, as {start, end}, or null. */
  public long[] rangeTouching(long client, long clock) {
    TreeMap<Long, Long> ranges = clients.get(client);
    if (ranges == null) {
      return null;
    }
    var floor = ranges.floorEntry(clock);
    return floor != null && floor.getValue() >= clock ? new long[] {floor.getKey(), floor.getValue()} : null;
  }

  /** The end of the range that starts at clock 0, or 0. */
  public long contiguousEnd(long client) {
    TreeMap<Long, Long> ranges = clients.get(client);
    if (ranges == null || ranges.isEmpty()) {
      return 0;
    }
    var first = ranges.firstEntry();
    return first.getKey() == 0 ? first.getValue() : 0;
  }

  /** Whether every client's units form one range from clock 0. */
  public boolean allContiguousFromZero() {
    return irregular == 0;
  }

  /** Clients with at least one unit. */
  public Iterable<Long> clients() {
    return clients.keySet();
  }
}
