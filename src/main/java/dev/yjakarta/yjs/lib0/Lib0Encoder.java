package dev.yjakarta.yjs.lib0;

import java.util.Arrays;

/** A growable byte buffer with lib0's write primitives. Not thread-safe; reuse with {@link #reset()}. */
public final class Lib0Encoder {
  private byte[] buf;
  private int len;

  public Lib0Encoder() {
    this(64);
  }

  public Lib0Encoder(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  public int length() {
    return len;
  }

  public void reset() {
    len = 0;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  private void ensure(int extra) {
    int need = len + extra;
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
  }

  public Lib0Encoder writeUint8(int b) {
    ensure(1);
    buf[len++] = (byte) b;
    return this;
  }

  /** Unsigned var-int; {@code value} must be non-negative (JS allows up to 2^53). */
  public Lib0Encoder writeVarUint(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("varUint must be non-negative: " + value);
    }
    ensure(10);
    while (value > 0x7f) {
      buf[len++] = (byte) (0x80 | (value & 0x7f));
      value >>>= 7;
    }
    buf[len++] = (byte) value;
    return this;
  }

  /** Signed var-int (sign-magnitude, sign in bit 6 of the first byte). */
  public Lib0Encoder writeVarInt(long value) {
    return writeVarInt(value < 0, Math.abs(value));
  }

  /** Signed var-int with an explicit sign, so that -0 can be written ({@code 40}). */
  public Lib0Encoder writeVarInt(boolean negative, long magnitude) {
    ensure(11);
    int first = (int) (magnitude & 0x3f) | (negative ? 0x40 : 0) | (magnitude > 0x3f ? 0x80 : 0);
    buf[len++] = (byte) first;
    magnitude >>>= 6;
    while (magnitude > 0) {
      buf[len++] = (byte) ((magnitude > 0x7f ? 0x80 : 0) | (magnitude & 0x7f));
      magnitude >>>= 7;
    }
    return this;
  }

  /** var-string: UTF-8 byte length then the bytes; lone surrogates become U+FFFD like TextEncoder. */
  public Lib0Encoder writeVarString(String s) {
    int utf8Len = Utf16.utf8Length(s);
    writeVarUint(utf8Len);
    ensure(utf8Len);
    len = Utf16.encodeUtf8(s, buf, len);
    return this;
  }

  /** Length-prefixed bytes. */
  public Lib0Encoder writeVarUint8Array(byte[] bytes) {
    return writeVarUint8Array(bytes, 0, bytes.length);
  }

  public Lib0Encoder writeVarUint8Array(byte[] bytes, int off, int n) {
    writeVarUint(n);
    return writeRaw(bytes, off, n);
  }

  /** Raw bytes with no length prefix. */
  public Lib0Encoder writeRaw(byte[] bytes) {
    return writeRaw(bytes, 0, bytes.length);
  }

  public Lib0Encoder writeRaw(byte[] bytes, int off, int n) {
    ensure(n);
    System.arraycopy(bytes, off, buf, len, n);
    len += n;
    return this;
  }

  public Lib0Encoder writeFloat32(float v) {
    return writeBigEndian(Float.floatToIntBits(v) & 0xffffffffL, 4);
  }

  /** A NaN is written as the canonical quiet NaN, as a JS DataView does. */
  public Lib0Encoder writeFloat64(double v) {
    return writeBigEndian(Double.doubleToLongBits(v), 8);
  }

  public Lib0Encoder writeBigInt64(long v) {
    return writeBigEndian(v, 8);
  }

  private Lib0Encoder writeBigEndian(long v, int bytes) {
    ensure(bytes);
    for (int i = bytes - 1; i >= 0; i--) {
      buf[len++] = (byte) (v >>> (8 * i));
    }
    return this;
  }
}
