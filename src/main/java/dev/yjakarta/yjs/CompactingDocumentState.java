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
import dev.yjakarta.yjs.update.Snapshot;
import dev.yjakarta.yjs.update.StateVector;
import dev.yjakarta.yjs.update.Struct;
import dev.yjakarta.yjs.update.StructWriter;
import dev.yjakarta.yjs.update.UpdateReader;
import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A document held as a compacted base update plus a tail of recent updates.
 *
 * <p>{@link #apply} decodes and validates the update, then only updates the covered and deleted
 * clock ranges (logarithmic) and appends the update's bytes to the tail. The tail keeps bytes, not
 * the decoded structs: under load a tail lives for seconds (until the next store compacts it),
 * long enough for the collector to promote it, and a decoded edit is about ten times its bytes;
 * decoding the tail again at compaction costs less than the old-generation collections it
 * avoided. When the tail grows past a share of the base (a quarter of its structs, half of its
 * bytes) the base and the tail are merged into a new base, so the cost of merging stays
 * proportional to what was added: amortised constant per update.
 * {@link #encode} and {@link #diff} compact first. A decoded base of 32 kB or more is kept behind
 * a soft reference, so memory pressure costs a re-decode, not an error; smaller ones are decoded
 * again when needed, which is cheaper than the memory their object graph would hold.
 *
 * <p>The state equals {@code Y.mergeUpdates} of everything applied (semantically; the bytes can
 * differ from one merge of all updates because merging is done in batches). {@link #diff} is
 * byte-exact with {@code Y.diffUpdate(encode(), sv)}, {@link #stateVector} with {@code
 * Y.encodeStateVectorFromUpdate(encode())} and {@link #contains} with {@link
 * Updates#contains(byte[], byte[]) Updates.contains(encode(), update)}.
 *
 * <p>Thread-safety: every method is safe from any thread. The server applies from one thread per
 * document and encodes or diffs from others; {@link #encode} and {@link #diff} merge the tail
 * outside the lock (the merge only reads immutable structs), so applies never wait for it.
 */
final class CompactingDocumentState implements DocumentState {
  private static final int MIN_TAIL_UPDATES = 256;
  private static final long MIN_TAIL_BYTES = 256 * 1024;

  /** Tail length below which no compaction happens (tests lower it to compact often). */
  private final int minTailUpdates;

  private final YjsLimits limits;
  /** Limits for decoding our own base, which may grow past the per-update size limit. */
  private final YjsLimits baseLimits;

  /** Bases below this size are decoded again when needed instead of being kept decoded. */
  static final int KEEP_DECODED_MIN_BYTES = 32 * 1024;

  private byte[] base = Updates.EMPTY_UPDATE;
  private SoftReference<DecodedUpdate> baseDecoded = new SoftReference<>(null);
  /** Counts installed bases, so a merge made outside the lock knows whether it still fits. */
  private long generation;
  private int baseStructs;
  private final List<byte[]> tail = new ArrayList<>();
  private long tailBytes;

  /** Units of each client present in some applied struct (Skips excluded). */
  private final ClockRanges covered = new ClockRanges();
  /** Units deleted by a delete set, or held as GC / ContentDeleted. */
  private final ClockRanges deleted = new ClockRanges();
  /** Per client, clocks of cross-client dependencies (origin, right origin, parent) not yet covered from clock 0. */
  private final Map<Long, TreeSet<Long>> unsatisfied = new HashMap<>();

  CompactingDocumentState(YjsLimits limits) {
    this(limits, MIN_TAIL_UPDATES);
  }

  CompactingDocumentState(YjsLimits limits, int minTailUpdates) {
    this.minTailUpdates = minTailUpdates;
    this.limits = limits;
    this.baseLimits = new YjsLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, limits.maxNestingDepth());
  }

  /** Starts from a stored V1 state. */
  CompactingDocumentState(YjsLimits limits, byte[] state) {
    this(limits);
    DecodedUpdate d = UpdateReader.readV1(state, baseLimits);
    if (d.canonical()) {
      base = state.clone();
      keepDecoded(d);
      baseStructs = d.structCount();
    } else {
      installMerged(merge(List.of(d)));
    }
    record(d);
  }

  @Override
  public synchronized boolean apply(byte[] update) {
    DecodedUpdate d = UpdateReader.readV1(update, limits); // throws before anything changes
    if (storedCovers(d)) {
      return false;
    }
    tail.add(update); // never changed by the caller (DocumentState#apply)
    tailBytes += update.length;
    record(d);
    if (tail.size() > Math.max(minTailUpdates, baseStructs / 4)
        || tailBytes > Math.max(MIN_TAIL_BYTES, base.length / 2)) {
      compact();
    }
    return true;
  }

  @Override
  public synchronized byte[] stateVector() {
    Map<Long, Long> sv = new HashMap<>();
    for (Long c : covered.clients()) {
      long end = covered.contiguousEnd(c);
      if (end > 0) {
        sv.put(c, end);
      }
    }
    return StateVector.encode(sv);
  }

  @Override
  public byte[] diff(byte[] stateVector) {
    Map<Long, Long> sv = StateVector.decode(stateVector);
    Compacted c = compactedOutsideLock();
    if (sv.isEmpty()) {
      return c.bytes().clone();
    }
    DecodedUpdate d = c.decoded() != null ? c.decoded() : UpdateReader.readV1(c.bytes(), baseLimits);
    return Diff.encodeV1(d.groups(), d.deleteSet(), sv);
  }

  @Override
  public byte[] encode() {
    return compactedOutsideLock().bytes().clone();
  }

  /** The state as one update; {@code decoded} is null when it was not at hand. */
  private record Compacted(byte[] bytes, DecodedUpdate decoded) {}

  /**
   * The compacted state, merged without holding the lock: a store or a sync of a large document
   * merges for tens of milliseconds, and the document's applies (on the socket reader threads)
   * must not wait for that. The result is installed as the new base unless another compaction
   * won meanwhile; updates applied during the merge stay in the tail.
   */
  private Compacted compactedOutsideLock() {
    long seen;
    DecodedUpdate decodedBase;
    List<byte[]> tailParts;
    long partBytes;
    int expectedBytes;
    synchronized (this) {
      if (tail.isEmpty()) {
        return new Compacted(base, baseDecoded.get());
      }
      seen = generation;
      decodedBase = decodedBase();
      tailParts = new ArrayList<>(tail);
      partBytes = tailBytes;
      expectedBytes = expectedSize();
    }
    DecodedUpdate merged = merge(decodedBase, tailParts);
    byte[] bytes = StructWriter.encodeV1(merged.groups(), merged.deleteSet(), expectedBytes);
    synchronized (this) {
      if (generation == seen) {
        tail.subList(0, tailParts.size()).clear();
        tailBytes -= partBytes;
        install(bytes, merged);
      }
    }
    return new Compacted(bytes, merged);
  }

  @Override
  public synchronized boolean contains(byte[] update) {
    return containsDecoded(UpdateReader.readV1(update, limits));
  }

  @Override
  public synchronized long sizeInBytes() {
    return base.length + tailBytes;
  }

  /** Whether merging {@code d} would add no unit and no deletion to the stored state. */
  private boolean storedCovers(DecodedUpdate d) {
    for (ClientStructs g : d.groups()) {
      for (Struct s : g.structs()) {
        if (!(s instanceof Skip) && !covered.covers(s.client(), s.clock(), s.length())) {
          return false;
        }
      }
    }
    DeleteSet ds = d.deleteSet();
    for (Long c : ds.clients()) {
      for (long[] r : ds.ranges(c)) {
        if (!deleted.covers(c, r[0], r[1])) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether a Y.Doc holding this state would keep something pending. */
  private boolean pending() {
    return !unsatisfied.isEmpty() || !covered.allContiguousFromZero();
  }

  /**
   * {@code Y.snapshotContainsUpdate} semantics, see {@link Snapshot}. Answered from the indexes
   * when they decide it: a struct past the state vector means false; with nothing pending, a delete
   * set within the explicitly deleted units means true (what a Y.Doc deletes on its own only adds
   * to that). Otherwise the snapshot is computed from the compacted state.
   */
  private boolean containsDecoded(DecodedUpdate d) {
    for (ClientStructs g : d.groups()) {
      if (g.end() > covered.contiguousEnd(g.client())) {
        return false;
      }
    }
    if (!pending() && deletionsKnown(d.deleteSet())) {
      return true;
    }
    compact();
    DecodedUpdate b = decodedBase();
    return Snapshot.of(b.groups(), b.deleteSet()).containsUpdate(d);
  }

  /** Whether every range of {@code ds} is within the explicitly deleted integrated units. */
  private boolean deletionsKnown(DeleteSet ds) {
    for (Long c : ds.clients()) {
      long sv = covered.contiguousEnd(c);
      for (long[] r : ds.ranges(c)) {
        if (r[1] > 0) {
          if (r[0] + r[1] > sv || !deleted.covers(c, r[0], r[1])) {
            return false;
          }
        } else {
          // an empty range changes nothing only if it touches an existing range
          long[] touching = deleted.rangeTouching(c, r[0]);
          if (touching == null) {
            return false;
          }
          long end = Math.min(touching[1], sv);
          if (touching[0] >= end || r[0] > end) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Adds the units, deletions and dependencies of {@code d} to the incremental indexes. */
  private void record(DecodedUpdate d) {
    for (ClientStructs g : d.groups()) {
      for (Struct s : g.structs()) {
        if (s instanceof Skip) {
          continue;
        }
        covered.add(s.client(), s.clock(), s.length());
        if (s.holdsDeletedUnits()) {
          deleted.add(s.client(), s.clock(), s.length());
        }
      }
    }
    DeleteSet ds = d.deleteSet();
    for (Long c : ds.clients()) {
      for (long[] r : ds.ranges(c)) {
        deleted.add(c, r[0], r[1]);
      }
    }
    for (ClientStructs g : d.groups()) {
      for (Struct s : g.structs()) {
        if (s instanceof Item i) {
          addIfUnsatisfied(i, i.origin());
          addIfUnsatisfied(i, i.rightOrigin());
          addIfUnsatisfied(i, i.parentId());
        }
      }
    }
    for (ClientStructs g : d.groups()) {
      TreeSet<Long> waiting = unsatisfied.get(g.client());
      if (waiting != null) {
        waiting.headSet(covered.contiguousEnd(g.client())).clear();
        if (waiting.isEmpty()) {
          unsatisfied.remove(g.client());
        }
      }
    }
  }

  private void addIfUnsatisfied(Item item, Id dep) {
    if (dep != null
        && dep.client() != item.client()
        && dep.clock() >= covered.contiguousEnd(dep.client())) {
      unsatisfied.computeIfAbsent(dep.client(), c -> new TreeSet<>()).add(dep.clock());
    }
  }

  private void compact() {
    if (tail.isEmpty()) {
      return;
    }
    installMerged(merge(decodedBase(), tail));
    tail.clear();
    tailBytes = 0;
  }

  private void installMerged(DecodedUpdate merged) {
    install(StructWriter.encodeV1(merged.groups(), merged.deleteSet(), expectedSize()), merged);
  }

  /** The merge is at most the base plus the tail, usually a little less: one buffer, no regrowth. */
  private int expectedSize() {
    return (int) Math.min(Integer.MAX_VALUE - 64, base.length + tailBytes);
  }

  /** The base and the tail's updates (decoded again: each was validated when applied). */
  private DecodedUpdate merge(DecodedUpdate decodedBase, List<byte[]> tailUpdates) {
    List<DecodedUpdate> parts = new ArrayList<>(tailUpdates.size() + 1);
    parts.add(decodedBase);
    for (byte[] update : tailUpdates) {
      parts.add(UpdateReader.readV1(update, baseLimits));
    }
    return merge(parts);
  }

  /** Pure: reads the parts, never changes them (structs are immutable), so it may run unlocked. */
  private static DecodedUpdate merge(List<DecodedUpdate> parts) {
    // not byte-exact with one yjs merge anyway (batches), so the O(log k) tie order is fine
    return Merge.updates(parts, false);
  }

  private void install(byte[] bytes, DecodedUpdate decoded) {
    base = bytes;
    keepDecoded(decoded);
    baseStructs = decoded.structCount();
    generation++;
  }

  /** Small bases decode in microseconds; keeping their object graph would cost more memory than it saves. */
  private void keepDecoded(DecodedUpdate d) {
    baseDecoded = new SoftReference<>(base.length >= KEEP_DECODED_MIN_BYTES ? d : null);
  }

  private DecodedUpdate decodedBase() {
    DecodedUpdate d = baseDecoded.get();
    if (d == null) {
      d = UpdateReader.readV1(base, baseLimits);
      keepDecoded(d);
    }
    return d;
  }
}
