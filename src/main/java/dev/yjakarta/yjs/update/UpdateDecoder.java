package dev.yjakarta.yjs.update;

import dev.yjakarta.yjs.lib0.Lib0Decoder;

/**
 * The read side of an update format (yjs's {@code UpdateDecoderV1}/{@code V2}). The struct and
 * delete-set readers call these methods, so they are shared by both formats. Every method throws
 * {@link dev.yjakarta.yjs.YjsFormatException} on malformed input.
 */
public interface UpdateDecoder {
  /** Every any value read from now on is claimed from {@code budget}. */
  void useBudget(dev.yjakarta.yjs.lib0.Any.Counter budget);

  /** The stream for counts, clocks, Skip lengths and the delete set. */
  Lib0Decoder rest();

  long readClient();

  int readInfo();

  Id readLeftId();

  Id readRightId();

  String readString();

  /** True if the parent is a root type name, false if it is an item id. */
  boolean readParentInfo();

  int readTypeRef();

  long readLen();

  Object readAny();

  byte[] readBuf();

  /** A JSON value as JSON text (V2 stores it as an any value and converts it). */
  String readJson();

  String readKey();

  void resetDsCurVal();

  long readDsClock();

  long readDsLen();

  /** Called after the delete set: rejects trailing garbage where the format allows the check. */
  void finish();
}
