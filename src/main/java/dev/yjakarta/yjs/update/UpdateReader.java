package dev.yjakarta.yjs.update;

import dev.yjakarta.yjs.YjsFormatException;
import dev.yjakarta.yjs.YjsLimits;
import dev.yjakarta.yjs.lib0.Any;
import dev.yjakarta.yjs.lib0.Lib0Decoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a whole update (structs, then delete set) through an {@link UpdateDecoder}, validating
 * as it goes: every count is bounded before anything is allocated for it, clocks stay below 2^53,
 * unknown refs and zero-length structs are rejected. Mirrors yjs's {@code LazyStructReader} and
 * {@code readItemContent}.
 */
public final class UpdateReader {
  private final UpdateDecoder decoder;
  private final Lib0Decoder rest;
  private final Budget budget;
  private final boolean bytesBound;
  private final int maxDepth;

  private UpdateReader(UpdateDecoder decoder, YjsLimits limits, boolean bytesBound) {
    this.decoder = decoder;
    this.rest = decoder.rest();
    this.budget = new Budget(limits.maxStructs());
    decoder.useBudget(budget);
    this.bytesBound = bytesBound;
    this.maxDepth = limits.maxNestingDepth();
  }

  /** Decodes a V1 update. */
  public static DecodedUpdate readV1(byte[] update, YjsLimits limits) {
    checkSize(update, limits);
    UpdateDecoderV1 d = new UpdateDecoderV1(new Lib0Decoder(update), limits.maxNestingDepth());
    return new UpdateReader(d, limits, true).read();
  }

  /** What {@link #scanV1} hands each struct to. */
  @FunctionalInterface
  public interface StructScan {
    void struct(Struct s);
  }

  /**
   * Reads and validates a V1 update like {@link #readV1}, but hands each struct to {@code scan}
   * instead of keeping it: a summary of a large state then holds no object per struct.
   *
   * @return the update's delete set
   */
  public static DeleteSet scanV1(byte[] update, YjsLimits limits, StructScan scan) {
    checkSize(update, limits);
    UpdateDecoderV1 d = new UpdateDecoderV1(new Lib0Decoder(update), limits.maxNestingDepth());
    return new UpdateReader(d, limits, true).read(scan).deleteSet();
  }

  /** What {@link #indexV1} hands each client group to. */
  @FunctionalInterface
  public interface GroupScan {
    /**
     * One client group: its clocks {@code [start, end)}, its struct count, whether its first struct
     * is a Skip, and its bytes {@code [from, to)} in the update (count, client, first clock, structs).
     */
    void group(long client, long start, long end, int structs, boolean startsWithSkip, int from, int to);
  }

  /**
   * Reads and validates a V1 update like {@link #readV1}, keeping nothing: each client group's
   * clock and byte range goes to {@code groups}.
   *
   * @return where the delete set starts
   */
  public static int indexV1(byte[] update, YjsLimits limits, GroupScan groups) {
    return indexV1(update, limits, groups, null);
  }

  /** {@link #indexV1(byte[], YjsLimits, GroupScan)} that also hands every struct to {@code structs}. */
  public static int indexV1(byte[] update, YjsLimits limits, GroupScan groups, StructScan structs) {
    checkSize(update, limits);
    UpdateDecoderV1 d = new UpdateDecoderV1(new Lib0Decoder(update), limits.maxNestingDepth());
    UpdateReader reader = new UpdateReader(d, limits, true);
    try {
      long numGroups = reader.rest.readVarUint();
      reader.budget.claim(numGroups, reader.rest);
      for (long g = 0; g < numGroups; g++) {
        int from = reader.rest.position();
        long n = reader.rest.readVarUint();
        reader.budget.claim(n, reader.bound());
        long client = d.readClient();
        long start = reader.rest.readVarUint();
        boolean[] skipFirst = {false};
        long end = reader.readGroupStructs(n, client, start, s -> {
          if (s.clock() == start && s instanceof Skip) {
            skipFirst[0] = true;
          }
          if (structs != null) {
            structs.struct(s);
          }
        }, null);
        groups.group(client, start, end, (int) n, skipFirst[0], from, reader.rest.position());
      }
      int deleteSetFrom = reader.rest.position();
      DeleteSet.read(d, reader.budget);
      d.finish();
      return deleteSetFrom;
    } catch (ArithmeticException | IndexOutOfBoundsException | NegativeArraySizeException e) {
      throw new YjsFormatException("malformed update: " + e.getMessage(), e);
    }
  }

  /** Decodes the client group at {@code [from, to)} of a V1 update (as reported by {@link #indexV1}). */
  public static ClientStructs readGroupV1(byte[] update, int from, int to, YjsLimits limits) {
    UpdateDecoderV1 d = new UpdateDecoderV1(new Lib0Decoder(update, from, to - from), limits.maxNestingDepth());
    UpdateReader reader = new UpdateReader(d, limits, true);
    try {
      long n = reader.rest.readVarUint();
      reader.budget.claim(n, reader.bound());
      long client = d.readClient();
      long start = reader.rest.readVarUint();
      List<Struct> structs = new ArrayList<>((int) Math.min(n, 1024));
      reader.readGroupStructs(n, client, start, null, structs);
      if (reader.rest.hasContent()) {
        throw new YjsFormatException("client group of " + client + " has trailing bytes");
      }
      return new ClientStructs(client, Collections.unmodifiableList(structs));
    } catch (ArithmeticException | IndexOutOfBoundsException | NegativeArraySizeException e) {
      throw new YjsFormatException("malformed update: " + e.getMessage(), e);
    }
  }

  /** Decodes the delete set that starts at {@code from} of a V1 update. */
  public static DeleteSet readDeleteSetV1(byte[] update, int from, YjsLimits limits) {
    UpdateDecoderV1 d = new UpdateDecoderV1(new Lib0Decoder(update, from, update.length - from), limits.maxNestingDepth());
    UpdateReader reader = new UpdateReader(d, limits, true);
    try {
      DeleteSet ds = DeleteSet.read(d, reader.budget);
      d.finish();
      return ds;
    } catch (ArithmeticException | IndexOutOfBoundsException | NegativeArraySizeException e) {
      throw new YjsFormatException("malformed update: " + e.getMessage(), e);
    }
  }

  /** Decodes a V2 update. */
  public static DecodedUpdate readV2(byte[] update, YjsLimits limits) {
    checkSize(update, limits);
    UpdateDecoderV2 d = new UpdateDecoderV2(new Lib0Decoder(update), limits.maxNestingDepth());
    return new UpdateReader(d, limits, false).read();
  }

  private static void checkSize(byte[] update, YjsLimits limits) {
    if (update == null) {
      throw new YjsFormatException("update is null");
    }
    if (update.length > limits.maxUpdateBytes()) {
      throw new YjsFormatException(
          "update of " + update.length + " bytes exceeds the limit of " + limits.maxUpdateBytes());
    }
  }

  private DecodedUpdate read() {
    return read(null);
  }

  private DecodedUpdate read(StructScan scan) {
    try {
      List<ClientStructs> groups = readStructs(scan);
      DeleteSet ds = DeleteSet.read(decoder, budget);
      decoder.finish();
      return new DecodedUpdate(groups, ds);
    } catch (ArithmeticException | IndexOutOfBoundsException | NegativeArraySizeException e) {
      throw new YjsFormatException("malformed update: " + e.getMessage(), e);
    }
  }

  private Lib0Decoder bound() {
    return bytesBound ? rest : null;
  }

  private List<ClientStructs> readStructs(StructScan scan) {
    long numGroups = rest.readVarUint();
    budget.claim(numGroups, rest);
    List<ClientStructs> groups = new ArrayList<>((int) Math.min(numGroups, 64));
    for (long g = 0; g < numGroups; g++) {
      long n = rest.readVarUint();
      budget.claim(n, bound());
      long client = decoder.readClient();
      long clock = rest.readVarUint();
      List<Struct> structs = scan != null ? List.of() : new ArrayList<>((int) Math.min(n, 1024));
      readGroupStructs(n, client, clock, scan, structs);
      if (!structs.isEmpty()) {
        groups.add(new ClientStructs(client, Collections.unmodifiableList(structs)));
      }
    }
    return groups;
  }

  /** Reads {@code n} structs of {@code client} from {@code clock} on, to {@code scan} or into {@code into}; returns the end clock. */
  private long readGroupStructs(long n, long client, long clock, StructScan scan, List<Struct> into) {
    for (long i = 0; i < n; i++) {
      Struct s = readStruct(client, clock);
      if (s.length() <= 0) {
        throw new YjsFormatException("zero-length struct at " + client + ":" + clock);
      }
      clock = s.end();
      if (clock > Budget.MAX_CLOCK) {
        throw new YjsFormatException("clock past 2^53 for client " + client);
      }
      if (scan != null) {
        scan.struct(s);
      } else {
        into.add(s);
      }
    }
    return clock;
  }

  private Struct readStruct(long client, long clock) {
    int info = decoder.readInfo();
    if (info == 10) {
      return new Skip(client, clock, rest.readVarUint());
    }
    int ref = info & 0x1f;
    if (ref == 0) {
      return new Gc(client, clock, decoder.readLen());
    }
    boolean cantCopyParentInfo = (info & 0xc0) == 0;
    Id origin = (info & 0x80) != 0 ? decoder.readLeftId() : null;
    Id rightOrigin = (info & 0x40) != 0 ? decoder.readRightId() : null;
    String parentRoot = null;
    Id parentId = null;
    if (cantCopyParentInfo) {
      if (decoder.readParentInfo()) {
        parentRoot = decoder.readString();
      } else {
        parentId = decoder.readLeftId();
      }
    }
    String parentSub = cantCopyParentInfo && (info & 0x20) != 0 ? decoder.readString() : null;
    Content content = readContent(ref);
    checkDependency(client, clock, origin, "origin");
    checkDependency(client, clock, rightOrigin, "right origin");
    checkDependency(client, clock, parentId, "parent");
    return new Item(client, clock, origin, rightOrigin, parentRoot, parentId, parentSub, content);
  }

  /** An item can only refer to units of its own client that existed before it. */
  private static void checkDependency(long client, long clock, Id dep, String what) {
    if (dep != null && dep.client() == client && dep.clock() >= clock) {
      throw new YjsFormatException(
          "item " + client + ":" + clock + " has its " + what + " at a later clock " + dep);
    }
  }

  private Content readContent(int ref) {
    switch (ref) {
      case 1:
        return new Content.Deleted(decoder.readLen());
      case 2:
        {
          int n = count(decoder.readLen(), bound()); // V2 reads these from the string column
          List<String> values = new ArrayList<>(Math.min(n, 64));
          for (int i = 0; i < n; i++) {
            String s = decoder.readString();
            values.add("undefined".equals(s) ? s : JsJson.canonical(s, maxDepth, budget));
          }
          return new Content.Json(Collections.unmodifiableList(values));
        }
      case 3:
        return new Content.Binary(decoder.readBuf());
      case 4:
        return new Content.Str(decoder.readString());
      case 5:
        return new Content.Embed(decoder.readJson());
      case 6:
        {
          String key = decoder.readKey();
          return new Content.Format(key, decoder.readJson());
        }
      case 7:
        {
          int typeRef = decoder.readTypeRef();
          if (typeRef > Content.Type.XML_TEXT) {
            throw new YjsFormatException("unknown type ref " + typeRef);
          }
          String name = Content.Type.hasName(typeRef) ? decoder.readKey() : null;
          return new Content.Type(typeRef, name);
        }
      case 8:
        {
          int n = count(decoder.readLen(), rest);
          List<Object> values = new ArrayList<>(Math.min(n, 64));
          for (int i = 0; i < n; i++) {
            values.add(decoder.readAny());
          }
          return new Content.AnyValues(Collections.unmodifiableList(values));
        }
      case 9:
        {
          String guid = decoder.readString();
          return new Content.Doc(guid, docOpts(decoder.readAny()));
        }
      default:
        throw new YjsFormatException("unknown content ref " + ref);
    }
  }

  private int count(long n, Lib0Decoder stream) {
    budget.claim(n, stream);
    return (int) n;
  }

  /**
   * yjs rebuilds a sub-document from its options and writes back only {@code gc: false}, {@code
   * autoLoad: true} and {@code meta}; we normalise the same way when reading.
   */
  static Map<String, Object> docOpts(Object opts) {
    if (opts == null || opts == Any.UNDEFINED) {
      throw new YjsFormatException("sub-document options are " + opts);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (opts instanceof Map<?, ?> m) {
      if (m.containsKey("guid")) {
        throw new YjsFormatException("sub-document options must not override the guid");
      }
      Object gc = m.containsKey("gc") ? m.get("gc") : Any.UNDEFINED;
      if (gc != Any.UNDEFINED && !Any.truthy(gc)) {
        out.put("gc", Boolean.FALSE);
      }
      if (Any.truthy(m.get("autoLoad"))) {
        out.put("autoLoad", Boolean.TRUE);
      }
      Object meta = m.containsKey("meta") ? m.get("meta") : Any.UNDEFINED;
      if (meta != Any.UNDEFINED && meta != null) {
        out.put("meta", meta);
      }
    }
    return Collections.unmodifiableMap(out);
  }
}
