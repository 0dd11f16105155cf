package dev.yjakarta.yjs.update;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The units a Y.Doc deletes on its own while integrating an update, found without building the
 * document: items that turn into GC because their left or right neighbour is GC (or their parent
 * is missing), every value of a map key but the one YATA puts last, and everything inside a
 * deleted type. Input is the integrated structs in an order where every struct comes after its
 * dependencies (as {@link Snapshot#integratedPrefix} yields them).
 *
 * <p>Not modelled: the formatting cleanup YText runs after a remote transaction (it deletes
 * redundant format marks and needs the text's order).
 */
final class ImplicitDeletes {
  private final List<Struct> order;
  private final Map<Long, int[]> byClient;
  private final DeleteSet explicit;

  private ImplicitDeletes(List<Struct> order, Map<Long, List<Integer>> clientIndexes, DeleteSet explicit) {
    this.order = order;
    this.byClient = new HashMap<>();
    clientIndexes.forEach((c, list) -> byClient.put(c, list.stream().mapToInt(Integer::intValue).toArray()));
    this.explicit = explicit;
  }

  /**
   * Adds the implicitly deleted units to {@code out}.
   *
   * @param order integrated structs, dependencies first
   * @param clientIndexes per client, the indexes into {@code order} in clock order
   * @param explicit the explicit deletions (sorted and merged), used for deleted parent types
   */
  static void addTo(DeleteSet out, List<Struct> order, Map<Long, List<Integer>> clientIndexes, DeleteSet explicit) {
    new ImplicitDeletes(order, clientIndexes, explicit).run(out);
  }

  /** Index of the integrated struct holding {@code id}, or -1. */
  private int find(Id id) {
    int[] idx = byClient.get(id.client());
    if (idx == null) {
      return -1;
    }
    int lo = 0;
    int hi = idx.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Struct s = order.get(idx[mid]);
      if (id.clock() < s.clock()) {
        hi = mid - 1;
      } else if (id.clock() >= s.end()) {
        lo = mid + 1;
      } else {
        return idx[mid];
      }
    }
    return -1;
  }

  private record MapKey(int parentType, String root, String sub) {}

  private void run(DeleteSet out) {
    int n = order.size();
    boolean[] gc = new boolean[n];
    int[] parentType = new int[n]; // index of the ContentType item, or -1 for a root type
    String[] root = new String[n];
    String[] sub = new String[n];
    int[] left = new int[n];
    for (int i = 0; i < n; i++) {
      left[i] = -1;
      if (!(order.get(i) instanceof Item item)) {
        gc[i] = true;
        continue;
      }
      int l = item.origin() == null ? -1 : find(item.origin());
      int r = item.rightOrigin() == null ? -1 : find(item.rightOrigin());
      left[i] = l;
      if ((item.origin() != null && (l < 0 || gc[l])) || (item.rightOrigin() != null && (r < 0 || gc[r]))) {
        gc[i] = true; // yjs: a GC neighbour leaves the parent unknown, the item becomes GC
      } else if (l >= 0 || r >= 0) {
        int from = l >= 0 ? l : r;
        parentType[i] = parentType[from];
        root[i] = root[from];
        sub[i] = sub[from];
      } else if (item.parentRoot() != null) {
        parentType[i] = -1;
        root[i] = item.parentRoot();
        sub[i] = item.parentSub();
      } else if (item.parentId() != null) {
        int p = find(item.parentId());
        if (p < 0 || gc[p] || !(((Item) order.get(p)).content() instanceof Content.Type)) {
          gc[i] = true;
        } else {
          parentType[i] = p;
          sub[i] = item.parentSub();
        }
      } else {
        gc[i] = true;
      }
    }
    boolean[] loser = mapLosers(gc, parentType, root, sub, left);
    boolean[] deleted = new boolean[n];
    for (int i = 0; i < n; i++) {
      Struct s = order.get(i);
      boolean implicit = gc[i] || loser[i] || (parentType[i] >= 0 && deleted[parentType[i]]);
      if (implicit) {
        deleted[i] = true;
        out.add(s.client(), s.clock(), s.length());
      } else {
        deleted[i] = explicit.isDeleted(s.client(), s.clock()); // types are one unit long
      }
    }
  }

  /**
   * Per map key, every value except the last one in YATA order. Values that were set over the same
   * previous value are siblings ordered by client id; the last is found by following the highest
   * client down to a value nobody set over.
   */
  private boolean[] mapLosers(boolean[] gc, int[] parentType, String[] root, String[] sub, int[] left) {
    int n = order.size();
    Map<MapKey, List<Integer>> groups = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (!gc[i] && sub[i] != null) {
        groups.computeIfAbsent(new MapKey(parentType[i], root[i], sub[i]), k -> new ArrayList<>()).add(i);
      }
    }
    boolean[] loser = new boolean[n];
    for (List<Integer> group : groups.values()) {
      if (group.size() < 2) {
        continue;
      }
      Map<Integer, List<Integer>> children = new HashMap<>();
      List<Integer> roots = new ArrayList<>();
      java.util.Set<Integer> members = new java.util.HashSet<>(group);
      for (int i : group) {
        if (left[i] >= 0 && members.contains(left[i])) {
          children.computeIfAbsent(left[i], k -> new ArrayList<>()).add(i);
        } else {
          roots.add(i);
        }
      }
      int winner = last(roots);
      for (List<Integer> kids = children.get(winner); kids != null; kids = children.get(winner)) {
        winner = last(kids);
      }
      for (int i : group) {
        loser[i] = i != winner;
      }
    }
    return loser;
  }

  /** The sibling YATA puts last: the highest client; for equal clients the earliest integrated. */
  private int last(List<Integer> siblings) {
    int best = siblings.get(0);
    for (int i : siblings) {
      if (order.get(i).client() > order.get(best).client()) {
        best = i;
      }
    }
    return best;
  }
}
