package dev.yjakarta.persistence;

import dev.yjakarta.it.NodeScripts;
import dev.yjakarta.yjs.DocumentState;
import dev.yjakarta.yjs.DocumentStates;
import dev.yjakarta.yjs.Updates;
import dev.yjakarta.yjs.YjsLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Store latency and throughput of {@link JpaDocumentStore} (the real persistence unit through
 * Hibernate, outside a container) on SQLite and the local PostgreSQL, for 1 kB and 1 MB documents.
 *
 * <p>Two paths: "single writer" stores a state that contains the stored one (read, two contains
 * checks, write); "stale writer" stores a state lacking the row's latest edits (read, contains,
 * merge, write), as when two instances store the same document. "pair scan" and "pair coverage":
 * two store instances take turns storing one growing document through {@code storeGrown}, as two
 * server instances do, without and with the state's coverage. One thread, sequential stores; the
 * last column is the bytes that thread allocated per store.
 * Run with bench/persistence/run.sh.
 */
public final class StoreBenchmark {
  public static void main(String[] args) throws Exception {
    int smallIterations = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int largeIterations = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Path tmp = Files.createTempDirectory("yjakarta-bench");
    System.out.printf("%-10s %-6s %-13s %6s %9s %9s %9s %9s %9s%n",
        "database", "size", "path", "n", "p50 ms", "p99 ms", "mean ms", "stores/s", "MB alloc");
    for (String kind : List.of("sqlite", "postgresql")) {
      for (int size : new int[] {1024, 1024 * 1024}) {
        int n = size > 4096 ? largeIterations : smallIterations;
        byte[] base = Base64.getDecoder().decode(NodeScripts.require(Duration.ofMinutes(2), null,
            "persistence/bigdoc.mjs", Integer.toString(size)).stdout().trim());
        List<byte[]> edits = edits(n, 1000);
        List<byte[]> otherEdits = edits(n, 100000);
        // single writer: state k = base + edits 0..k (each contains the previous one)
        List<byte[]> cumulative = new ArrayList<>();
        byte[] acc = base;
        for (byte[] e : edits) {
          acc = Updates.merge(List.of(acc, e));
          cumulative.add(acc);
        }
        Path dir = Files.createDirectories(tmp.resolve(kind + size));
        try (TestDatabase db = TestDatabase.open(kind, dir);
            ResourceLocalTransactions tx = new ResourceLocalTransactions(db.dataSource())) {
          JpaDocumentStore store = new JpaDocumentStore(tx);
          store.store("warmup", base);
          store.store("doc", base);
          report(kind, size, "single writer", time(n, i -> store.store("doc", cumulative.get(i))));
          // stale writer: each state is base + one edit the row lacks, the row holds all before
          List<byte[]> stale = new ArrayList<>();
          for (byte[] e : otherEdits) {
            stale.add(Updates.merge(List.of(base, e)));
          }
          report(kind, size, "stale writer", time(n, i -> store.store("doc", stale.get(i))));
          // two instances storing one document in turn, as the server does (storeGrown): each
          // finds the other's row; with coverages it is not decoded, without (null) it is scanned
          List<DocumentState.EncodedState> grown = grownStates(base, edits);
          for (boolean withCoverage : new boolean[] {false, true}) {
            JpaDocumentStore[] instances = {new JpaDocumentStore(tx), new JpaDocumentStore(tx)};
            String doc = withCoverage ? "pair-coverage" : "pair-scan";
            report(kind, size, withCoverage ? "pair coverage" : "pair scan", time(n, i -> {
              DocumentState.EncodedState e = grown.get(i);
              instances[i % 2].storeGrown(doc, e.update(), withCoverage ? e.coverage() : null);
            }));
          }
        }
      }
    }
  }

  /** The states a server document holds after the base and each edit, with their coverages. */
  private static List<DocumentState.EncodedState> grownStates(byte[] base, List<byte[]> edits) {
    DocumentState d = DocumentStates.of(base, YjsLimits.DEFAULT);
    List<DocumentState.EncodedState> states = new ArrayList<>();
    for (byte[] e : edits) {
      d.apply(e);
      states.add(d.encodeWithCoverage());
    }
    return states;
  }

  private interface Op {
    void run(int i) throws Exception;
  }

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

  /** Nanoseconds per run; the last element is the bytes this thread allocated in all runs. */
  private static long[] time(int n, Op op) throws Exception {
    long[] nanos = new long[n + 1];
    long allocated = THREADS.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      op.run(i);
      nanos[i] = System.nanoTime() - t0;
    }
    nanos[n] = THREADS.getCurrentThreadAllocatedBytes() - allocated;
    return nanos;
  }

  private static void report(String kind, int size, String path, long[] timed) {
    long[] nanos = Arrays.copyOf(timed, timed.length - 1);
    long allocated = timed[timed.length - 1];
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double total = Arrays.stream(nanos).sum() / 1e6;
    System.out.printf(Locale.ROOT, "%-10s %-6s %-13s %6d %9.2f %9.2f %9.2f %9.1f %9.2f%n", kind,
        size >= 1024 * 1024 ? "1 MB" : "1 kB", path, nanos.length,
        sorted[nanos.length / 2] / 1e6, sorted[Math.min(nanos.length - 1, (int) (nanos.length * 0.99))] / 1e6,
        total / nanos.length, nanos.length / (total / 1000), allocated / 1e6 / nanos.length);
  }

  private static List<byte[]> edits(int n, int firstClient) throws Exception {
    String out = NodeScripts.require(Duration.ofMinutes(2), null, "persistence/updates.mjs",
        Integer.toString(n), "v1", Integer.toString(firstClient)).stdout();
    return out.lines().filter(l -> !l.isBlank()).map(Base64.getDecoder()::decode).toList();
  }
}
