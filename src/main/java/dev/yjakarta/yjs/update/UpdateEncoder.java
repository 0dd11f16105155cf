package dev.yjakarta.yjs.update;

import dev.yjakarta.yjs.lib0.Lib0Encoder;

/**
 * The write side of an update format (yjs's {@code UpdateEncoderV1}/{@code V2}): structs call
 * these methods, so the struct code is shared by every format.
 */
public interface UpdateEncoder {
  /** The stream for counts, clocks, Skip lengths and the delete set. */
  Lib0Encoder rest();

  void writeClient(long client);

  void writeInfo(int info);

  void writeLeftId(Id id);

  void writeRightId(Id id);

  void writeString(String s);

  void writeParentInfo(boolean isRootName);

  void writeTypeRef(int typeRef);

  void writeLen(long len);

  void writeAny(Object value);

  void writeBuf(byte[] bytes);

  /** A JSON value held as JSON text (V1 writes the text, V2 would write it as an any value). */
  void writeJson(String json);

  void writeKey(String key);

  void resetDsCurVal();

  void writeDsClock(long clock);

  void writeDsLen(long len);

  /** The encoded bytes. */
  byte[] toByteArray();
}
