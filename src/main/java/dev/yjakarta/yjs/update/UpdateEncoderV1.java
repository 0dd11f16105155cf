package dev.yjakarta.yjs.update;

import dev.yjakarta.yjs.lib0.Any;
import dev.yjakarta.yjs.lib0.Lib0Encoder;

/** Update format V1: everything goes to one stream, in the order the struct code writes it. */
public final class UpdateEncoderV1 implements UpdateEncoder {
  private final Lib0Encoder rest;

  public UpdateEncoderV1() {
    this(new Lib0Encoder(256));
  }

  public UpdateEncoderV1(Lib0Encoder rest) {
    this.rest = rest;
  }

  @Override
  public Lib0Encoder rest() {
    return rest;
  }

  @Override
  public void writeClient(long client) {
    rest.writeVarUint(client);
  }

  @Override
  public void writeInfo(int info) {
    rest.writeUint8(info);
  }

  @Override
  public void writeLeftId(Id id) {
    rest.writeVarUint(id.client());
    rest.writeVarUint(id.clock());
  }

  @Override
  public void writeRightId(Id id) {
    writeLeftId(id);
  }

  @Override
  public void writeString(String s) {
    rest.writeVarString(s);
  }

  @Override
  public void writeParentInfo(boolean isRootName) {
    rest.writeVarUint(isRootName ? 1 : 0);
  }

  @Override
  public void writeTypeRef(int typeRef) {
    rest.writeVarUint(typeRef);
  }

  @Override
  public void writeLen(long len) {
    rest.writeVarUint(len);
  }

  @Override
  public void writeAny(Object value) {
    Any.write(rest, value);
  }

  @Override
  public void writeBuf(byte[] bytes) {
    rest.writeVarUint8Array(bytes);
  }

  @Override
  public void writeJson(String json) {
    rest.writeVarString(json);
  }

  @Override
  public void writeKey(String key) {
    rest.writeVarString(key);
  }

  @Override
  public void resetDsCurVal() {}

  @Override
  public void writeDsClock(long clock) {
    rest.writeVarUint(clock);
  }

  @Override
  public void writeDsLen(long len) {
    rest.writeVarUint(len);
  }

  @Override
  public byte[] toByteArray() {
    return rest.toByteArray();
  }
}
