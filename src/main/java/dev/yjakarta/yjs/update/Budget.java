package dev.yjakarta.yjs.update;

import dev.yjakarta.yjs.YjsFormatException;
import dev.yjakarta.yjs.lib0.Any;
import dev.yjakarta.yjs.lib0.Lib0Decoder;

/**
 * Counts structs, delete ranges and any values while decoding, so that an absurd count fails before anything is
 * allocated for it.
 */
public final class Budget implements Any.Counter {
  /** JS numbers are exact up to 2^53; clocks beyond are not representable in yjs. */
  static final long MAX_CLOCK = 1L << 53;

  private long left;

  /** @param maxElements most structs plus delete ranges */
  public Budget(long maxElements) {
    this.left = maxElements;
  }

  @Override
  public void claim(long n) {
    claim(n, null);
  }

  /**
   * Claims {@code n} elements. If {@code stream} is given, every element takes at least one byte of
   * it, so a count beyond the bytes left is truncated input (V2's run-length columns can yield
   * elements without consuming bytes; pass null there).
   */
  public void claim(long n, Lib0Decoder stream) {
    if (n > left) {
      throw new YjsFormatException(
          "update holds more than the allowed number of structs and delete ranges");
    }
    if (stream != null && n > stream.remaining()) {
      throw new YjsFormatException(
          "count " + n + " exceeds the " + stream.remaining() + " bytes left");
    }
    left -= n;
  }
}
