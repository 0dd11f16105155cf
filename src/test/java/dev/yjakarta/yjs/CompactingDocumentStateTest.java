package dev.yjakarta.yjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.yjs.lib0.Lib0Encoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactingDocumentStateTest {

  private static List<byte[]> parts(Map<String, Object> v) {
    return ((List<?>) v.get("parts")).stream().map(h -> Hex.decode((String) h)).toList();
  }

  /** A one-character insert by {@code client} at {@code clock}, right after its previous one. */
  static byte[] keystroke(long client, long clock, String ch) {
    Lib0Encoder e = new Lib0Encoder();
    e.writeVarUint(1).writeVarUint(1).writeVarUint(client).writeVarUint(clock);
    if (clock == 0) {
      e.writeUint8(4).writeVarUint(1).writeVarString("text");
    } else {
      e.writeUint8(0x84).writeVarUint(client).writeVarUint(clock - 1);
    }
    e.writeVarString(ch);
    e.writeVarUint(0);
    return e.toByteArray();
  }

  /** An update with no structs that deletes {@code [clock, clock+len)} of {@code client}. */
  static byte[] deletion(long client, long clock, long len) {
    Lib0Encoder e = new Lib0Encoder();
    e.writeVarUint(0).writeVarUint(1).writeVarUint(client).writeVarUint(1);
    e.writeVarUint(clock).writeVarUint(len);
    return e.toByteArray();
  }

  @Test
  void encodesWhatMergingTheAppliedUpdatesGives() {
    for (Map<String, Object> v : YjsVectors.ofKind("doc")) {
      DocumentState state = DocumentStates.create(YjsLimits.DEFAULT);
      List<byte[]> parts = parts(v);
      for (byte[] p : parts) {
        state.apply(p);
      }
      assertEquals(v.get("merged"), Hex.encode(state.encode()), (String) v.get("name"));
    }
  }

  @Test
  void answersStateVectorDiffAndContainsLikeTheUpdateFunctionsAfterEveryApply() {
    for (Map<String, Object> v : YjsVectors.ofKind("doc")) {
      String name = (String) v.get("name");
      DocumentState state = DocumentStates.create(YjsLimits.DEFAULT);
      List<byte[]> parts = parts(v);
      for (byte[] p : parts) {
        state.apply(p);
        byte[] encoded = Updates.merge(List.of(state.encode(), Updates.EMPTY_UPDATE));
        assertArrayEquals(Updates.stateVector(encoded), state.stateVector(), name);
        for (byte[] q : parts) {
          assertEquals(Updates.contains(encoded, q), state.contains(q), name);
          byte[] sv = Updates.stateVector(q);
          assertArrayEquals(Updates.diff(encoded, sv), state.diff(sv), name);
        }
        assertArrayEquals(Updates.diff(encoded, Updates.EMPTY_STATE_VECTOR), state.diff(Updates.EMPTY_STATE_VECTOR), name);
      }
    }
  }

  @Test
  void applyReturnsFalseForAnUpdateItAlreadyHolds() {
    DocumentState state = DocumentStates.create(YjsLimits.DEFAULT);
    byte[] first = keystroke(7, 0, "a");
    assertTrue(state.apply(first));
    assertTrue(state.apply(keystroke(7, 1, "b")));
    assertFalse(state.apply(first));
    assertFalse(state.apply(Updates.EMPTY_UPDATE));
    assertTrue(state.apply(deletion(7, 0, 1)));
    assertFalse(state.apply(deletion(7, 0, 1)));
    assertTrue(state.contains(first));
  }

  @Test
  void rejectsAMalformedUpdateAndKeepsTheStateUnchanged() {
    DocumentState state = DocumentStates.create(YjsLimits.DEFAULT);
    state.apply(keystroke(7, 0, "a"));
    byte[] before = state.encode();
    byte[] sv = state.stateVector();
    byte[] good = keystroke(7, 1, "b");
    byte[] truncated = Arrays.copyOf(good, good.length - 2);
    assertThrows(YjsFormatException.class, () -> state.apply(truncated));
    assertArrayEquals(before, state.encode());
    assertArrayEquals(sv, state.stateVector());
  }

  @Test
  void compactsManyKeystrokesIntoTheSameBytesAsOneMerge() {
    DocumentState state = DocumentStates.create(YjsLimits.DEFAULT);
    List<byte[]> all = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      // every tenth keystroke is half an emoji: a lone surrogate, stored as U+FFFD
      byte[] typed = keystroke(9, i, i % 10 == 9 ? "\uD83D" : "x");
      all.add(typed);
      assertTrue(state.apply(typed));
      if (i % 100 == 0) {
        byte[] backspaces = deletion(9, i / 2, 3);
        all.add(backspaces);
        state.apply(backspaces);
      }
    }
    byte[] merged = Updates.merge(all);
    assertArrayEquals(merged, state.encode());
    assertArrayEquals(Updates.stateVector(merged), state.stateVector());
    assertEquals(merged.length, state.sizeInBytes());
  }

  @Test
  void startsFromAStoredState() {
    for (Map<String, Object> v : YjsVectors.ofKind("doc")) {
      byte[] stored = Hex.decode((String) v.get("stateAsUpdate"));
      DocumentState state = DocumentStates.of(stored, YjsLimits.DEFAULT);
      assertArrayEquals(stored, state.encode());
      assertEquals(v.get("svFromStateAsUpdate"), Hex.encode(state.stateVector()));
      for (byte[] p : parts(v)) {
        assertEquals(Updates.contains(stored, p), state.contains(p), (String) v.get("name"));
      }
    }
  }

  @Test
  void toleratesConcurrentAppliesAndEncodes() throws Exception {
    DocumentState state = DocumentStates.create(YjsLimits.DEFAULT);
    Thread writer =
        new Thread(
            () -> {
              for (int i = 0; i < 2000; i++) {
                state.apply(keystroke(3, i, "y"));
              }
            });
    writer.start();
    while (writer.isAlive()) {
      Updates.validate(state.encode(), YjsLimits.DEFAULT);
      state.diff(state.stateVector());
    }
    writer.join();
    assertEquals("0103d00f", Hex.encode(state.stateVector()));
  }

  @Test
  void appliesGoOnWhileEncodesMergeOutsideTheLockAndNothingIsLost() throws Exception {
    CompactingDocumentState state = new CompactingDocumentState(YjsLimits.DEFAULT, 4);
    int edits = 3000;
    List<byte[]> applied = new ArrayList<>();
    for (int i = 0; i < edits; i++) {
      applied.add(keystroke(7, i, "x"));
    }
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    Thread encoder = new Thread(() -> {
      try {
        long lastClock = 0;
        while (!done.get()) {
          byte[] encoded = state.encode();
          // every encode is a whole prefix of the edits, never less than an earlier one
          long clock = dev.yjakarta.yjs.update.StateVector.decode(Updates.stateVector(encoded)).getOrDefault(7L, 0L);
          assertTrue(clock >= lastClock, "the state went back from " + lastClock + " to " + clock);
          lastClock = clock;
          state.diff(Updates.EMPTY_STATE_VECTOR);
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    encoder.start();
    for (byte[] u : applied) {
      assertTrue(state.apply(u));
    }
    done.set(true);
    encoder.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    byte[] all = state.encode();
    assertEquals(Map.of(7L, (long) edits), dev.yjakarta.yjs.update.StateVector.decode(Updates.stateVector(all)));
    assertArrayEquals(Updates.merge(applied), all, "the same bytes as one merge of every update");
  }
}
