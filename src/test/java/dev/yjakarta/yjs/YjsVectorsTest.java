package dev.yjakarta.yjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.yjs.lib0.Any;
import dev.yjakarta.yjs.lib0.Lib0Decoder;
import dev.yjakarta.yjs.lib0.Lib0Encoder;
import dev.yjakarta.yjs.lib0.Utf16;
import dev.yjakarta.yjs.update.ClientStructs;
import dev.yjakarta.yjs.update.Content;
import dev.yjakarta.yjs.update.DecodedUpdate;
import dev.yjakarta.yjs.update.Gc;
import dev.yjakarta.yjs.update.Id;
import dev.yjakarta.yjs.update.Item;
import dev.yjakarta.yjs.update.JsJson;
import dev.yjakarta.yjs.update.Skip;
import dev.yjakarta.yjs.update.Struct;
import dev.yjakarta.yjs.update.StructWriter;
import dev.yjakarta.yjs.update.UpdateReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Checks the Java core against every golden vector made by real yjs 13.6.33. */
class YjsVectorsTest {

  @TestFactory
  Stream<DynamicTest> lib0PrimitivesEncodeAndDecodeLikeLib0() {
    return YjsVectors.ofKind("lib0").stream()
        .map(v -> DynamicTest.dynamicTest(v.get("type") + " " + v.get("hex"), () -> checkLib0(v)));
  }

  private static void checkLib0(Map<String, Object> v) {
    String type = (String) v.get("type");
    byte[] hex = Hex.decode((String) v.get("hex"));
    Object value = YjsVectors.toAny(v.get("value"));
    Lib0Encoder e = new Lib0Encoder();
    Lib0Decoder d = new Lib0Decoder(hex);
    switch (type) {
      case "varUint" -> {
        long n = (long) (double) (Double) value;
        e.writeVarUint(n);
        assertEquals(n, d.readVarUint());
      }
      case "varInt" -> {
        double x = (Double) value;
        boolean negative = x < 0 || 1 / x < 0;
        e.writeVarInt(negative, (long) Math.abs(x));
        long read = d.readVarIntSigned();
        assertEquals((long) x, read);
        assertEquals(negative, d.lastWasNegative());
      }
      case "varString" -> {
        e.writeVarString((String) value);
        assertEquals(Utf16.wellFormed((String) value), d.readVarString());
      }
      case "varUint8Array" -> {
        e.writeVarUint8Array((byte[]) value);
        assertArrayEquals((byte[]) value, d.readVarUint8Array());
      }
      case "any" -> {
        Any.write(e, value);
        Object read = Any.read(d, 64);
        assertTrue(Any.equal(value, read), () -> "decoded " + read + " expected " + value);
      }
      default -> throw new AssertionError("unknown lib0 vector type " + type);
    }
    assertEquals(Hex.encode(hex), Hex.encode(e.toByteArray()));
    assertFalse(d.hasContent());
  }

  @TestFactory
  Stream<DynamicTest> documentScenariosMatchYjsByteForByte() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Map<String, Object> v : YjsVectors.ofKind("doc")) {
      String name = (String) v.get("name");
      tests.add(DynamicTest.dynamicTest(name + ": merge", () -> checkMerge(v)));
      tests.add(DynamicTest.dynamicTest(name + ": state vector", () -> checkStateVector(v)));
      tests.add(DynamicTest.dynamicTest(name + ": diff", () -> checkDiffs(v)));
      tests.add(DynamicTest.dynamicTest(name + ": round trip", () -> checkRoundTrips(v)));
      tests.add(DynamicTest.dynamicTest(name + ": decoded structs", () -> checkDecoded(v)));
      tests.add(DynamicTest.dynamicTest(name + ": V2", () -> checkV2(v)));
      tests.add(DynamicTest.dynamicTest(name + ": contains", () -> checkContains(v)));
    }
    return tests.stream();
  }

  private static List<byte[]> parts(Map<String, Object> v) {
    return ((List<?>) v.get("parts")).stream().map(h -> Hex.decode((String) h)).toList();
  }

  private static byte[] bytes(Map<String, Object> v, String key) {
    return Hex.decode((String) v.get(key));
  }

  private static void checkMerge(Map<String, Object> v) {
    assertEquals(v.get("merged"), Hex.encode(Updates.merge(parts(v))));
  }

  private static void checkStateVector(Map<String, Object> v) {
    assertEquals(v.get("svFromMerged"), Hex.encode(Updates.stateVector(bytes(v, "merged"))));
    assertEquals(
        v.get("svFromStateAsUpdate"), Hex.encode(Updates.stateVector(bytes(v, "stateAsUpdate"))));
  }

  @SuppressWarnings("unchecked")
  private static void checkDiffs(Map<String, Object> v) {
    byte[] merged = bytes(v, "merged");
    for (Object o : (List<?>) v.get("diffs")) {
      Map<String, Object> d = (Map<String, Object>) o;
      byte[] diff = Updates.diff(merged, Hex.decode((String) d.get("sv")));
      assertEquals(d.get("diff"), Hex.encode(diff), "diff against " + d.get("sv"));
      assertEquals(d.get("svFromDiff"), Hex.encode(Updates.stateVector(diff)));
    }
  }

  private static byte[] reencode(byte[] update) {
    DecodedUpdate d = UpdateReader.readV1(update, YjsLimits.DEFAULT);
    return StructWriter.encodeV1(d.groups(), d.deleteSet());
  }

  private static void checkRoundTrips(Map<String, Object> v) {
    byte[] merged = bytes(v, "merged");
    assertEquals(Hex.encode(merged), Hex.encode(reencode(merged)));
    // A Y.Doc writes the parentSub flag (0x20) also on items with an origin; decoding drops the
    // parentSub there (yjs does the same), so the only difference allowed is that flag.
    for (byte[] part : parts(v)) {
      assertEquals(Hex.encode(withoutParentSubFlag(part)), Hex.encode(reencode(part)));
    }
    byte[] state = bytes(v, "stateAsUpdate");
    assertEquals(Hex.encode(withoutParentSubFlag(state)), Hex.encode(reencode(state)));
  }

  /** The update as yjs re-encodes it: merging it with nothing normalises the flag. */
  private static byte[] withoutParentSubFlag(byte[] update) {
    return Updates.merge(List.of(update, Updates.EMPTY_UPDATE));
  }

  @SuppressWarnings("unchecked")
  private static void checkDecoded(Map<String, Object> v) {
    DecodedUpdate d = UpdateReader.readV1(bytes(v, "merged"), YjsLimits.DEFAULT);
    Map<String, Object> dump = (Map<String, Object>) v.get("decodedMerged");
    List<?> expected = (List<?>) dump.get("structs");
    List<Struct> actual = new ArrayList<>();
    for (ClientStructs g : d.groups()) {
      actual.addAll(g.structs());
    }
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertStruct((Map<String, Object>) expected.get(i), actual.get(i));
    }
    Map<String, Object> ds = (Map<String, Object>) dump.get("ds");
    assertEquals(ds.size(), d.deleteSet().clientCount());
    for (Map.Entry<String, Object> e : ds.entrySet()) {
      List<long[]> ranges = d.deleteSet().ranges(Long.parseLong(e.getKey()));
      List<?> exp = (List<?>) e.getValue();
      assertEquals(exp.size(), ranges.size());
      for (int i = 0; i < exp.size(); i++) {
        List<?> r = (List<?>) exp.get(i);
        assertEquals(((Double) r.get(0)).longValue(), ranges.get(i)[0]);
        assertEquals(((Double) r.get(1)).longValue(), ranges.get(i)[1]);
      }
    }
  }

  private static String id(Id id) {
    return id == null ? null : id.toString();
  }

  @SuppressWarnings("unchecked")
  static void assertStruct(Map<String, Object> exp, Struct s) {
    String where = String.valueOf(exp.get("id"));
    assertEquals(exp.get("id"), s.client() + ":" + s.clock(), where);
    assertEquals(((Double) exp.get("len")).longValue(), s.length(), where);
    switch ((String) exp.get("kind")) {
      case "GC" -> assertTrue(s instanceof Gc, where);
      case "Skip" -> assertTrue(s instanceof Skip, where);
      case "Item" -> {
        Item it = (Item) s;
        assertEquals(exp.get("origin"), id(it.origin()), where);
        assertEquals(exp.get("rightOrigin"), id(it.rightOrigin()), where);
        Map<String, Object> parent = (Map<String, Object>) exp.get("parent");
        if (parent == null) {
          assertTrue(it.parentRoot() == null && it.parentId() == null, where);
        } else if (parent.containsKey("root")) {
          assertEquals(parent.get("root"), it.parentRoot(), where);
        } else {
          assertEquals(parent.get("id"), id(it.parentId()), where);
        }
        assertEquals(exp.get("parentSub"), it.parentSub(), where);
        assertContent((Map<String, Object>) exp.get("content"), it.content(), where);
      }
      default -> throw new AssertionError(exp.get("kind"));
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertContent(Map<String, Object> exp, Content c, String where) {
    assertEquals(((Double) exp.get("ref")).intValue(), c.ref(), where);
    if (c instanceof Content.Deleted del) {
      assertEquals(((Double) exp.get("len")).longValue(), del.length());
    } else if (c instanceof Content.Json json) {
      List<?> arr = (List<?>) exp.get("arr");
      assertEquals(arr.size(), json.values().size(), where);
      for (int i = 0; i < arr.size(); i++) {
        Object e = YjsVectors.toAny(arr.get(i));
        String text = json.values().get(i);
        Object actual = "undefined".equals(text) ? Any.UNDEFINED : JsJson.parse(text, 64);
        assertTrue(Any.equal(e, actual), where + ": " + text);
      }
    } else if (c instanceof Content.Binary b) {
      assertEquals(exp.get("bytes"), Hex.encode(b.bytes()), where);
    } else if (c instanceof Content.Str str) {
      assertEquals(exp.get("str"), str.value(), where);
      assertEquals(((Double) exp.get("utf16len")).longValue(), str.length(), where);
    } else if (c instanceof Content.Embed em) {
      assertJson(exp.get("embed"), em.json(), where);
    } else if (c instanceof Content.Format f) {
      assertEquals(exp.get("key"), f.key(), where);
      assertJson(exp.get("value"), f.json(), where);
    } else if (c instanceof Content.Type t) {
      assertEquals(((Double) exp.get("typeRef")).intValue(), t.typeRef(), where);
      Object name = exp.containsKey("nodeName") ? exp.get("nodeName") : exp.get("hookName");
      assertEquals(name, t.name(), where);
    } else if (c instanceof Content.AnyValues any) {
      Object e = YjsVectors.toAny(exp.get("arr"));
      assertTrue(Any.equal(e, any.values()), where + ": " + any.values());
    } else if (c instanceof Content.Doc doc) {
      assertEquals(exp.get("guid"), doc.guid(), where);
      assertTrue(Any.equal(YjsVectors.toAny(exp.get("opts")), doc.opts()), where);
    }
  }

  private static void assertJson(Object expectedPlain, String json, String where) {
    Object e = YjsVectors.toAny(expectedPlain);
    assertTrue(Any.equal(e, JsJson.parse(json, 64)), where + ": " + json);
  }

  private static void checkV2(Map<String, Object> v) {
    // V1 -> V2 -> V1 through yjs's converter keeps a canonical update byte for byte
    assertEquals(v.get("merged"), Hex.encode(Updates.v2ToV1(bytes(v, "mergedV2"))));
    // a Y.Doc's V2 state is the same document as its V1 state, modulo the parentSub flag
    byte[] fromV2 = Updates.v2ToV1(bytes(v, "stateAsUpdateV2"));
    assertEquals(
        Hex.encode(withoutParentSubFlag(bytes(v, "stateAsUpdate"))), Hex.encode(fromV2));
    assertEquals(v.get("svFromStateAsUpdate"), Hex.encode(Updates.stateVector(fromV2)));
  }

  private static void checkContains(Map<String, Object> v) {
    byte[] merged = bytes(v, "merged");
    byte[] state = bytes(v, "stateAsUpdate");
    boolean pending = (Boolean) v.get("hasPending");
    for (byte[] part : parts(v)) {
      if (!pending) {
        assertTrue(Updates.contains(merged, part), "merged contains every part");
        assertTrue(Updates.contains(state, part), "the Y.Doc state contains every part");
      }
    }
    byte[] first = parts(v).get(0);
    assertTrue(Updates.contains(first, first), "the first part contains itself");
    assertTrue(Updates.contains(merged, Updates.EMPTY_UPDATE));
    assertFalse(Updates.contains(Updates.EMPTY_UPDATE, merged));
  }
}
