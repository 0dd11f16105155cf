package dev.yjakarta.yjs.update;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code Y.snapshot(doc)} gives for a Y.Doc that applied one update: the state vector of the
 * integrated structs and the delete set of the deleted ones, computed without a document model.
 *
 * <p>A Y.Doc integrates, per client, a prefix of the structs from clock 0: it stops at a hole and
 * at an item whose origin, right origin or parent item belongs to another client's units that are
 * not integrated (yjs then keeps the rest as pending). That is a least fixpoint, computed here
 * with a work list. The deleted units are the delete set's ranges over integrated units, GC
 * structs and ContentDeleted items, plus what a Y.Doc deletes on its own ({@link ImplicitDeletes}).
 * The one thing not modelled is YText's cleanup of redundant format marks: for it {@link
 * #containsUpdate} can answer false where yjs answers true, never the other way round.
 */
public final class Snapshot {
  private final Map<Long, Long> sv;
  private final DeleteSet ds;

  private Snapshot(Map<Long, Long> sv, DeleteSet ds) {
    this.sv = sv;
    this.ds = ds;
  }

  public Map<Long, Long> stateVector() {
    return sv;
  }

  public DeleteSet deleteSet() {
    return ds;
  }

  /** The snapshot of a Y.Doc after applying an update with these canonical groups and delete set. */
  public static Snapshot of(List<ClientStructs> groups, DeleteSet updateDs) {
    List<Struct> order = new ArrayList<>();
    Map<Long, List<Integer>> clientIndexes = new HashMap<>();
    Map<Long, Long> integrated = integratedPrefix(groups, order, clientIndexes);
    DeleteSet ds = new DeleteSet();
    for (ClientStructs g : groups) {
      long end = integrated.getOrDefault(g.client(), 0L);
      for (Struct s : g.structs()) {
        if (s.clock() >= end) {
          break;
        }
        if (s.holdsDeletedUnits()) {
          ds.add(g.client(), s.clock(), s.length());
        }
      }
    }
    for (Long client : updateDs.clients()) {
      long end = integrated.getOrDefault(client, 0L);
      for (long[] r : updateDs.ranges(client)) {
        long from = r[0];
        long to = Math.min(r[0] + r[1], end);
        if (from < to) {
          ds.add(client, from, to - from);
        }
      }
    }
    ds.sortAndMerge();
    DeleteSet explicit = ds.copy();
    ImplicitDeletes.addTo(ds, order, clientIndexes, explicit);
    ds.sortAndMerge();
    Map<Long, Long> sv = new HashMap<>();
    integrated.forEach((c, clock) -> {
      if (clock > 0) {
        sv.put(c, clock);
      }
    });
    return new Snapshot(sv, ds);
  }

  /** yjs's {@code snapshotContainsUpdate} for this snapshot. */
  public boolean containsUpdate(DecodedUpdate update) {
    for (ClientStructs g : update.groups()) {
      long known = sv.getOrDefault(g.client(), 0L);
      if (known < g.end()) {
        return false;
      }
    }
    DeleteSet merged = DeleteSet.merge(List.of(ds, update.deleteSet()));
    return ds.sameAs(merged);
  }

  /** Per client, the end of the integrable prefix (see the class comment). */
  static Map<Long, Long> integratedPrefix(List<ClientStructs> groups) {
    return integratedPrefix(groups, new ArrayList<>(), new HashMap<>());
  }

  /**
   * {@link #integratedPrefix(List)}, also collecting the integrated structs in an order where
   * dependencies come first, and per client their indexes in that order.
   */
  static Map<Long, Long> integratedPrefix(
      List<ClientStructs> groups, List<Struct> order, Map<Long, List<Integer>> clientIndexes) {
    Map<Long, ClientStructs> byClient = new HashMap<>();
    for (ClientStructs g : groups) {
      byClient.putIfAbsent(g.client(), g);
    }
    Map<Long, Long> state = new HashMap<>();
    Map<Long, Integer> next = new HashMap<>();
    Map<Long, List<Long>> waiters = new HashMap<>();
    ArrayDeque<Long> work = new ArrayDeque<>();
    for (ClientStructs g : byClient.values()) {
      state.put(g.client(), 0L);
      next.put(g.client(), 0);
      if (g.start() == 0) {
        work.add(g.client());
      }
    }
    while (!work.isEmpty()) {
      long c = work.poll();
      ClientStructs g = byClient.get(c);
      int i = next.get(c);
      long before = state.get(c);
      long clock = before;
      List<Struct> structs = g.structs();
      while (i < structs.size()) {
        Struct s = structs.get(i);
        if (s instanceof Skip || s.clock() != clock) {
          break; // a hole: nothing after it integrates
        }
        Long missing = s instanceof Item item ? missingClient(item, state) : null;
        if (missing != null) {
          waiters.computeIfAbsent(missing, k -> new ArrayList<>()).add(c);
          break;
        }
        clock = s.end();
        i++;
        state.put(c, clock);
        clientIndexes.computeIfAbsent(c, k -> new ArrayList<>()).add(order.size());
        order.add(s);
      }
      next.put(c, i);
      if (clock != before) {
        List<Long> woken = waiters.remove(c);
        if (woken != null) {
          work.addAll(woken);
        }
      }
    }
    return state;
  }

  /** The other client whose missing unit blocks {@code item}, as yjs's {@code getMissing}. */
  private static Long missingClient(Item item, Map<Long, Long> state) {
    long c = item.client();
    for (Id dep : new Id[] {item.origin(), item.rightOrigin(), item.parentId()}) {
      if (dep != null && dep.client() != c && dep.clock() >= state.getOrDefault(dep.client(), 0L)) {
        return dep.client();
      }
    }
    return null;
  }
}
