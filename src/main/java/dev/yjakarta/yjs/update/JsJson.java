package dev.yjakarta.yjs.update;

import dev.yjakarta.yjs.YjsFormatException;
import dev.yjakarta.yjs.lib0.Any;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JS {@code JSON.parse} and {@code JSON.stringify} over the {@link Any} value model. yjs reads V1
 * JSON payloads with {@code JSON.parse} and writes them with {@code JSON.stringify}, so a merged
 * update carries the canonical JS text; {@link #canonical} reproduces it byte for byte (number
 * formatting, key order with integer-like keys first, escapes).
 */
public final class JsJson {
  private JsJson() {}

  /** {@code JSON.stringify(JSON.parse(text))}; throws on text that JSON.parse rejects. */
  public static String canonical(String text, int maxDepth) {
    return canonical(text, maxDepth, n -> {});
  }

  /** {@link #canonical(String, int)}, claiming every array element and member from {@code counter}. */
  public static String canonical(String text, int maxDepth, Any.Counter counter) {
    return stringify(parse(text, maxDepth, counter));
  }

  /** {@code JSON.parse}. */
  public static Object parse(String text, int maxDepth) {
    return parse(text, maxDepth, n -> {});
  }

  /** {@code JSON.parse}, claiming every array element and object member from {@code counter}. */
  public static Object parse(String text, int maxDepth, Any.Counter counter) {
    Parser p = new Parser(text, maxDepth, counter);
    p.ws();
    Object v = p.value(0);
    p.ws();
    if (p.pos != text.length()) {
      throw p.error("unexpected text after the JSON value");
    }
    return v;
  }

  /**
   * {@code JSON.stringify(value)}; throws for values it cannot represent as text (a top-level
   * {@code undefined}, or a bigint, which makes JS throw).
   */
  public static String stringify(Object value) {
    StringBuilder sb = new StringBuilder();
    if (!write(sb, value)) {
      throw new YjsFormatException("value has no JSON form: " + value);
    }
    return sb.toString();
  }

  /** Appends the JSON of {@code v}; returns false (writing nothing) for undefined. */
  private static boolean write(StringBuilder sb, Object v) {
    if (v == Any.UNDEFINED) {
      return false;
    }
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Boolean b) {
      sb.append(b ? "true" : "false");
    } else if (v instanceof Number n) {
      double d = n.doubleValue();
      sb.append(Double.isFinite(d) ? numberToString(d) : "null");
    } else if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof Any.BigInt64) {
      throw new YjsFormatException("a bigint cannot be written as JSON");
    } else if (v instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        if (!write(sb, list.get(i))) {
          sb.append("null");
        }
      }
      sb.append(']');
    } else if (v instanceof byte[] bytes) {
      // a Uint8Array stringifies as an object with index keys
      sb.append('{');
      for (int i = 0; i < bytes.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append('"').append(i).append("\":").append(bytes[i] & 0xff);
      }
      sb.append('}');
    } else if (v instanceof Map<?, ?> map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        int mark = sb.length();
        if (!first) {
          sb.append(',');
        }
        quote(sb, (String) e.getKey());
        sb.append(':');
        if (write(sb, e.getValue())) {
          first = false;
        } else {
          sb.setLength(mark); // undefined members are left out
        }
      }
      sb.append('}');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }
    return true;
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** JSON.stringify's QuoteJSONString, including the well-formed escaping of lone surrogates. */
  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          boolean loneSurrogate = false;
          if (Character.isHighSurrogate(c)) {
            if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
              sb.append(c).append(s.charAt(++i));
              continue;
            }
            loneSurrogate = true;
          } else if (Character.isLowSurrogate(c)) {
            loneSurrogate = true;
          }
          if (c < 0x20 || loneSurrogate) {
            sb.append("\\u")
                .append(HEX[(c >> 12) & 0xf])
                .append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** ECMAScript Number::toString(10) for a finite double. */
  public static String numberToString(double v) {
    if (v == 0) {
      return "0"; // also -0
    }
    if (v < 0) {
      return "-" + numberToString(-v);
    }
    // shortest decimal digits that round-trip, correctly rounded
    BigDecimal exact = new BigDecimal(v);
    BigDecimal shortest = null;
    for (int p = 1; p <= 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.doubleValue() == v) {
        shortest = r;
        break;
      }
    }
    if (shortest == null) {
      shortest = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
    String digits = shortest.unscaledValue().abs().toString();
    int stripped = digits.length();
    while (stripped > 1 && digits.charAt(stripped - 1) == '0') {
      stripped--;
    }
    int k = stripped;
    // value = 0.d1d2..dk * 10^n
    int n = digits.length() - shortest.scale();
    digits = digits.substring(0, k);
    StringBuilder sb = new StringBuilder();
    if (k <= n && n <= 21) {
      sb.append(digits);
      for (int i = 0; i < n - k; i++) {
        sb.append('0');
      }
    } else if (0 < n && n <= 21) {
      sb.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      sb.append("0.");
      for (int i = 0; i < -n; i++) {
        sb.append('0');
      }
      sb.append(digits);
    } else {
      int e = n - 1;
      sb.append(digits.charAt(0));
      if (k > 1) {
        sb.append('.').append(digits, 1, k);
      }
      sb.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
    }
    return sb.toString();
  }

  private static final class Parser {
    private final String s;
    private final int maxDepth;
    private final Any.Counter counter;
    private int pos;

    Parser(String s, int maxDepth, Any.Counter counter) {
      this.s = s;
      this.maxDepth = maxDepth;
      this.counter = counter;
    }

    YjsFormatException error(String what) {
      return new YjsFormatException("invalid JSON payload: " + what + " at " + pos);
    }

    void ws() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          pos++;
        } else {
          break;
        }
      }
    }

    Object value(int depth) {
      if (pos >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(pos);
      switch (c) {
        case '{':
          return object(depth);
        case '[':
          return array(depth);
        case '"':
          return string();
        case 't':
          literal("true");
          return Boolean.TRUE;
        case 'f':
          literal("false");
          return Boolean.FALSE;
        case 'n':
          literal("null");
          return null;
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw error("unexpected character");
      }
    }

    void literal(String word) {
      if (!s.startsWith(word, pos)) {
        throw error("unexpected literal");
      }
      pos += word.length();
    }

    Object object(int depth) {
      if (depth >= maxDepth) {
        throw error("nested deeper than " + maxDepth);
      }
      pos++;
      Map<String, Object> obj = new LinkedHashMap<>();
      ws();
      if (pos < s.length() && s.charAt(pos) == '}') {
        pos++;
        return Collections.unmodifiableMap(obj);
      }
      while (true) {
        ws();
        if (pos >= s.length() || s.charAt(pos) != '"') {
          throw error("expected a key");
        }
        String key = string();
        ws();
        expect(':');
        ws();
        counter.claim(1);
        Object v = value(depth + 1);
        obj.put(key, v); // JSON.parse: a repeated key keeps its first position, last value
        ws();
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
          continue;
        }
        expect('}');
        return Any.jsOrder(obj);
      }
    }

    Object array(int depth) {
      if (depth >= maxDepth) {
        throw error("nested deeper than " + maxDepth);
      }
      pos++;
      List<Object> arr = new ArrayList<>();
      ws();
      if (pos < s.length() && s.charAt(pos) == ']') {
        pos++;
        return Collections.unmodifiableList(arr);
      }
      while (true) {
        ws();
        counter.claim(1);
        arr.add(value(depth + 1));
        ws();
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
          continue;
        }
        expect(']');
        return Collections.unmodifiableList(arr);
      }
    }

    void expect(char c) {
      if (pos >= s.length() || s.charAt(pos) != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    String string() {
      pos++; // opening quote
      StringBuilder sb = null;
      int start = pos;
      while (true) {
        if (pos >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(pos);
        if (c == '"') {
          String out = sb == null ? s.substring(start, pos) : sb.append(s, start, pos).toString();
          pos++;
          return out;
        }
        if (c < 0x20) {
          throw error("control character in string");
        }
        if (c == '\\') {
          if (sb == null) {
            sb = new StringBuilder();
          }
          sb.append(s, start, pos);
          pos++;
          if (pos >= s.length()) {
            throw error("unterminated escape");
          }
          char e = s.charAt(pos++);
          switch (e) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
              if (pos + 4 > s.length()) {
                throw error("short unicode escape");
              }
              int cp = 0;
              for (int i = 0; i < 4; i++) {
                int h = Character.digit(s.charAt(pos++), 16);
                if (h < 0) {
                  throw error("bad unicode escape");
                }
                cp = (cp << 4) | h;
              }
              sb.append((char) cp);
            }
            default -> throw error("bad escape");
          }
          start = pos;
        } else {
          pos++;
        }
      }
    }

    Object number() {
      int start = pos;
      if (s.charAt(pos) == '-') {
        pos++;
      }
      if (pos >= s.length()) {
        throw error("bad number");
      }
      char c = s.charAt(pos);
      if (c == '0') {
        pos++;
      } else if (c >= '1' && c <= '9') {
        digits();
      } else {
        throw error("bad number");
      }
      if (pos < s.length() && s.charAt(pos) == '.') {
        pos++;
        if (digits() == 0) {
          throw error("bad fraction");
        }
      }
      if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
        pos++;
        if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
          pos++;
        }
        if (digits() == 0) {
          throw error("bad exponent");
        }
      }
      return Double.parseDouble(s.substring(start, pos));
    }

    int digits() {
      int n = 0;
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        pos++;
        n++;
      }
      return n;
    }
  }
}
