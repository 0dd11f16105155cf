package dev.yjakarta.yjs.update;

import dev.yjakarta.yjs.lib0.Any;
import dev.yjakarta.yjs.lib0.Lib0Decoder;

/** Update format V1: one stream read in struct order. */
public final class UpdateDecoderV1 implements UpdateDecoder {
  private final Lib0Decoder rest;
  private final int maxDepth;
  private Any.Counter budget = n -> {};

  public UpdateDecoderV1(Lib0Decoder rest, int maxDepth) {
    this.rest = rest;
    this.maxDepth = maxDepth;
  }

  @Override
  public void useBudget(Any.Counter budget) {
    this.budget = budget;
  }

  @Override
  public Lib0Decoder rest() {
    return rest;
  }

  @Override
  public long readClient() {
    return Clients.check(rest.readVarUint());
  }

  @Override
  public int readInfo() {
    return rest.readUint8();
  }

  @Override
  public Id readLeftId() {
    long client = Clients.check(rest.readVarUint());
    return new Id(client, rest.readVarUint());
  }

  @Override
  public Id readRightId() {
    return readLeftId();
  }

  @Override
  public String readString() {
    return rest.readVarString();
  }

  @Override
  public boolean readParentInfo() {
    long v = rest.readVarUint();
    return v == 1;
  }

  @Override
  public int readTypeRef() {
    return rest.readVarUintAsInt("type ref");
  }

  @Override
  public long readLen() {
    return rest.readVarUint();
  }

  @Override
  public Object readAny() {
    return Any.read(rest, maxDepth, budget);
  }

  @Override
  public byte[] readBuf() {
    return rest.readVarUint8Array();
  }

  @Override
  public String readJson() {
    // yjs parses and re-stringifies; canonical text keeps merges byte-exact for odd producers
    String json = rest.readVarString();
    String canonical = JsJson.canonical(json, maxDepth, budget);
    return canonical.equals(json) ? json : canonical;
  }

  @Override
  public String readKey() {
    return rest.readVarString();
  }

  @Override
  public void resetDsCurVal() {}

  @Override
  public long readDsClock() {
    return rest.readVarUint();
  }

  @Override
  public long readDsLen() {
    return rest.readVarUint();
  }

  @Override
  public void finish() {
    // yjs ignores bytes after the delete set; so do we (some producers append nothing, none more)
  }
}
