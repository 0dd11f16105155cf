package dev.yjakarta.yjs;

import dev.yjakarta.yjs.update.ClientStructs;
import dev.yjakarta.yjs.update.DecodedUpdate;
import dev.yjakarta.yjs.update.Diff;
import dev.yjakarta.yjs.update.Merge;
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
    DecodedUpdate merged = Merge.updates(decoded, true);
    return StructWriter.encodeV1(merged.groups(), merged.deleteSet());
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
   * What a store writes over a row holding {@code stored}, when the document holds {@code ours}:
   * null when {@code stored} equals or already contains {@code ours} (nothing to write), {@code
   * ours} when it contains {@code stored}, otherwise {@code Y.mergeUpdates([stored, ours])}. The
   * same answers as {@link #contains} both ways and {@link #merge}, but each input is decoded
   * once, and a containment that the state vectors already rule out is not computed: a store of
   * a 1 MB document decoded each side twice before.
   */
  public static byte[] unionForStore(byte[] stored, byte[] ours) {
    if (Arrays.equals(stored, ours)) {
      return null;
    }
    DecodedUpdate s = UpdateReader.readV1(stored, YjsLimits.DEFAULT);
    DecodedUpdate o = UpdateReader.readV1(ours, YjsLimits.DEFAULT);
    List<ClientStructs> sg = canonicalGroups(s);
    List<ClientStructs> og = canonicalGroups(o);
    if (!reachesPast(o.groups(), sg) && Snapshot.of(sg, s.deleteSet()).containsUpdate(o)) {
      return null;
    }
    if (!reachesPast(s.groups(), og) && Snapshot.of(og, o.deleteSet()).containsUpdate(s)) {
      return ours;
    }
    return mergeDecoded(List.of(s, o));
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
