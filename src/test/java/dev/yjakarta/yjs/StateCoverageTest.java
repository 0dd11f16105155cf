package dev.yjakarta.yjs;

import static dev.yjakarta.yjs.CompactingDocumentStateTest.deletion;
import static dev.yjakarta.yjs.CompactingDocumentStateTest.keystroke;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.yjs.update.ClockRanges;
import dev.yjakarta.yjs.update.DeleteSet;
import dev.yjakarta.yjs.update.Skip;
import dev.yjakarta.yjs.update.UpdateReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StateCoverageTest {

  /** The coverage of {@code update} computed from its structs and delete set, independently. */
  static StateCoverage scanned(byte[] update) {
    ClockRanges units = new ClockRanges();
    ClockRanges deleted = new ClockRanges();
    DeleteSet ds = UpdateReader.scanV1(update, YjsLimits.DEFAULT, s -> {
      if (!(s instanceof Skip)) {
        units.add(s.client(), s.clock(), s.length());
        if (s.holdsDeletedUnits()) {
          deleted.add(s.client(), s.clock(), s.length());
        }
      }
    });
    for (Long c : ds.clients()) {
      for (long[] r : ds.ranges(c)) {
        deleted.add(c, r[0], r[1]);
      }
    }
    return StateCoverage.of(units, deleted);
  }

  @Test
  void describesExactlyTheEncodedStateAfterEveryApply() {
    for (Map<String, Object> v : YjsVectors.ofKind("doc")) {
      DocumentState state = DocumentStates.create(YjsLimits.DEFAULT);
      for (Object hex : (List<?>) v.get("parts")) {
        state.apply(Hex.decode((String) hex));
        DocumentState.EncodedState e = state.encodeWithCoverage();
        assertArrayEquals(scanned(e.update()).encoded(), e.coverage().encoded(), (String) v.get("name"));
        assertArrayEquals(e.coverage().encoded(),
            DocumentStates.of(e.update(), YjsLimits.DEFAULT).encodeWithCoverage().coverage().encoded(),
            "a document loaded from the bytes has the same coverage: " + v.get("name"));
      }
    }
  }

  @Test
  void holdsAnotherOnlyWithAllItsUnitsAndAllItsDeletions() {
    DocumentState two = DocumentStates.create(YjsLimits.DEFAULT);
    two.apply(keystroke(5, 0, "a"));
    two.apply(keystroke(5, 1, "b"));
    DocumentState three = DocumentStates.create(YjsLimits.DEFAULT);
    three.apply(keystroke(5, 0, "a"));
    three.apply(keystroke(5, 1, "b"));
    three.apply(keystroke(5, 2, "c"));
    DocumentState threeDeleting = DocumentStates.create(YjsLimits.DEFAULT);
    threeDeleting.apply(three.encode());
    threeDeleting.apply(deletion(5, 1, 1));
    StateCoverage c2 = two.encodeWithCoverage().coverage();
    StateCoverage c3 = three.encodeWithCoverage().coverage();
    StateCoverage c3d = threeDeleting.encodeWithCoverage().coverage();

    assertTrue(c3.holdsAllOf(c2));
    assertFalse(c2.holdsAllOf(c3), "a unit is missing");
    assertTrue(c3d.holdsAllOf(c3));
    assertFalse(c3.holdsAllOf(c3d), "a deletion is missing");
    assertTrue(c3d.holdsAllOf(c3d));
  }

  @Test
  void survivesItsEncodingAndRejectsDamagedBytes() {
    DocumentState state = DocumentStates.create(YjsLimits.DEFAULT);
    for (int i = 0; i < 50; i++) {
      state.apply(keystroke(9, i, "x"));
      state.apply(keystroke(4_000_000_000L, i, "y"));
    }
    state.apply(deletion(9, 3, 4));
    state.apply(deletion(9, 20, 1));
    StateCoverage c = state.encodeWithCoverage().coverage();
    StateCoverage read = StateCoverage.fromEncoded(c.encoded());
    assertTrue(read.holdsAllOf(c) && c.holdsAllOf(read));
    assertArrayEquals(c.encoded(), read.encoded());

    byte[] bytes = c.encoded();
    assertThrows(YjsFormatException.class, () -> StateCoverage.fromEncoded(new byte[0]));
    assertThrows(YjsFormatException.class, () -> StateCoverage.fromEncoded(new byte[] {2, 0, 0}), "unknown format");
    assertThrows(YjsFormatException.class,
        () -> StateCoverage.fromEncoded(java.util.Arrays.copyOf(bytes, bytes.length - 1)), "truncated");
    assertThrows(YjsFormatException.class,
        () -> StateCoverage.fromEncoded(java.util.Arrays.copyOf(bytes, bytes.length + 1)), "trailing byte");
  }

  @Test
  void matchesTheEncodedBytesWhileAppliesRunConcurrently() throws Exception {
    CompactingDocumentState state = new CompactingDocumentState(YjsLimits.DEFAULT, 4);
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread storer = new Thread(() -> {
      try {
        while (!done.get()) {
          DocumentState.EncodedState e = state.encodeWithCoverage();
          assertArrayEquals(scanned(e.update()).encoded(), e.coverage().encoded());
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    storer.start();
    for (int i = 0; i < 3000; i++) {
      state.apply(keystroke(7, i, "x"));
      if (i % 100 == 99) {
        state.apply(deletion(7, i - 50, 10));
      }
    }
    done.set(true);
    storer.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }
}
