package dev.yjakarta.yjs.lib0;

import dev.yjakarta.yjs.YjsFormatException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lib0's {@code writeAny}/{@code readAny}: a tagged encoding of JS values. Values are modelled as
 * the JS values they decode to, so that re-encoding picks the tag exactly as JS does:
 *
 * <ul>
 *   <li>{@link #UNDEFINED} for {@code undefined}, Java {@code null} for {@code null};
 *   <li>{@link Double} for every JS number (integers, float32 and float64 alike; -0 and NaN kept);
 *   <li>{@link BigInt64} for {@code bigint}; {@link Boolean}; {@link String};
 *   <li>{@link List} for arrays; {@link Map} (in JS {@code Object.keys} order) for objects;
 *   <li>{@code byte[]} for {@code Uint8Array}.
 * </ul>
 *
 * Other {@link Number}s are accepted by {@link #write} and treated as JS numbers.
 */
public final class Any {
  /** JS {@code undefined}, distinct from {@code null}. */
  public static final Object UNDEFINED = Undefined.INSTANCE;

  private static final double BITS31 = 0x7fffffff;

  private Any() {}

  private enum Undefined {
    INSTANCE;

    @Override
    public String toString() {
      return "undefined";
    }
  }

  /** A JS {@code bigint} (lib0 writes it as a signed 64-bit big-endian number). */
  public record BigInt64(long value) {}

  /** Bounds how many values a decoder may create, summed over everything it reads. */
  public interface Counter {
    /** Claims {@code n} more values; throws {@link YjsFormatException} past the limit. */
    void claim(long n);
  }

  private static final Counter UNBOUNDED = n -> {};

  /**
   * Reads one value.
   *
   * @param maxDepth how deeply arrays and objects may nest; deeper input is rejected
   */
  public static Object read(Lib0Decoder d, int maxDepth) {
    return read(d, maxDepth, UNBOUNDED, 0);
  }

  /** Reads one value, claiming every array element and object member from {@code counter}. */
  public static Object read(Lib0Decoder d, int maxDepth, Counter counter) {
    return read(d, maxDepth, counter, 0);
  }

  private static Object read(Lib0Decoder d, int maxDepth, Counter counter, int depth) {
    int tag = d.readUint8();
    switch (tag) {
      case 127:
        return UNDEFINED;
      case 126:
        return null;
      case 125:
        {
          long v = d.readVarIntSigned();
          return v == 0 && d.lastWasNegative() ? -0.0d : (double) v;
        }
      case 124:
        return (double) d.readFloat32();
      case 123:
        return d.readFloat64();
      case 122:
        return new BigInt64(d.readBigInt64());
      case 121:
        return Boolean.FALSE;
      case 120:
        return Boolean.TRUE;
      case 119:
        return d.readVarString();
      case 118:
        {
          checkDepth(depth, maxDepth);
          int n = count(d);
          counter.claim(n);
          Map<String, Object> obj = new LinkedHashMap<>(Math.min(n, 16) * 2);
          for (int i = 0; i < n; i++) {
            String key = d.readVarString();
            Object value = read(d, maxDepth, counter, depth + 1);
            if (!"__proto__".equals(key)) { // JS assigns the prototype instead of a property
              obj.put(key, value);
            }
          }
          return jsOrder(obj);
        }
      case 117:
        {
          checkDepth(depth, maxDepth);
          int n = count(d);
          counter.claim(n);
          List<Object> arr = new ArrayList<>(Math.min(n, 16));
          for (int i = 0; i < n; i++) {
            arr.add(read(d, maxDepth, counter, depth + 1));
          }
          return Collections.unmodifiableList(arr);
        }
      case 116:
        return d.readVarUint8Array();
      default:
        throw new YjsFormatException("unknown any tag " + tag + " at offset " + (d.position() - 1));
    }
  }

  private static void checkDepth(int depth, int maxDepth) {
    if (depth >= maxDepth) {
      throw new YjsFormatException("any value nested deeper than " + maxDepth);
    }
  }

  /** An element count; every element takes at least one byte, so larger counts are truncated input. */
  private static int count(Lib0Decoder d) {
    long n = d.readVarUint();
    if (n > d.remaining()) {
      throw new YjsFormatException("any container claims " + n + " elements, only " + d.remaining() + " bytes remain");
    }
    return (int) n;
  }

  /**
   * Orders keys as JS {@code Object.keys} does: array-index keys ("0".."4294967294" in canonical
   * form) first in ascending numeric order, then the other keys in insertion order.
   */
  public static Map<String, Object> jsOrder(Map<String, Object> obj) {
    boolean hasIndex = false;
    for (String k : obj.keySet()) {
      if (isArrayIndex(k)) {
        hasIndex = true;
        break;
      }
    }
    if (!hasIndex) {
      return Collections.unmodifiableMap(obj);
    }
    List<String> indexKeys = new ArrayList<>();
    for (String k : obj.keySet()) {
      if (isArrayIndex(k)) {
        indexKeys.add(k);
      }
    }
    indexKeys.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
    Map<String, Object> ordered = new LinkedHashMap<>(obj.size() * 2);
    for (String k : indexKeys) {
      ordered.put(k, obj.get(k));
    }
    for (Map.Entry<String, Object> e : obj.entrySet()) {
      if (!isArrayIndex(e.getKey())) {
        ordered.put(e.getKey(), e.getValue());
      }
    }
    return Collections.unmodifiableMap(ordered);
  }

  static boolean isArrayIndex(String k) {
    int n = k.length();
    if (n == 0 || n > 10) {
      return false;
    }
    if (k.charAt(0) == '0') {
      return n == 1;
    }
    for (int i = 0; i < n; i++) {
      char c = k.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return Long.parseLong(k) < 0xffffffffL;
  }

  /** Writes {@code value} choosing the tag from the value, as lib0 does. */
  public static void write(Lib0Encoder e, Object value) {
    if (value == UNDEFINED) {
      e.writeUint8(127);
    } else if (value == null) {
      e.writeUint8(126);
    } else if (value instanceof String s) {
      e.writeUint8(119);
      e.writeVarString(s);
    } else if (value instanceof Number n) {
      writeNumber(e, n.doubleValue());
    } else if (value instanceof BigInt64 b) {
      e.writeUint8(122);
      e.writeBigInt64(b.value());
    } else if (value instanceof Boolean b) {
      e.writeUint8(b ? 120 : 121);
    } else if (value instanceof List<?> list) {
      e.writeUint8(117);
      e.writeVarUint(list.size());
      for (Object o : list) {
        write(e, o);
      }
    } else if (value instanceof byte[] bytes) {
      e.writeUint8(116);
      e.writeVarUint8Array(bytes);
    } else if (value instanceof Map<?, ?> map) {
      e.writeUint8(118);
      e.writeVarUint(map.size());
      for (Map.Entry<?, ?> en : map.entrySet()) {
        e.writeVarString((String) en.getKey());
        write(e, en.getValue());
      }
    } else {
      throw new IllegalArgumentException("not an any value: " + value.getClass().getName());
    }
  }

  private static void writeNumber(Lib0Encoder e, double v) {
    if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) <= BITS31) {
      e.writeUint8(125);
      boolean negative = v < 0 || (v == 0 && 1 / v < 0);
      e.writeVarInt(negative, (long) Math.abs(v));
    } else if ((double) (float) v == v) { // NaN fails this test, as Math.fround(NaN) !== NaN
      e.writeUint8(124);
      e.writeFloat32((float) v);
    } else {
      e.writeUint8(123);
      e.writeFloat64(v);
    }
  }

  /** JS truthiness of a decoded value. */
  public static boolean truthy(Object v) {
    if (v == null || v == UNDEFINED) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      return d != 0 && !Double.isNaN(d);
    }
    if (v instanceof BigInt64 b) {
      return b.value() != 0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    return true;
  }

  /** Structural equality of decoded values (byte arrays by content, numbers by JS identity). */
  public static boolean equal(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return java.util.Arrays.equals(x, y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!equal(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      var ix = x.entrySet().iterator();
      var iy = y.entrySet().iterator();
      while (ix.hasNext()) {
        var ex = ix.next();
        var ey = iy.next();
        if (!ex.getKey().equals(ey.getKey()) || !equal(ex.getValue(), ey.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.valueOf(x.doubleValue()).equals(y.doubleValue());
    }
    return java.util.Objects.equals(a, b);
  }
}
