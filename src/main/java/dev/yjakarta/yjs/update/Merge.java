package dev.yjakarta.yjs.update;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The struct part of yjs's {@code mergeUpdatesV2}: a k-way merge of struct sequences that drops
 * units already written, slices partial overlaps, fills holes with Skip structs and joins adjacent
 * GC (or Skip) structs. Items are never joined. The result is the same structs, in the same order,
 * that yjs writes.
 */
public final class Merge {
  private Merge() {}

  /** One input sequence: structs ordered by client descending, then clock; no Skips. */
  private static final class Reader {
    final List<Struct> structs;
    int idx;
    /** Tie-break among readers with equal keys, replaying yjs's stable re-sort (see merge). */
    long seq;

    Reader(List<Struct> structs) {
      this.structs = structs;
    }

    Struct curr() {
      return idx < structs.size() ? structs.get(idx) : null;
    }

    Struct next() {
      idx++;
      return curr();
    }
  }

  /** yjs's reader order: client descending, clock ascending (JS sort is stable, so is ours). */
  private static final Comparator<Reader> ORDER =
      (a, b) -> {
        Struct x = a.curr();
        Struct y = b.curr();
        if (x.client() == y.client()) {
          return Long.compare(x.clock(), y.clock());
        }
        return Long.compare(y.client(), x.client());
      };

  private static final Comparator<Reader> ORDER_THEN_SEQ =
      ORDER.thenComparingLong(r -> r.seq);

  /**
   * Splits decoded updates into reader sequences. A canonical update is one sequence; otherwise its
   * groups are sorted by client (stably) and a client's repeated groups go to separate sequences,
   * so that every sequence is canonical. Skips are dropped, as yjs's merge filters them.
   */
  public static List<List<Struct>> sequences(List<DecodedUpdate> updates) {
    List<List<Struct>> out = new ArrayList<>();
    for (DecodedUpdate u : updates) {
      List<ClientStructs> groups = u.groups();
      if (!u.canonical()) {
        groups = new ArrayList<>(groups);
        groups.sort((a, b) -> Long.compare(b.client(), a.client()));
      }
      List<List<Struct>> seqs = new ArrayList<>();
      List<Long> lastClient = new ArrayList<>();
      for (ClientStructs g : groups) {
        int target = 0;
        while (target < seqs.size() && lastClient.get(target) == g.client()) {
          target++;
        }
        if (target == seqs.size()) {
          seqs.add(new ArrayList<>());
          lastClient.add(-1L);
        }
        List<Struct> seq = seqs.get(target);
        for (Struct s : g.structs()) {
          if (!(s instanceof Skip)) {
            seq.add(s);
          }
        }
        lastClient.set(target, g.client());
      }
      out.addAll(seqs);
    }
    return out;
  }

  /**
   * yjs's comparator as it is: a GC and an item at the same clock each sort before the other (it
   * only means to put Skips last), so the order of such readers depends on the sort algorithm.
   */
  private static final Comparator<Reader> YJS_ORDER =
      (a, b) -> {
        Struct x = a.curr();
        Struct y = b.curr();
        if (x.client() == y.client()) {
          if (x.clock() == y.clock()) {
            return x.getClass() == y.getClass() ? 0 : -1;
          }
          return Long.compare(x.clock(), y.clock());
        }
        return Long.compare(y.client(), x.client());
      };

  /** The readers in yjs's order, kept the fast way when possible. */
  private interface Order {
    /** The first reader, or null when all are done. */
    Reader first();
  }

  /**
   * The usual case: the comparator is consistent, yjs's stable re-sort of all readers moves only
   * the reader that advanced, before the readers with an equal key. A heap on (key, seq) where a
   * re-inserted reader gets a smaller seq than any other gives that order in O(log k).
   */
  private static final class HeapOrder implements Order {
    private final PriorityQueue<Reader> heap;
    private long minSeq;
    private Reader head;

    HeapOrder(List<Reader> sorted) {
      heap = new PriorityQueue<>(Math.max(1, sorted.size()), ORDER_THEN_SEQ);
      for (int i = 0; i < sorted.size(); i++) {
        sorted.get(i).seq = i;
        heap.add(sorted.get(i));
      }
    }

    @Override
    public Reader first() {
      if (head != null) {
        heap.poll(); // the last head is still the root: nothing else changed since
        if (head.curr() != null) {
          head.seq = --minSeq;
          heap.add(head);
        }
      }
      head = heap.peek();
      return head;
    }
  }

  /** GC and item at the same clock: replay yjs's filter and Array.prototype.sort every round. */
  private static final class JsOrder implements Order {
    private final List<Reader> readers;

    JsOrder(List<Reader> readers) {
      this.readers = readers;
    }

    @Override
    public Reader first() {
      readers.removeIf(r -> r.curr() == null);
      JsArraySort.sort(readers, YJS_ORDER);
      return readers.isEmpty() ? null : readers.get(0);
    }
  }

  /** Whether some GC struct starts at the same id as an item of another sequence. */
  private static boolean gcMeetsItem(List<List<Struct>> sequences) {
    if (sequences.size() < 2) {
      return false;
    }
    java.util.Map<Id, Integer> gcStarts = new java.util.HashMap<>();
    for (int i = 0; i < sequences.size(); i++) {
      for (Struct s : sequences.get(i)) {
        if (s instanceof Gc) {
          gcStarts.putIfAbsent(new Id(s.client(), s.clock()), i);
        }
      }
    }
    if (gcStarts.isEmpty()) {
      return false;
    }
    for (int i = 0; i < sequences.size(); i++) {
      for (Struct s : sequences.get(i)) {
        if (s instanceof Item) {
          Integer gcIn = gcStarts.get(new Id(s.client(), s.clock()));
          if (gcIn != null && gcIn != i) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * {@code Y.mergeUpdates} on decoded updates: their structs merged into canonical client groups
   * ({@code yjsTies} as in {@link #merge(List, boolean)}) and their delete sets merged.
   */
  public static DecodedUpdate updates(List<DecodedUpdate> updates, boolean yjsTies) {
    List<ClientStructs> groups = merge(sequences(updates), yjsTies);
    List<DeleteSet> sets = new ArrayList<>(updates.size());
    for (DecodedUpdate u : updates) {
      sets.add(u.deleteSet());
    }
    return new DecodedUpdate(groups, DeleteSet.merge(sets));
  }

  /** Merges the sequences into canonical client groups, byte-exact with yjs. */
  public static List<ClientStructs> merge(List<List<Struct>> sequences) {
    return merge(sequences, true);
  }

  /**
   * Merges the sequences into canonical client groups.
   *
   * @param yjsTies whether a GC and an item starting at the same id are ordered exactly as yjs
   *     orders them (by replaying its sort every round, O(k log k) per round for k inputs); when
   *     false either may win, which is equally correct and keeps every round O(log k)
   */
  public static List<ClientStructs> merge(List<List<Struct>> sequences, boolean yjsTies) {
    List<Reader> readers = new ArrayList<>(sequences.size());
    for (List<Struct> s : sequences) {
      readers.add(new Reader(s));
    }
    Out out = new Out();
    Struct cw = null; // yjs's currWrite (its offset is always 0)
    Order order;
    if (yjsTies && gcMeetsItem(sequences)) {
      order = new JsOrder(readers);
    } else {
      readers.removeIf(r -> r.curr() == null);
      readers.sort(ORDER);
      order = new HeapOrder(readers);
    }
    while (true) {
      Reader cd = order.first();
      if (cd == null) {
        break;
      }
      long firstClient = cd.curr().client();
      if (cw != null) {
        Struct curr = cd.curr();
        boolean iterated = false;
        // skip what was already written (higher clients are written first)
        while (curr != null && curr.end() <= cw.end() && curr.client() >= cw.client()) {
          curr = cd.next();
          iterated = true;
        }
        if (curr == null
            || curr.client() != firstClient
            || (iterated && curr.clock() > cw.end())) {
          continue;
        }
        if (firstClient != cw.client()) {
          out.add(cw);
          cw = curr;
          cd.next();
        } else if (cw.end() < curr.clock()) {
          if (cw instanceof Skip) {
            cw = new Skip(cw.client(), cw.clock(), curr.end() - cw.clock());
          } else {
            out.add(cw);
            cw = new Skip(firstClient, cw.end(), curr.clock() - cw.end());
          }
        } else {
          long diff = cw.end() - curr.clock();
          if (diff > 0) {
            if (cw instanceof Skip) {
              cw = new Skip(cw.client(), cw.clock(), cw.length() - diff);
            } else {
              curr = slice(curr, diff);
            }
          }
          Struct joined = join(cw, curr);
          if (joined == null) {
            out.add(cw);
            cw = curr;
            cd.next();
          } else {
            cw = joined;
          }
        }
      } else {
        cw = cd.curr();
        cd.next();
      }
      for (Struct next = cd.curr();
          next != null && next.client() == firstClient && next.clock() == cw.end();
          next = cd.next()) {
        out.add(cw);
        cw = next;
      }
    }
    if (cw != null) {
      out.add(cw);
    }
    return out.groups;
  }

  /** yjs's {@code sliceStruct}: the part of {@code s} from {@code diff} on. */
  static Struct slice(Struct s, long diff) {
    if (s instanceof Gc g) {
      return new Gc(g.client(), g.clock() + diff, g.length() - diff);
    }
    if (s instanceof Skip k) {
      return new Skip(k.client(), k.clock() + diff, k.length() - diff);
    }
    return ((Item) s).sliceFrom(diff);
  }

  /** yjs's {@code mergeWith} for lazily read structs: GC+GC and Skip+Skip join, items never. */
  private static Struct join(Struct left, Struct right) {
    if (left instanceof Gc && right instanceof Gc) {
      return new Gc(left.client(), left.clock(), left.length() + right.length());
    }
    if (left instanceof Skip && right instanceof Skip) {
      return new Skip(left.client(), left.clock(), left.length() + right.length());
    }
    return null;
  }

  /** Collects written structs into groups the way the lazy writer does. */
  private static final class Out {
    final List<ClientStructs> groups = new ArrayList<>();
    List<Struct> current;
    long client;

    void add(Struct s) {
      if (current == null || client != s.client()) {
        current = new ArrayList<>();
        client = s.client();
        groups.add(new ClientStructs(client, current));
      }
      current.add(s);
    }
  }
}
