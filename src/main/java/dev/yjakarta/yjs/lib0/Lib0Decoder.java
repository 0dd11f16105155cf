package dev.yjakarta.yjs.lib0;

import dev.yjakarta.yjs.YjsFormatException;

/**
 * Reads lib0 primitives from a byte range. Every read is bounds-checked; running past the end, an
 * over-long var-int or a length beyond the remaining bytes raises {@link YjsFormatException}.
 */
public final class Lib0Decoder {
  /** JS numbers are exact up to 2^53; lib0 never writes larger var-uints. */
  private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private final byte[] buf;
  private final int end;
  private int pos;
  /** The sign bit of the last {@link #readVarIntSigned()}; lib0 needs it to tell -0 from 0. */
  private boolean lastNegative;

  public Lib0Decoder(byte[] buf) {
    this(buf, 0, buf.length);
  }

  public Lib0Decoder(byte[] buf, int off, int len) {
    if (off < 0 || len < 0 || off + len > buf.length) {
      throw new IllegalArgumentException("range out of bounds");
    }
    this.buf = buf;
    this.pos = off;
    this.end = off + len;
  }

  public int position() {
    return pos;
  }

  public int remaining() {
    return end - pos;
  }

  public boolean hasContent() {
    return pos < end;
  }

  public byte[] buffer() {
    return buf;
  }

  private void need(long n, String what) {
    if (n < 0 || n > end - pos) {
      throw new YjsFormatException(
          what + " needs " + n + " bytes but only " + (end - pos) + " remain at offset " + pos);
    }
  }

  public int readUint8() {
    need(1, "uint8");
    return buf[pos++] & 0xff;
  }

  public int peekUint8() {
    need(1, "uint8");
    return buf[pos] & 0xff;
  }

  public long readVarUint() {
    long value = 0;
    int shift = 0;
    while (true) {
      if (pos >= end) {
        throw new YjsFormatException("truncated varUint at offset " + pos);
      }
      int b = buf[pos++] & 0xff;
      value |= (long) (b & 0x7f) << shift;
      shift += 7;
      if (b < 0x80) {
        break;
      }
      if (shift > 53) {
        throw new YjsFormatException("varUint longer than 53 bits at offset " + pos);
      }
    }
    if (value > MAX_SAFE_INTEGER) {
      throw new YjsFormatException("varUint exceeds 2^53 at offset " + pos);
    }
    return value;
  }

  /** A var-uint that must fit a non-negative int (lengths and counts). */
  public int readVarUintAsInt(String what) {
    long v = readVarUint();
    if (v > Integer.MAX_VALUE) {
      throw new YjsFormatException(what + " too large: " + v);
    }
    return (int) v;
  }

  /** A signed var-int. Use {@link #readVarIntSigned()} and {@link #lastWasNegative()} where -0 matters. */
  public long readVarInt() {
    return readVarIntSigned();
  }

  /**
   * A signed var-int whose sign survives zero: returns the value, and {@link #lastWasNegative()}
   * tells whether the sign bit was set (true for -0).
   */
  public long readVarIntSigned() {
    need(1, "varInt");
    int r = buf[pos++] & 0xff;
    long magnitude = r & 0x3f;
    int shift = 6;
    boolean negative = (r & 0x40) != 0;
    while ((r & 0x80) != 0) {
      if (pos >= end) {
        throw new YjsFormatException("truncated varInt at offset " + pos);
      }
      r = buf[pos++] & 0xff;
      magnitude |= (long) (r & 0x7f) << shift;
      shift += 7;
      if (shift > 60) {
        throw new YjsFormatException("varInt longer than 53 bits at offset " + pos);
      }
    }
    if (magnitude > MAX_SAFE_INTEGER) {
      throw new YjsFormatException("varInt exceeds 2^53 at offset " + pos);
    }
    lastNegative = negative;
    return negative ? -magnitude : magnitude;
  }

  /** Whether the last {@link #readVarIntSigned()} had its sign bit set (distinguishes -0). */
  public boolean lastWasNegative() {
    return lastNegative;
  }

  public String readVarString() {
    int n = readVarUintAsInt("string length");
    need(n, "string");
    String s = Utf16.decodeUtf8(buf, pos, n);
    pos += n;
    return s;
  }

  public byte[] readVarUint8Array() {
    int n = readVarUintAsInt("byte array length");
    return readRaw(n);
  }

  public byte[] readRaw(int n) {
    need(n, "bytes");
    byte[] out = new byte[n];
    System.arraycopy(buf, pos, out, 0, n);
    pos += n;
    return out;
  }

  public void skip(int n) {
    need(n, "skip");
    pos += n;
  }

  /** The rest of the range, consumed. */
  public byte[] readTail() {
    return readRaw(end - pos);
  }

  public float readFloat32() {
    return Float.intBitsToFloat((int) readBigEndian(4));
  }

  public double readFloat64() {
    return Double.longBitsToDouble(readBigEndian(8));
  }

  public long readBigInt64() {
    return readBigEndian(8);
  }

  private long readBigEndian(int bytes) {
    need(bytes, "fixed-width number");
    long v = 0;
    for (int i = 0; i < bytes; i++) {
      v = (v << 8) | (buf[pos++] & 0xff);
    }
    return v;
  }
}
