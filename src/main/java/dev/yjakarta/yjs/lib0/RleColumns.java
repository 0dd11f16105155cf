package dev.yjakarta.yjs.lib0;

import dev.yjakarta.yjs.YjsFormatException;

/**
 * lib0's run-length column decoders used by update format V2. Reading past a column's end raises
 * {@link YjsFormatException} (lib0 itself would return garbage), except where lib0 defines the
 * behaviour: {@link Uint8Rle} repeats its last value forever.
 */
public final class RleColumns {
  private RleColumns() {}

  /** {@code RleDecoder(readUint8)}: value, then varUint(count-1) unless it is the last run. */
  public static final class Uint8Rle {
    private final Lib0Decoder d;
    private int value;
    private long count;

    public Uint8Rle(byte[] column) {
      d = new Lib0Decoder(column);
    }

    public int read() {
      if (count == 0) {
        value = d.readUint8();
        count = d.hasContent() ? d.readVarUint() + 1 : -1; // -1: repeat forever
      }
      count--;
      return value;
    }
  }

  /** {@code UintOptRleDecoder}: varInt(v) for a single value, varInt(-v) varUint(count-2) for a run. */
  public static final class UintOptRle {
    private final Lib0Decoder d;
    private long value;
    private long count;

    public UintOptRle(byte[] column) {
      this(new Lib0Decoder(column));
    }

    UintOptRle(Lib0Decoder d) {
      this.d = d;
    }

    Lib0Decoder decoder() {
      return d;
    }

    public long read() {
      if (count == 0) {
        long v = d.readVarIntSigned();
        count = 1;
        if (d.lastWasNegative()) {
          v = -v;
          count = d.readVarUint() + 2;
        }
        value = v;
      }
      count--;
      return value;
    }
  }

  /** {@code IntDiffOptRleDecoder}: varInt(diff*2 + hasCount) [varUint(count-2)], values summed. */
  public static final class IntDiffOptRle {
    private final Lib0Decoder d;
    private long value;
    private long diff;
    private long count;

    public IntDiffOptRle(byte[] column) {
      d = new Lib0Decoder(column);
    }

    public long read() {
      if (count == 0) {
        long x = d.readVarIntSigned();
        diff = x >> 1; // floor(x / 2)
        count = 1;
        if ((x & 1) != 0) {
          count = d.readVarUint() + 2;
        }
      }
      value += diff;
      if (Math.abs(value) > (1L << 53)) {
        throw new YjsFormatException("V2 column value out of range");
      }
      count--;
      return value;
    }
  }

  /** {@code StringDecoder}: all strings as one varString, then their UTF-16 lengths (UintOptRle). */
  public static final class Strings {
    private final String all;
    private final UintOptRle lengths;
    private int pos;

    public Strings(byte[] column) {
      Lib0Decoder d = new Lib0Decoder(column);
      all = d.readVarString();
      lengths = new UintOptRle(d);
    }

    public String read() {
      long len = lengths.read();
      if (len > all.length() - pos) {
        throw new YjsFormatException("V2 string column: length " + len + " past the end");
      }
      String s = all.substring(pos, pos + (int) len);
      pos += (int) len;
      return s;
    }
  }
}
