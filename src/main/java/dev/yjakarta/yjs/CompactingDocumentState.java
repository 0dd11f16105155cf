package dev.yjakarta.yjs;

import dev.yjakarta.yjs.update.ClientStructs;
import dev.yjakarta.yjs.update.ClockRanges;
import dev.yjakarta.yjs.update.DecodedUpdate;
import dev.yjakarta.yjs.update.DeleteSet;
import dev.yjakarta.yjs.update.Id;
import dev.yjakarta.yjs.update.IndexedUpdate;
import dev.yjakarta.yjs.update.Item;
import dev.yjakarta.yjs.update.Merge;
import dev.yjakarta.yjs.update.Skip;
import dev.yjakarta.yjs.update.Snapshot;
import dev.yjakarta.yjs.update.StateVector;
import dev.yjakarta.yjs.update.Struct;
import dev.yjakarta.yjs.update.UpdateReader;
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
 * {@link #encode} and {@link #diff} compact first. The base is held as bytes only, indexed by
 * client ({@link IndexedUpdate}): a compaction decodes just the groups of the clients in the tail
 * and copies the others, and a diff decodes just the groups the state vector holds in part, so no
 * object graph of a large document is built per store or kept between them.
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

  private IndexedUpdate base = IndexedUpdate.of(Updates.EMPTY_UPDATE, YjsLimits.DEFAULT);
  /** Counts installed bases, so a merge made outside the lock knows whether it still fits. */
  private long generation;
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
    // one pass: the index of a canonical state, and its units and dependencies
    List<Long> clients = new ArrayList<>();
    IndexedUpdate indexed = IndexedUpdate.of(state.clone(), baseLimits, s -> {
      if (clients.isEmpty() || clients.get(clients.size() - 1) != s.client()) {
        clients.add(s.client());
      }
      recordStruct(s);
    });
    if (indexed != null) {
      install(indexed);
      recordDeletions(indexed.deleteSet(baseLimits));
    } else {
      DecodedUpdate d = UpdateReader.readV1(state, baseLimits);
      install(IndexedUpdate.encode(Merge.updates(List.of(d), false), state.length));
      recordDeletions(d.deleteSet());
    }
    forgetSatisfied(clients);
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
    if (tail.size() > Math.max(minTailUpdates, base.structCount() / 4)
        || tailBytes > Math.max(MIN_TAIL_BYTES, base.bytes().length / 2)) {
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
    IndexedUpdate c = compactedOutsideLock();
    if (sv.isEmpty()) {
      return c.bytes().clone();
    }
    return c.diff(sv, baseLimits);
  }

  @Override
  public byte[] encode() {
    return compactedOutsideLock().bytes().clone();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The indexes describe the base exactly once the tail is empty. The merge runs outside the
   * lock as for {@link #encode}; if updates keep arriving during it, the last attempt merges under
   * the lock, holding up applies for that one merge.
   */
  @Override
  public EncodedState encodeWithCoverage() {
    for (int attempt = 0; attempt < 2; attempt++) {
      IndexedUpdate c = compactedOutsideLock();
      synchronized (this) {
        if (tail.isEmpty() && base == c) {
          return new EncodedState(c.bytes().clone(), StateCoverage.of(covered, deleted));
        }
      }
    }
    synchronized (this) {
      compact();
      return new EncodedState(base.bytes().clone(), StateCoverage.of(covered, deleted));
    }
  }

  /**
   * The compacted state, merged without holding the lock: a store or a sync of a large document
   * merges for tens of milliseconds, and the document's applies (on the socket reader threads)
   * must not wait for that. The result is installed as the new base unless another compaction
   * won meanwhile; updates applied during the merge stay in the tail.
   */
  private IndexedUpdate compactedOutsideLock() {
    long seen;
    IndexedUpdate seenBase;
    List<byte[]> tailParts;
    long partBytes;
    int expectedBytes;
    synchronized (this) {
      if (tail.isEmpty()) {
        return base;
      }
      seen = generation;
      seenBase = base;
      tailParts = new ArrayList<>(tail);
      partBytes = tailBytes;
      expectedBytes = expectedSize();
    }
    IndexedUpdate merged = merge(seenBase, tailParts, expectedBytes);
    synchronized (this) {
      if (generation == seen) {
        tail.subList(0, tailParts.size()).clear();
        tailBytes -= partBytes;
        install(merged);
      }
    }
    return merged;
  }

  @Override
  public synchronized boolean contains(byte[] update) {
    return containsDecoded(UpdateReader.readV1(update, limits));
  }

  @Override
  public synchronized long sizeInBytes() {
    return base.bytes().length + tailBytes;
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
    DecodedUpdate b = base.decode(baseLimits);
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
    List<Long> clients = new ArrayList<>(d.groups().size());
    for (ClientStructs g : d.groups()) {
      clients.add(g.client());
      for (Struct s : g.structs()) {
        recordStruct(s);
      }
    }
    recordDeletions(d.deleteSet());
    forgetSatisfied(clients);
  }

  /**
   * A struct's units and deletions, and its dependencies on other clients' units not yet covered
   * (some may be covered by later structs of the same update: {@link #forgetSatisfied} drops those).
   */
  private void recordStruct(Struct s) {
    if (s instanceof Skip) {
      return;
    }
    covered.add(s.client(), s.clock(), s.length());
    if (s.holdsDeletedUnits()) {
      deleted.add(s.client(), s.clock(), s.length());
    }
    if (s instanceof Item i) {
      addIfUnsatisfied(i, i.origin());
      addIfUnsatisfied(i, i.rightOrigin());
      addIfUnsatisfied(i, i.parentId());
    }
  }

  private void recordDeletions(DeleteSet ds) {
    for (Long c : ds.clients()) {
      for (long[] r : ds.ranges(c)) {
        deleted.add(c, r[0], r[1]);
      }
    }
  }

  /** Drops the dependencies on units of {@code clients} that are now covered from clock 0. */
  private void forgetSatisfied(List<Long> clients) {
    for (Long client : clients) {
      TreeSet<Long> waiting = unsatisfied.get(client);
      if (waiting != null) {
        waiting.headSet(covered.contiguousEnd(client)).clear();
        if (waiting.isEmpty()) {
          unsatisfied.remove(client);
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
    install(merge(base, tail, expectedSize()));
    tail.clear();
    tailBytes = 0;
  }

  /** The merge is at most the base plus the tail, usually a little less: one buffer, no regrowth. */
  private int expectedSize() {
    return (int) Math.min(Integer.MAX_VALUE - 64, base.bytes().length + tailBytes);
  }

  /**
   * Pure: the base and the tail's updates (decoded again: each was validated when applied), merged
   * (not byte-exact with one yjs merge anyway, batches, so the O(log k) tie order is fine). It only
   * reads, so it may run unlocked.
   */
  private IndexedUpdate merge(IndexedUpdate onto, List<byte[]> tailUpdates, int expectedBytes) {
    List<DecodedUpdate> parts = new ArrayList<>(tailUpdates.size());
    for (byte[] update : tailUpdates) {
      parts.add(UpdateReader.readV1(update, baseLimits));
    }
    return onto.merge(parts, baseLimits, expectedBytes);
  }

  private void install(IndexedUpdate merged) {
    base = merged;
    generation++;
  }
}
