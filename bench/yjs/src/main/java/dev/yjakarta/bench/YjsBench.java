package dev.yjakarta.bench;

import dev.yjakarta.yjs.DocumentState;
import dev.yjakarta.yjs.DocumentStates;
import dev.yjakarta.yjs.Updates;
import dev.yjakarta.yjs.YjsLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Times the Yjs core on the inputs that bench/yjs/yjs-bench.mjs made with real yjs. Each
 * measurement runs warm-up rounds first, then reports the median and the minimum of the timed
 * rounds (the machine is shared, so the minimum is the less noisy figure).
 */
public final class YjsBench {
  private static volatile Object sink;

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "bench/yjs/target/bench-inputs");
    List<byte[]> keystrokes = readList(dir.resolve("keystrokes.bin"));
    byte[] doc = Files.readAllBytes(dir.resolve("doc-1mb.bin"));
    byte[] nearSv = Files.readAllBytes(dir.resolve("doc-1mb-near-sv.bin"));
    List<byte[]> thousand = readList(dir.resolve("updates-1000.bin"));
    byte[] empty = Updates.EMPTY_STATE_VECTOR;

    time("java: apply 10,000 keystroke updates to a DocumentState (total)", 30, () -> {
      DocumentState s = DocumentStates.create(YjsLimits.DEFAULT);
      for (byte[] u : keystrokes) {
        s.apply(u);
      }
      return s;
    });
    time("java: Updates.merge of the 10,000 keystroke updates", 10, () -> Updates.merge(keystrokes));
    time("java: Updates.diff(1 MB doc, empty sv)", 20, () -> Updates.diff(doc, empty));
    time("java: Updates.diff(1 MB doc, near-current sv)", 20, () -> Updates.diff(doc, nearSv));
    DocumentState big = DocumentStates.of(doc, YjsLimits.DEFAULT);
    time("java: DocumentState.diff(1 MB doc, empty sv)", 20, () -> big.diff(empty));
    time("java: DocumentState.diff(1 MB doc, near-current sv)", 20, () -> big.diff(nearSv));
    time("java: Updates.merge of 1,000 updates", 20, () -> Updates.merge(thousand));
    time("java: Updates.stateVector(1 MB doc)", 20, () -> Updates.stateVector(doc));

    DocumentState typed = DocumentStates.create(YjsLimits.DEFAULT);
    for (byte[] u : keystrokes) {
      typed.apply(u);
    }
    System.out.printf(
        "sizes: %d keystroke updates, DocumentState.encode() %d bytes, sizeInBytes %d, "
            + "Updates.merge %d bytes%n",
        keystrokes.size(), typed.encode().length, typed.sizeInBytes(), Updates.merge(keystrokes).length);
    System.out.printf(
        "check: DocumentState state vector equals Updates.stateVector(merge): %s%n",
        Arrays.equals(typed.stateVector(), Updates.stateVector(Updates.merge(keystrokes))));
  }

  private static void time(String label, int rounds, Supplier<Object> work) {
    for (int i = 0; i < Math.max(5, rounds / 2); i++) {
      sink = work.get();
    }
    double[] ms = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      sink = work.get();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf("%s: median %.3f ms (min %.3f)%n", label, ms[rounds / 2], ms[0]);
  }

  private static List<byte[]> readList(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
    List<byte[]> out = new ArrayList<>();
    while (b.hasRemaining()) {
      byte[] u = new byte[b.getInt()];
      b.get(u);
      out.add(u);
    }
    return out;
  }
}
