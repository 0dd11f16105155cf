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
}
