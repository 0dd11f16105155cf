package dev.yjakarta.yjs;

import dev.yjakarta.yjs.lib0.Lib0Decoder;
import dev.yjakarta.yjs.lib0.Lib0Encoder;
import dev.yjakarta.yjs.update.ClockRanges;

/**
 * Which clock units a state holds and which of those are deleted, without their content. A state
 * whose coverage holds all of another's loses nothing by replacing it: units are immutable once
 * created, so the same units are the same content, and deletion only ever grows. A store compares
 * the row's coverage with the document's instead of decoding both states (for a 1 MB document,
 * about 2 MB of structs on every store that follows another instance's).
 *
 * <p>Kept encoded, as it is stored beside the state: a format byte, then the units and the deleted
 * units, each as a client count and, per client in ascending order, the client, its range count and
 * its ranges as (gap from the previous range's end, length). Immutable.
 */
public final class StateCoverage {
  private static final int FORMAT = 1;
  private static final long MAX_CLOCK = (1L << 53) - 1;

  private final byte[] encoded;
  /** Units and deleted units, decoded on first use. */
  private ClockRanges[] decoded;

  private StateCoverage(byte[] encoded) {
    this.encoded = encoded;
  }

  /** The coverage of a state whose units are {@code units} and whose deleted units are {@code deleted}. */
  static StateCoverage of(ClockRanges units, ClockRanges deleted) {
    Lib0Encoder out = new Lib0Encoder(64);
    out.writeUint8(FORMAT);
    write(out, units);
    write(out, deleted);
    return new StateCoverage(out.toByteArray());
  }

  /**
   * A coverage as {@link #encoded()} returned it.
   *
   * @throws YjsFormatException if {@code encoded} is not a coverage
   */
  public static StateCoverage fromEncoded(byte[] encoded) {
    StateCoverage c = new StateCoverage(encoded.clone());
    c.decoded();
    return c;
  }

  /** The encoded form, for storage. */
  public byte[] encoded() {
    return encoded.clone();
  }

  /**
   * Whether every unit of {@code other} is a unit here and every deleted unit of {@code other} is
   * deleted here: then this state holds everything {@code other} holds.
   */
  public boolean holdsAllOf(StateCoverage other) {
    ClockRanges[] mine = decoded();
    ClockRanges[] theirs = other.decoded();
    return covers(mine[0], theirs[0]) && covers(mine[1], theirs[1]);
  }

  private synchronized ClockRanges[] decoded() {
    if (decoded == null) {
      Lib0Decoder in = new Lib0Decoder(encoded);
      int format = in.readUint8();
      if (format != FORMAT) {
        throw new YjsFormatException("unknown coverage format " + format);
      }
      ClockRanges units = read(in);
      ClockRanges deleted = read(in);
      if (in.hasContent()) {
        throw new YjsFormatException("coverage has " + in.remaining() + " trailing bytes");
      }
      decoded = new ClockRanges[] {units, deleted};
    }
    return decoded;
  }

  private static boolean covers(ClockRanges holder, ClockRanges held) {
    boolean[] all = {true};
    held.forEachRange((client, count, start, end) -> {
      if (all[0] && !holder.covers(client, start, end - start)) {
        all[0] = false;
      }
    });
    return all[0];
  }

  private static void write(Lib0Encoder out, ClockRanges ranges) {
    out.writeVarUint(ranges.clientCount());
    long[] previousEnd = {0};
    long[] currentClient = {-1};
    ranges.forEachRange((client, count, start, end) -> {
      if (client != currentClient[0]) {
        out.writeVarUint(client).writeVarUint(count);
        currentClient[0] = client;
        previousEnd[0] = 0;
      }
      out.writeVarUint(start - previousEnd[0]).writeVarUint(end - start);
      previousEnd[0] = end;
    });
  }

  private static ClockRanges read(Lib0Decoder in) {
    ClockRanges ranges = new ClockRanges();
    long clients = in.readVarUint();
    for (long c = 0; c < clients; c++) {
      long client = in.readVarUint();
      long count = in.readVarUint();
      long end = 0;
      for (long r = 0; r < count; r++) {
        long start = end + in.readVarUint();
        end = start + in.readVarUint();
        if (end > MAX_CLOCK) {
          throw new YjsFormatException("coverage range past 2^53");
        }
        ranges.add(client, start, end - start);
      }
    }
    return ranges;
  }
}
