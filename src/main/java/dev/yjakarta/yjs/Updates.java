package dev.yjakarta.yjs;

import dev.yjakarta.yjs.update.ClientStructs;
import dev.yjakarta.yjs.update.ClockRanges;
import dev.yjakarta.yjs.update.DecodedUpdate;
import dev.yjakarta.yjs.update.DeleteSet;
import dev.yjakarta.yjs.update.Diff;
import dev.yjakarta.yjs.update.Id;
import dev.yjakarta.yjs.update.Item;
import dev.yjakarta.yjs.update.Merge;
import dev.yjakarta.yjs.update.Skip;
import dev.yjakarta.yjs.update.Struct;
import dev.yjakarta.yjs.update.Snapshot;
import dev.yjakarta.yjs.update.StateVector;
import dev.yjakarta.yjs.update.StructWriter;
import dev.yjakarta.yjs.update.UpdateReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Operations on encoded Yjs V1 updates, byte-exact with yjs 13.6's functions of the same purpose.
 * Every input is fully decoded and validated first; bad input raises {@link YjsFormatException}.
 *
 * <p>yjs assumes its inputs list clients in descending order, once each. Input that does not is
 * normalised first (its client groups are merged as if they were separate updates) instead of
 * producing the duplicated groups yjs would.
 */
public final class Updates {
  /** An update with no structs and an empty delete set ({@code 00 00}). */
  public static final byte[] EMPTY_UPDATE = {0, 0};
  /** The state vector of an empty document ({@code 00}). */
  public static final byte[] EMPTY_STATE_VECTOR = {0};

  private Updates() {}

  /** {@code Y.mergeUpdates(updates)}. A single update is returned unchanged, as yjs does. */
  public static byte[] merge(List<byte[]> updates) {
    return merge(updates, YjsLimits.DEFAULT);
  }

  /** {@link #merge(List)} with explicit limits for every input. */
  public static byte[] merge(List<byte[]> updates, YjsLimits limits) {
    List<DecodedUpdate> decoded = new ArrayList<>(updates.size());
    for (byte[] u : updates) {
      decoded.add(UpdateReader.readV1(u, limits));
    }
    if (updates.size() == 1) {
      return updates.get(0);
    }
    return mergeDecoded(decoded);
  }

  static byte[] mergeDecoded(List<DecodedUpdate> decoded) {
    return mergeDecoded(decoded, 256);
  }

  private static byte[] mergeDecoded(List<DecodedUpdate> decoded, int expectedBytes) {
    DecodedUpdate merged = Merge.updates(decoded, true);
    return StructWriter.encodeV1(merged.groups(), merged.deleteSet(), expectedBytes);
  }

  /** {@code Y.encodeStateVectorFromUpdate(update)}. */
  public static byte[] stateVector(byte[] update) {
    DecodedUpdate d = UpdateReader.readV1(update, YjsLimits.DEFAULT);
    return StateVector.fromGroups(canonicalGroups(d));
  }

  /** {@code Y.diffUpdate(update, stateVector)}. */
  public static byte[] diff(byte[] update, byte[] stateVector) {
    DecodedUpdate d = UpdateReader.readV1(update, YjsLimits.DEFAULT);
    return Diff.encodeV1(canonicalGroups(d), d.deleteSet(), StateVector.decode(stateVector));
  }

  /**
   * Whether {@code update} adds nothing to {@code state}: {@code Y.snapshotContainsUpdate} for the
   * snapshot of a document holding {@code state}. The read-only check. See {@link Snapshot} for
   * the one (safe) way it can differ from a Y.Doc.
   */
  public static boolean contains(byte[] state, byte[] update) {
    DecodedUpdate s = UpdateReader.readV1(state, YjsLimits.DEFAULT);
    DecodedUpdate u = UpdateReader.readV1(update, YjsLimits.DEFAULT);
    return Snapshot.of(canonicalGroups(s), s.deleteSet()).containsUpdate(u);
  }

  /**
   * What a store does with a row holding {@code stored} when the document holds {@code ours}.
   *
   * @param write null when {@code stored} equals or already contains {@code ours} (nothing to
   *     write), {@code ours} itself when it contains {@code stored}, otherwise {@code
   *     Y.mergeUpdates([stored, ours])}
   * @param rowState what the row holds afterwards: {@code write} when there is one; otherwise
   *     {@code ours} itself when the two hold the same content (the caller then knows the row adds
   *     nothing to the document without decoding it), else {@code stored}
   */
  public record StoreUnion(byte[] write, byte[] rowState) {}

  /**
   * {@link StoreUnion} of a row and a document: the same answers as {@link #contains} both ways
   * and {@link #merge}. Containment is decided from a summary of each side (its units, deletions
   * and whether a Y.Doc would integrate all of it) whenever that is enough, and only a merge, or a
   * case the summaries leave open, decodes the states: a store of a 1 MB document every few
   * seconds otherwise kept two decoded copies alive, and a young collection during it had to copy
   * them (tens of milliseconds of pause for every client of the instance).
   */
  public static StoreUnion unionForStore(byte[] stored, byte[] ours) {
    if (Arrays.equals(stored, ours)) {
      return new StoreUnion(null, ours);
    }
    Coverage s = Coverage.scan(stored);
    Coverage o = Coverage.scan(ours);
    Boolean storedHasOurs = s.contains(o);
    Boolean oursHasStored = storedHasOurs == null ? null : o.contains(s);
    if (storedHasOurs == null || oursHasStored == null) {
      return unionForStoreDecoded(stored, ours);
    }
    if (storedHasOurs) {
      return new StoreUnion(null, oursHasStored ? ours : stored);
    }
    if (oursHasStored) {
      return new StoreUnion(ours, ours);
    }
    byte[] merged = mergeDecoded(
        List.of(UpdateReader.readV1(stored, YjsLimits.DEFAULT), UpdateReader.readV1(ours, YjsLimits.DEFAULT)),
        Math.max(stored.length, ours.length));
    return new StoreUnion(merged, merged);
  }

  /** {@link #unionForStore} through snapshots, for what the summaries do not decide. */
  private static StoreUnion unionForStoreDecoded(byte[] stored, byte[] ours) {
    DecodedUpdate s = UpdateReader.readV1(stored, YjsLimits.DEFAULT);
    DecodedUpdate o = UpdateReader.readV1(ours, YjsLimits.DEFAULT);
    List<ClientStructs> sg = canonicalGroups(s);
    List<ClientStructs> og = canonicalGroups(o);
    if (!reachesPast(o.groups(), sg) && Snapshot.of(sg, s.deleteSet()).containsUpdate(o)) {
      return new StoreUnion(null, stored);
    }
    if (!reachesPast(s.groups(), og) && Snapshot.of(og, o.deleteSet()).containsUpdate(s)) {
      return new StoreUnion(ours, ours);
    }
    byte[] merged = mergeDecoded(List.of(s, o), Math.max(stored.length, ours.length));
    return new StoreUnion(merged, merged);
  }

  /**
   * A summary of one state, read without keeping its structs: the clock range of each struct
   * group, the units present, the units deleted (delete set, GC, deleted content), the delete set,
   * and whether it is complete (every client contiguous from clock 0, every origin and parent
   * present), which is when a Y.Doc would integrate all of it and its snapshot is these units.
   */
  private static final class Coverage {
    /** Per group of structs (Skips included): client, first clock, end. */
    private final List<long[]> groups = new ArrayList<>();
    private final ClockRanges units = new ClockRanges();
    private final ClockRanges deleted = new ClockRanges();
    /** Dependencies not yet present when their item was read, checked once all units are known. */
    private final List<Id> laterDependencies = new ArrayList<>();
    private DeleteSet deleteSet;
    private boolean complete;

    static Coverage scan(byte[] update) {
      Coverage c = new Coverage();
      c.deleteSet = UpdateReader.scanV1(update, YjsLimits.DEFAULT, c::add);
      for (Long client : c.deleteSet.clients()) {
        for (long[] r : c.deleteSet.ranges(client)) {
          c.deleted.add(client, r[0], r[1]);
        }
      }
      c.complete = c.units.allContiguousFromZero() && c.laterDependencies.stream().allMatch(c::present);
      c.laterDependencies.clear();
      return c;
    }

    private void add(Struct st) {
      long[] last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
      if (last != null && last[0] == st.client() && last[2] == st.clock()) {
        last[2] = st.end();
      } else {
        groups.add(new long[] {st.client(), st.clock(), st.end()});
      }
      if (st instanceof Skip) {
        return;
      }
      units.add(st.client(), st.clock(), st.length());
      if (st.holdsDeletedUnits()) {
        deleted.add(st.client(), st.clock(), st.length());
      }
      if (st instanceof Item i) {
        checkLater(i.origin());
        checkLater(i.rightOrigin());
        checkLater(i.parentId());
      }
    }

    private void checkLater(Id dep) {
      if (dep != null && !present(dep)) {
        laterDependencies.add(dep);
      }
    }

    private boolean present(Id id) {
      return units.covers(id.client(), id.clock(), 1);
    }

    /**
     * {@code Y.snapshotContainsUpdate(snapshot of this, other)}: false when a struct of {@code
     * other} lies past this state; true when, besides, every deletion of {@code other} is a deleted
     * unit here; null when only a snapshot can tell (this state incomplete, an empty delete range,
     * or a deletion that only implicit deletes might cover).
     */
    Boolean contains(Coverage other) {
      if (!complete) {
        return null;
      }
      for (long[] g : other.groups) {
        if (!units.covers(g[0], 0, g[2])) {
          return false;
        }
      }
      for (Long c : other.deleteSet.clients()) {
        for (long[] r : other.deleteSet.ranges(c)) {
          if (r[1] <= 0 || !units.covers(c, r[0], r[1]) || !deleted.covers(c, r[0], r[1])) {
            return null;
          }
        }
      }
      return true;
    }
  }

  /** Whether a group of {@code update} ends past every group of {@code state} for its client. */
  private static boolean reachesPast(List<ClientStructs> update, List<ClientStructs> state) {
    Map<Long, Long> ends = new HashMap<>();
    for (ClientStructs g : state) {
      ends.merge(g.client(), g.end(), Math::max);
    }
    for (ClientStructs g : update) {
      if (g.end() > ends.getOrDefault(g.client(), 0L)) {
        return true;
      }
    }
    return false;
  }

  /** Converts a V2 update to V1 ({@code Y.convertUpdateFormatV2ToV1}). */
  public static byte[] v2ToV1(byte[] updateV2) {
    return v2ToV1(updateV2, YjsLimits.DEFAULT);
  }

  /** {@link #v2ToV1(byte[])} with explicit limits. */
  public static byte[] v2ToV1(byte[] updateV2, YjsLimits limits) {
    DecodedUpdate d = UpdateReader.readV2(updateV2, limits);
    return StructWriter.encodeV1(d.groups(), d.deleteSet());
  }

  /** Fully decodes {@code update} within {@code limits}; throws if it is malformed. */
  public static void validate(byte[] update, YjsLimits limits) {
    UpdateReader.readV1(update, limits);
  }

  /** The groups of {@code d} in canonical order (merged if the input was not canonical). */
  static List<ClientStructs> canonicalGroups(DecodedUpdate d) {
    return d.canonical() ? d.groups() : Merge.merge(Merge.sequences(List.of(d)));
  }
}
