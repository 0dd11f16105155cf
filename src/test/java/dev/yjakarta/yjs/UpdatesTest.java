package dev.yjakarta.yjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdatesTest {
  private static Map<String, Object> vector(String name) {
    return YjsVectors.ofKind("doc").stream().filter(v -> name.equals(v.get("name"))).findFirst().orElseThrow();
  }

  @Test
  void convertsAV2UpdateToTheV1UpdateYjsWrites() {
    Map<String, Object> v = vector("xml-prosemirror");
    assertEquals(v.get("merged"), Hex.encode(Updates.v2ToV1(Hex.decode((String) v.get("mergedV2")))));
  }

  @Test
  void rejectsATruncatedV2Update() {
    byte[] v2 = Hex.decode((String) vector("text-format").get("mergedV2"));
    for (int cut = 0; cut < v2.length; cut += 7) {
      byte[] shorter = java.util.Arrays.copyOf(v2, cut);
      assertThrows(YjsFormatException.class, () -> Updates.v2ToV1(shorter), "cut at " + cut);
    }
  }

  @Test
  void validatesAgainstTheGivenLimits() {
    byte[] merged = Hex.decode((String) vector("typing").get("merged"));
    Updates.validate(merged, YjsLimits.DEFAULT);
    assertThrows(YjsFormatException.class, () -> Updates.validate(merged, new YjsLimits(100, 1000, 8)));
  }

  @Test
  void diffAgainstTheEmptyStateVectorOfAMergedUpdateIsTheUpdate() {
    byte[] merged = Hex.decode((String) vector("concurrent-3").get("merged"));
    assertArrayEquals(merged, Updates.diff(merged, Updates.EMPTY_STATE_VECTOR));
  }

  @Test
  void theEmptyUpdateHasTheEmptyStateVector() {
    assertArrayEquals(Updates.EMPTY_STATE_VECTOR, Updates.stateVector(Updates.EMPTY_UPDATE));
    assertTrue(Updates.contains(Updates.EMPTY_UPDATE, Updates.EMPTY_UPDATE));
    assertArrayEquals(Updates.EMPTY_UPDATE, Updates.merge(List.of(Updates.EMPTY_UPDATE, Updates.EMPTY_UPDATE)));
  }

  @Test
  void rejectsANullUpdate() {
    assertThrows(YjsFormatException.class, () -> Updates.stateVector(null));
  }

  @Test
  void unionForStoreAnswersLikeContainsBothWaysAndMerge() {
    int pairs = 0;
    int kinds = 0;
    boolean sawNull = false;
    boolean sawOurs = false;
    boolean sawMerge = false;
    boolean sawSame = false;
    for (Map<String, Object> v : YjsVectors.ofKind("doc")) {
      List<byte[]> parts = ((List<?>) v.get("parts")).stream().map(h -> Hex.decode((String) h)).toList();
      // prefixes of the history, their merges, and the single parts: stored and ours of every kind
      List<byte[]> states = new java.util.ArrayList<>(parts);
      for (int i = 2; i <= parts.size(); i++) {
        states.add(Updates.merge(parts.subList(0, i)));
      }
      for (byte[] stored : states) {
        for (byte[] ours : states) {
          Updates.StoreUnion union = Updates.unionForStore(stored, ours);
          String name = v.get("name") + " pair " + pairs++;
          if (java.util.Arrays.equals(stored, ours) || Updates.contains(stored, ours)) {
            // equal bytes: nothing to write, even for a part a Y.Doc would keep pending
            assertEquals(null, union.write(), name);
            if (union.rowState() == ours) {
              // "the row adds nothing" must be true both ways
              assertTrue(java.util.Arrays.equals(stored, ours) || Updates.contains(ours, stored), name + ": same content");
              sawSame = true;
            } else {
              assertTrue(union.rowState() == stored, name + ": the row's state");
            }
            sawNull = true;
          } else if (Updates.contains(ours, stored)) {
            assertTrue(union.write() == ours && union.rowState() == ours, name + ": ours itself");
            sawOurs = true;
          } else {
            assertArrayEquals(Updates.merge(List.of(stored, ours)), union.write(), name);
            assertTrue(union.rowState() == union.write(), name + ": the merge is what the row holds");
            sawMerge = true;
          }
        }
      }
      kinds++;
    }
    assertTrue(kinds > 3 && sawNull && sawSame && sawOurs && sawMerge, "every answer was exercised over " + pairs + " pairs");
  }
}
