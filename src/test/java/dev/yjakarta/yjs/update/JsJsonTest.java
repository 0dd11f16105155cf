package dev.yjakarta.yjs.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.yjakarta.yjs.YjsFormatException;
import dev.yjakarta.yjs.lib0.Any;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsJsonTest {
  @Test
  void formatsNumbersLikeJs() {
    assertEquals("0", JsJson.numberToString(-0.0));
    assertEquals("100", JsJson.numberToString(100));
    assertEquals("0.1", JsJson.numberToString(0.1));
    assertEquals("123456789012", JsJson.numberToString(123456789012.0));
    assertEquals("1e+21", JsJson.numberToString(1e21));
    assertEquals("100000000000000000000", JsJson.numberToString(1e20));
    assertEquals("1e-7", JsJson.numberToString(1e-7));
    assertEquals("0.000001", JsJson.numberToString(1e-6));
    assertEquals("5e-324", JsJson.numberToString(Double.MIN_VALUE));
    assertEquals("1.7976931348623157e+308", JsJson.numberToString(Double.MAX_VALUE));
    assertEquals("-1.5", JsJson.numberToString(-1.5));
    assertEquals("0.30000000000000004", JsJson.numberToString(0.1 + 0.2));
  }

  @Test
  void stringifiesLikeJsonStringify() {
    assertEquals("\"a\\\"\\n\\u0001\\ud83d😀\"", JsJson.stringify("a\"\n\u0001\uD83D😀"));
    assertEquals("[null,null,1]", JsJson.stringify(List.of(Any.UNDEFINED, Double.NaN, 1.0)));
    assertEquals("{\"0\":1,\"1\":255}", JsJson.stringify(new byte[] {1, (byte) 255}));
    assertThrows(YjsFormatException.class, () -> JsJson.stringify(Any.UNDEFINED));
    assertThrows(YjsFormatException.class, () -> JsJson.stringify(new Any.BigInt64(1)));
  }

  @Test
  void canonicalisesWhitespaceKeyOrderAndEscapes() {
    assertEquals("{\"2\":true,\"b\":\"/\"}", JsJson.canonical(" { \"b\" : \"\\/\", \"2\" : true } ", 8));
    assertEquals("{\"__proto__\":1}", JsJson.canonical("{\"__proto__\":1}", 8));
  }

  @Test
  void rejectsWhatJsonParseRejects() {
    for (String bad : new String[] {"", "[1,]", "01", "'a'", "{a:1}", "1 2", "\"\t\"", "NaN", "-", "1."}) {
      assertThrows(YjsFormatException.class, () -> JsJson.parse(bad, 8), bad);
    }
  }
}
