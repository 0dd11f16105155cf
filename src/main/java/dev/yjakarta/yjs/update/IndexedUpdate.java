package dev.yjakarta.yjs.update;

import dev.yjakarta.yjs.YjsFormatException;
import dev.yjakarta.yjs.YjsLimits;
import dev.yjakarta.yjs.lib0.Lib0Decoder;
import dev.yjakarta.yjs.lib0.Lib0Encoder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A canonical V1 update kept as bytes, with the clock and byte range of each client's group.
 *
 * <p>{@link #merge} decodes only the groups of the clients the merged updates touch, and the delete
 * set; every other group is copied as bytes. {@link #diff} copies the groups a state vector lacks
 * entirely and decodes only those it holds in part. A provider's client id is new on every page
 * load, so the bulk of a document belongs to clients that no longer edit it: merging a few edits
 * into a large document then costs a copy of its bytes, not an object graph of it that the
 * collector would have to promote and later compact.
 *
 * <p>The bytes are those of {@link StructWriter#encodeV1} on {@link Merge#updates} of the same
 * inputs (merging is per client), and {@link #diff} gives those of {@link Diff#encodeV1}.
 */
public final class IndexedUpdate {
  /** A client group: clocks {@code [start, end)}, bytes {@code [from, to)} (count, client, clock, structs). */
  private record Group(long client, long start, long end, int structs, boolean startsWithSkip, int from, int to) {}

  private final byte[] bytes;
  private final List<Group> groups; // client descending
  private final int deleteSetFrom;
  private final int structCount;

  private IndexedUpdate(byte[] bytes, List<Group> groups, int deleteSetFrom) {
    this.bytes = bytes;
    this.groups = groups;
    this.deleteSetFrom = deleteSetFrom;
    int n = 0;
    for (Group g : groups) {
      n += g.structs();
    }
    this.structCount = n;
  }

  /**
   * Indexes a V1 update after validating it.
   *
   * @return null when the update is not canonical (a client twice, or out of descending order)
   */
  public static IndexedUpdate of(byte[] update, YjsLimits limits) {
    return of(update, limits, null);
  }

  /** {@link #of(byte[], YjsLimits)} that also hands every struct to {@code structs} (may be null). */
  public static IndexedUpdate of(byte[] update, YjsLimits limits, UpdateReader.StructScan structs) {
    List<Group> groups = new ArrayList<>();
    boolean[] canonical = {true};
    int deleteSetFrom = UpdateReader.indexV1(update, limits, (client, start, end, count, skip, from, to) -> {
      if (count == 0 || (!groups.isEmpty() && groups.get(groups.size() - 1).client() <= client)) {
        canonical[0] = false;
      }
      groups.add(new Group(client, start, end, count, skip, from, to));
    }, structs);
    return canonical[0] ? new IndexedUpdate(update, List.copyOf(groups), deleteSetFrom) : null;
  }

  /** Encodes and indexes a decoded update (merged, hence canonical). */
  public static IndexedUpdate encode(DecodedUpdate canonical, int expectedBytes) {
    Lib0Encoder rest = new Lib0Encoder(expectedBytes + 64);
    UpdateEncoderV1 enc = new UpdateEncoderV1(rest);
    List<List<Struct>> runs = runs(canonical.groups());
    rest.writeVarUint(runs.size());
    List<Group> groups = new ArrayList<>(runs.size());
    for (List<Struct> run : runs) {
      groups.add(writeRun(rest, enc, run));
    }
    int deleteSetFrom = rest.length();
    canonical.deleteSet().write(enc);
    return new IndexedUpdate(rest.toByteArray(), List.copyOf(groups), deleteSetFrom);
  }

  /** The update's bytes; never change them. */
  public byte[] bytes() {
    return bytes;
  }

  public int structCount() {
    return structCount;
  }

  /** The delete set, decoded. */
  public DeleteSet deleteSet(YjsLimits limits) {
    return UpdateReader.readDeleteSetV1(bytes, deleteSetFrom, limits);
  }

  /** The whole update decoded. */
  public DecodedUpdate decode(YjsLimits limits) {
    List<ClientStructs> decoded = new ArrayList<>(groups.size());
    for (Group g : groups) {
      decoded.add(UpdateReader.readGroupV1(bytes, g.from(), g.to(), limits));
    }
    return new DecodedUpdate(decoded, UpdateReader.readDeleteSetV1(bytes, deleteSetFrom, limits));
  }

  /**
   * {@code Y.mergeUpdates([this, ...updates])}, structs in the order {@link Merge#updates} writes
   * them ({@code yjsTies} false).
   *
   * @param expectedBytes a guess of the result's size, for the first buffer
   */
  public IndexedUpdate merge(List<DecodedUpdate> updates, YjsLimits limits, int expectedBytes) {
    Set<Long> touched = new HashSet<>();
    for (DecodedUpdate u : updates) {
      for (ClientStructs g : u.groups()) {
        touched.add(g.client());
      }
    }
    List<ClientStructs> ours = new ArrayList<>();
    for (Group g : groups) {
      if (touched.contains(g.client())) {
        ours.add(UpdateReader.readGroupV1(bytes, g.from(), g.to(), limits));
      }
    }
    List<DecodedUpdate> parts = new ArrayList<>(updates.size() + 1);
    parts.add(new DecodedUpdate(ours, UpdateReader.readDeleteSetV1(bytes, deleteSetFrom, limits)));
    parts.addAll(updates);
    DecodedUpdate merged = Merge.updates(parts, false);
    List<List<Struct>> runs = runs(merged.groups());

    Lib0Encoder rest = new Lib0Encoder(expectedBytes + 64);
    UpdateEncoderV1 enc = new UpdateEncoderV1(rest);
    int count = runs.size();
    for (Group g : groups) {
      if (!touched.contains(g.client())) {
        count++;
      }
    }
    rest.writeVarUint(count);
    List<Group> out = new ArrayList<>(count);
    int i = 0;
    int j = 0;
    while (i < groups.size() || j < runs.size()) {
      Group g = i < groups.size() ? groups.get(i) : null;
      if (g != null && touched.contains(g.client())) {
        i++; // merged into a run
        continue;
      }
      List<Struct> run = j < runs.size() ? runs.get(j) : null;
      if (run == null || (g != null && g.client() > run.get(0).client())) {
        int from = rest.length();
        rest.writeRaw(bytes, g.from(), g.to() - g.from());
        out.add(new Group(g.client(), g.start(), g.end(), g.structs(), g.startsWithSkip(), from, rest.length()));
        i++;
      } else {
        out.add(writeRun(rest, enc, run));
        j++;
      }
    }
    int deleteSetFrom = rest.length();
    merged.deleteSet().write(enc);
    return new IndexedUpdate(rest.toByteArray(), List.copyOf(out), deleteSetFrom);
  }

  /** {@code Y.diffUpdate(bytes, sv)}, byte-exact with {@link Diff#encodeV1}. */
  public byte[] diff(Map<Long, Long> sv, YjsLimits limits) {
    UpdateEncoderV1 enc = new UpdateEncoderV1();
    StructWriter w = new StructWriter(enc);
    for (Group g : groups) {
      long svClock = sv.getOrDefault(g.client(), 0L);
      if (g.end() <= svClock) {
        continue;
      }
      if (svClock <= g.start() && !g.startsWithSkip()) {
        // written whole from offset 0: the same bytes, without the leading count
        Lib0Decoder count = new Lib0Decoder(bytes, g.from(), g.to() - g.from());
        count.readVarUint();
        w.writeEncodedGroup(bytes, count.position(), g.to(), g.structs());
      } else {
        Diff.writeGroup(w, UpdateReader.readGroupV1(bytes, g.from(), g.to(), limits), svClock);
      }
    }
    w.finish();
    UpdateReader.readDeleteSetV1(bytes, deleteSetFrom, limits).write(enc);
    return enc.toByteArray();
  }

  /** Consecutive groups of one client as one run (as {@link StructWriter#encodeV1} writes them). */
  private static List<List<Struct>> runs(List<ClientStructs> groups) {
    List<List<Struct>> runs = new ArrayList<>(groups.size());
    List<Struct> current = null;
    for (ClientStructs g : groups) {
      if (g.structs().isEmpty()) {
        continue;
      }
      if (current == null || current.get(0).client() != g.client()) {
        current = g.structs();
        runs.add(current);
      } else {
        List<Struct> joined = new ArrayList<>(current);
        joined.addAll(g.structs());
        current = joined;
        runs.set(runs.size() - 1, joined);
      }
    }
    for (int k = 1; k < runs.size(); k++) {
      if (runs.get(k - 1).get(0).client() <= runs.get(k).get(0).client()) {
        throw new YjsFormatException("merged groups are not in descending client order");
      }
    }
    return runs;
  }

  private static Group writeRun(Lib0Encoder rest, UpdateEncoderV1 enc, List<Struct> run) {
    int from = rest.length();
    Struct first = run.get(0);
    rest.writeVarUint(run.size());
    enc.writeClient(first.client());
    rest.writeVarUint(first.clock());
    for (Struct s : run) {
      s.write(enc, 0);
    }
    Struct last = run.get(run.size() - 1);
    return new Group(first.client(), first.clock(), last.end(), run.size(), first instanceof Skip, from, rest.length());
  }
}
