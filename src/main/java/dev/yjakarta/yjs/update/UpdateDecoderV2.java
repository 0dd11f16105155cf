package dev.yjakarta.yjs.update;

import dev.yjakarta.yjs.YjsFormatException;
import dev.yjakarta.yjs.lib0.Any;
import dev.yjakarta.yjs.lib0.Lib0Decoder;
import dev.yjakarta.yjs.lib0.RleColumns;
import java.util.ArrayList;
import java.util.List;

/**
 * Update format V2: the same logical stream split into run-length encoded columns, then the "rest"
 * stream (counts, clocks, any values, binaries, delete set with clock deltas). JSON payloads are
 * any values here and are converted to their {@code JSON.stringify} text, which is what V1 holds.
 */
public final class UpdateDecoderV2 implements UpdateDecoder {
  private final Lib0Decoder rest;
  private final int maxDepth;
  private Any.Counter budget = n -> {};
  private final RleColumns.IntDiffOptRle keyClock;
  private final RleColumns.UintOptRle client;
  private final RleColumns.IntDiffOptRle leftClock;
  private final RleColumns.IntDiffOptRle rightClock;
  private final RleColumns.Uint8Rle info;
  private final RleColumns.Strings strings;
  private final RleColumns.Uint8Rle parentInfo;
  private final RleColumns.UintOptRle typeRef;
  private final RleColumns.UintOptRle len;
  private final List<String> keys = new ArrayList<>();
  private long dsCurrVal;

  public UpdateDecoderV2(Lib0Decoder decoder, int maxDepth) {
    this.rest = decoder;
    this.maxDepth = maxDepth;
    decoder.readVarUint(); // feature flag, unused
    keyClock = new RleColumns.IntDiffOptRle(decoder.readVarUint8Array());
    client = new RleColumns.UintOptRle(decoder.readVarUint8Array());
    leftClock = new RleColumns.IntDiffOptRle(decoder.readVarUint8Array());
    rightClock = new RleColumns.IntDiffOptRle(decoder.readVarUint8Array());
    info = new RleColumns.Uint8Rle(decoder.readVarUint8Array());
    strings = new RleColumns.Strings(decoder.readVarUint8Array());
    parentInfo = new RleColumns.Uint8Rle(decoder.readVarUint8Array());
    typeRef = new RleColumns.UintOptRle(decoder.readVarUint8Array());
    len = new RleColumns.UintOptRle(decoder.readVarUint8Array());
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
    return Clients.check(client.read());
  }

  @Override
  public int readInfo() {
    return info.read();
  }

  @Override
  public Id readLeftId() {
    return new Id(readClient(), clock(leftClock.read()));
  }

  @Override
  public Id readRightId() {
    return new Id(readClient(), clock(rightClock.read()));
  }

  private static long clock(long v) {
    if (v < 0) {
      throw new YjsFormatException("negative clock " + v + " in V2 column");
    }
    return v;
  }

  @Override
  public String readString() {
    return strings.read();
  }

  @Override
  public boolean readParentInfo() {
    return parentInfo.read() == 1;
  }

  @Override
  public int readTypeRef() {
    long v = typeRef.read();
    if (v > Integer.MAX_VALUE) {
      throw new YjsFormatException("type ref too large: " + v);
    }
    return (int) v;
  }

  @Override
  public long readLen() {
    return len.read();
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
    return JsJson.stringify(Any.read(rest, maxDepth, budget));
  }

  @Override
  public String readKey() {
    long k = keyClock.read();
    if (k < 0) {
      throw new YjsFormatException("negative key index " + k);
    }
    if (k < keys.size()) {
      return keys.get((int) k);
    }
    String key = strings.read();
    keys.add(key);
    return key;
  }

  @Override
  public void resetDsCurVal() {
    dsCurrVal = 0;
  }

  @Override
  public long readDsClock() {
    dsCurrVal += rest.readVarUint();
    if (dsCurrVal > Budget.MAX_CLOCK) {
      throw new YjsFormatException("delete set clock past 2^53");
    }
    return dsCurrVal;
  }

  @Override
  public long readDsLen() {
    long diff = rest.readVarUint() + 1;
    dsCurrVal += diff;
    return diff;
  }

  @Override
  public void finish() {}
}
