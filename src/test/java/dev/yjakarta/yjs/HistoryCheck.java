package dev.yjakarta.yjs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compares the Java answers for one fuzz history with yjs's. */
final class HistoryCheck {
  private HistoryCheck() {}

  static List<byte[]> parts(Map<String, Object> h) {
    return ((List<?>) h.get("parts")).stream().map(x -> Hex.decode((String) x)).toList();
  }

  private static byte[] hex(Map<String, Object> m, String key) {
    return Hex.decode((String) m.get(key));
  }

  @SuppressWarnings("unchecked")
  static List<String> check(Map<String, Object> h) {
    List<String> problems = new ArrayList<>();
    List<byte[]> parts = parts(h);
    byte[] merged = hex(h, "merged");
    try {
      expect(problems, "merge", h.get("merged"), Hex.encode(Updates.merge(parts)));
      expect(problems, "stateVector", h.get("sv"), Hex.encode(Updates.stateVector(merged)));
      for (Object o : (List<?>) h.get("diffs")) {
        Map<String, Object> d = (Map<String, Object>) o;
        expect(problems, "diff sv=" + d.get("sv"), d.get("diff"),
            Hex.encode(Updates.diff(merged, hex(d, "sv"))));
      }
      for (Object o : (List<?>) h.get("contains")) {
        Map<String, Object> c = (Map<String, Object>) o;
        boolean actual = Updates.contains(hex(c, "state"), hex(c, "update"));
        expect(problems, "contains state=" + c.get("state") + " update=" + c.get("update"),
            c.get("result"), actual);
      }
      expect(problems, "v2ToV1(mergedV2)", h.get("merged"), Hex.encode(Updates.v2ToV1(hex(h, "mergedV2"))));
      expect(problems, "v2ToV1(docStateV2)", h.get("docStateV1FromV2"),
          Hex.encode(Updates.v2ToV1(hex(h, "docStateV2"))));
      checkDocumentState(problems, h, parts);
    } catch (RuntimeException e) {
      problems.add("exception " + e);
    }
    return problems;
  }

  @SuppressWarnings("unchecked")
  private static void checkDocumentState(List<String> problems, Map<String, Object> h, List<byte[]> parts) {
    checkDocumentState(problems, h, parts, DocumentStates.create(YjsLimits.DEFAULT), "");
    // compacting after nearly every update exercises the batched merges
    checkDocumentState(problems, h, parts, new CompactingDocumentState(YjsLimits.DEFAULT, 1), " (compacting)");
  }

  @SuppressWarnings("unchecked")
  private static void checkDocumentState(
      List<String> problems, Map<String, Object> h, List<byte[]> parts, DocumentState state, String variant) {
    for (byte[] p : parts) {
      state.apply(p);
    }
    expect(problems, "DocumentState.stateVector" + variant, h.get("sv"), Hex.encode(state.stateVector()));
    byte[] encoded = state.encode();
    expect(problems, "stateVector(DocumentState.encode())" + variant, h.get("sv"), Hex.encode(Updates.stateVector(encoded)));
    for (Object o : (List<?>) h.get("contains")) {
      Map<String, Object> c = (Map<String, Object>) o;
      if (c.get("state").equals(h.get("merged"))) {
        byte[] u = hex(c, "update");
        expect(problems, "DocumentState.contains" + variant + " update=" + c.get("update"), c.get("result"), state.contains(u));
      }
    }
    for (Object o : (List<?>) h.get("diffs")) {
      byte[] sv = hex((Map<String, Object>) o, "sv");
      expect(problems, "DocumentState.diff" + variant, Hex.encode(Updates.diff(encoded, sv)), Hex.encode(state.diff(sv)));
    }
  }

  private static void expect(List<String> problems, String what, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      problems.add(what + ": yjs=" + expected + " java=" + actual);
    }
  }
}
