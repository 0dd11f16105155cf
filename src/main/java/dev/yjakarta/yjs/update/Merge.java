package dev.yjakarta.yjs.update;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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

  /** Merges the sequences into canonical client groups. */
  public static List<ClientStructs> merge(List<List<Struct>> sequences) {
    List<Reader> readers = new ArrayList<>(sequences.size());
    for (List<Struct> s : sequences) {
      readers.add(new Reader(s));
    }
    Out out = new Out();
    Struct cw = null; // yjs's currWrite (its offset is always 0)
    readers.removeIf(r -> r.curr() == null);
    readers.sort(ORDER);
    // yjs re-sorts all readers (stably) on every round. Only the first reader moves in a round, so
    // the same order results from re-inserting it before the readers with an equal key.
    Reader moved = null;
    while (true) {
      if (moved != null) {
        readers.remove(0);
        if (moved.curr() != null) {
          readers.add(lowerBound(readers, moved), moved);
        }
        moved = null;
      }
      if (readers.isEmpty()) {
        break;
      }
      Reader cd = readers.get(0);
      moved = cd;
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

  private static int lowerBound(List<Reader> readers, Reader r) {
    int lo = 0;
    int hi = readers.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ORDER.compare(readers.get(mid), r) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
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
