package dev.yjakarta.yjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.yjakarta.yjs.lib0.Lib0Encoder;
import dev.yjakarta.yjs.update.DecodedUpdate;
import dev.yjakarta.yjs.update.UpdateReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated and random updates: each is rejected with {@link YjsFormatException} or accepted; an
 * accepted one must work everywhere (merge, state vector, diff, DocumentState) and give the same
 * bytes as real yjs. Nothing may throw anything else, hang, or run out of memory.
 */
class HostileInputTest {
  private static final int INPUTS = Integer.getInteger("yjs.hostile.inputs", 12_000);
  private static final Duration HANG_GUARD = Duration.ofSeconds(2);
  private static final YjsLimits LIMITS = new YjsLimits(1 << 20, 100_000, 32);

  private static List<byte[]> seeds() {
    List<byte[]> out = new ArrayList<>();
    for (Map<String, Object> v : YjsVectors.ofKind("doc")) {
      out.add(Hex.decode((String) v.get("merged")));
      out.add(Hex.decode((String) v.get("stateAsUpdate")));
      for (Object p : (List<?>) v.get("parts")) {
        out.add(Hex.decode((String) p));
      }
    }
    return out;
  }

  static byte[] mutate(byte[] in, Random r) {
    byte[] b = in.clone();
    switch (r.nextInt(8)) {
      case 0 -> { // bit flips
        for (int i = 0, n = 1 + r.nextInt(3); i < n && b.length > 0; i++) {
          b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
      }
      case 1 -> { // truncation
        return Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length));
      }
      case 2 -> { // insertion of random bytes
        int at = r.nextInt(b.length + 1);
        byte[] ins = new byte[1 + r.nextInt(4)];
        r.nextBytes(ins);
        byte[] out = new byte[b.length + ins.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(ins, 0, out, at, ins.length);
        System.arraycopy(b, at, out, at + ins.length, b.length - at);
        return out;
      }
      case 3 -> { // bump a small number (a length or count) by a little or a lot
        if (b.length > 0) {
          int at = r.nextInt(b.length);
          b[at] = (byte) ((b[at] & 0x7f) + (r.nextBoolean() ? 1 : 0x40));
        }
        return b;
      }
      case 4 -> { // a byte becomes a continuation byte: var-ints run long
        if (b.length > 0) {
          b[r.nextInt(b.length)] |= (byte) 0x80;
        }
        return b;
      }
      case 5 -> { // delete a range
        if (b.length < 2) {
          return b;
        }
        int from = r.nextInt(b.length);
        int to = Math.min(b.length, from + 1 + r.nextInt(4));
        byte[] out = new byte[b.length - (to - from)];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(b, to, out, from, b.length - to);
        return out;
      }
      case 6 -> { // set a byte to an extreme value
        if (b.length > 0) {
          b[r.nextInt(b.length)] = (byte) (r.nextBoolean() ? 0xff : 0x00);
        }
        return b;
      }
      default -> { // random bytes, sometimes with a plausible header
        byte[] out = new byte[r.nextInt(40)];
        r.nextBytes(out);
        if (out.length > 2 && r.nextBoolean()) {
          out[0] = 1;
          out[1] = (byte) r.nextInt(4);
        }
        return out;
      }
    }
  }

  @Test
  void mutatedAndRandomUpdatesAreRejectedOrHandledLikeYjs() {
    List<byte[]> seeds = seeds();
    Random r = new Random(20261127L);
    List<byte[]> accepted = new ArrayList<>();
    int rejected = 0;
    for (int i = 0; i < INPUTS; i++) {
      byte[] seed = seeds.get(r.nextInt(seeds.size()));
      byte[] input = mutate(seed, r);
      if (r.nextInt(4) == 0) {
        input = mutate(input, r);
      }
      byte[] x = input;
      byte[] other = seeds.get(r.nextInt(seeds.size()));
      boolean ok =
          assertTimeoutPreemptively(
              HANG_GUARD, () -> exercise(x, other), () -> "hang on " + Hex.encode(x));
      if (ok) {
        accepted.add(x);
      } else {
        rejected++;
      }
    }
    System.out.printf("hostile inputs: %d, rejected %d, accepted %d%n", INPUTS, rejected, accepted.size());
    assertTrue(rejected > INPUTS / 10, "most mutations should be caught, rejected " + rejected);
    assertTrue(accepted.size() > INPUTS / 20, "some mutations stay valid, accepted " + accepted.size());
    compareWithYjs(accepted.subList(0, Math.min(accepted.size(), 1500)), seeds);
  }

  /** Returns false if rejected; throws an assertion error on anything but a clean rejection. */
  private static boolean exercise(byte[] x, byte[] other) {
    DecodedUpdate d;
    try {
      d = UpdateReader.readV1(x, LIMITS);
    } catch (YjsFormatException e) {
      return false;
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new AssertionError("unexpected " + e + " for " + Hex.encode(x), e);
    }
    try {
      Updates.merge(List.of(x, other), LIMITS);
      byte[] sv = Updates.stateVector(x);
      Updates.diff(x, sv);
      Updates.diff(x, Updates.EMPTY_STATE_VECTOR);
      Updates.contains(other, x);
      DocumentState state = DocumentStates.of(other, LIMITS);
      byte[] before = state.encode();
      boolean changed = state.apply(x);
      assertFalse(state.apply(x), "applying the same update twice changes nothing");
      byte[] encoded = state.encode();
      assertArrayEquals(Updates.stateVector(encoded), state.stateVector());
      assertTrue(changed || Arrays.equals(before, encoded), "an apply reported as no-op changed the state");
      Updates.validate(encoded, YjsLimits.DEFAULT);
      assertTrue(d.structCount() >= 0);
      return true;
    } catch (YjsFormatException e) {
      throw new AssertionError("accepted by the decoder, then rejected: " + e + " for " + Hex.encode(x), e);
    }
  }

  /** Accepted inputs must give yjs's bytes (canonical ones; others are normalised on purpose). */
  private static void compareWithYjs(List<byte[]> accepted, List<byte[]> seeds) {
    List<String> problems = new ArrayList<>();
    int compared = 0;
    try (YjsOracle oracle = YjsOracle.start()) {
      Random r = new Random(7);
      for (byte[] x : accepted) {
        if (!UpdateReader.readV1(x, LIMITS).canonical()) {
          continue;
        }
        byte[] other = seeds.get(r.nextInt(seeds.size()));
        if (!UpdateReader.readV1(other, LIMITS).canonical()) {
          continue;
        }
        compared++;
        byte[] yMerge = oracle.merge(List.of(x, other));
        if (yMerge == null) {
          problems.add("yjs rejects merge, java accepts: " + Hex.encode(x) + " + " + Hex.encode(other));
        } else if (!Arrays.equals(yMerge, Updates.merge(List.of(x, other)))) {
          problems.add("merge differs for " + Hex.encode(x) + " + " + Hex.encode(other));
        }
        byte[] ySv = oracle.stateVector(x);
        if (ySv == null || !Arrays.equals(ySv, Updates.stateVector(x))) {
          problems.add("state vector differs for " + Hex.encode(x));
        }
        byte[] sv = Updates.stateVector(other);
        byte[] yDiff = oracle.diff(x, sv);
        if (yDiff == null || !Arrays.equals(yDiff, Updates.diff(x, sv))) {
          problems.add("diff differs for " + Hex.encode(x) + " sv " + Hex.encode(sv));
        }
        Boolean yContains = oracle.contains(other, x);
        if (yContains == null || yContains != Updates.contains(other, x)) {
          problems.add("contains differs for state " + Hex.encode(other) + " update " + Hex.encode(x));
        }
        if (problems.size() > 10) {
          break;
        }
      }
    }
    if (!problems.isEmpty()) {
      fail(problems.size() + " differences from yjs (of " + compared + " compared):\n" + String.join("\n", problems));
    }
    System.out.printf("accepted inputs compared with yjs: %d%n", compared);
    assertTrue(compared > 100, "compared only " + compared);
  }

  @Test
  void mutatedV2UpdatesAreRejectedOrConvertedLikeYjs() {
    List<byte[]> seeds = new ArrayList<>();
    for (Map<String, Object> v : YjsVectors.ofKind("doc")) {
      seeds.add(Hex.decode((String) v.get("mergedV2")));
      seeds.add(Hex.decode((String) v.get("stateAsUpdateV2")));
    }
    Random r = new Random(42);
    List<String> problems = new ArrayList<>();
    int accepted = 0;
    try (YjsOracle oracle = YjsOracle.start()) {
      for (int i = 0; i < INPUTS / 4 && problems.size() < 10; i++) {
        byte[] x = mutate(seeds.get(r.nextInt(seeds.size())), r);
        byte[] v1 =
            assertTimeoutPreemptively(
                HANG_GUARD,
                () -> {
                  try {
                    return Updates.v2ToV1(x, LIMITS);
                  } catch (YjsFormatException e) {
                    return null;
                  }
                },
                () -> "hang on " + Hex.encode(x));
        if (v1 == null) {
          continue;
        }
        accepted++;
        Updates.validate(v1, YjsLimits.DEFAULT);
        Map<String, Object> yjs = oracle.ask("{\"op\":\"v2ToV1\",\"update\":\"" + Hex.encode(x) + "\"}");
        if (yjs.containsKey("error") || !Hex.encode(v1).equals(yjs.get("result"))) {
          problems.add("v2ToV1 differs for " + Hex.encode(x) + ": yjs " + yjs + " java " + Hex.encode(v1));
        }
      }
    }
    System.out.printf("mutated V2 updates accepted and compared with yjs: %d%n", accepted);
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems));
    }
    assertTrue(accepted > 50, "accepted only " + accepted);
  }

  @Test
  void rejectsAStructCountOfTwoToTheFortyWithoutAllocating() {
    Lib0Encoder e = new Lib0Encoder();
    e.writeVarUint(1).writeVarUint(1L << 40).writeVarUint(1).writeVarUint(0);
    e.writeUint8(0).writeVarUint(1);
    byte[] u = e.toByteArray();
    assertThrows(YjsFormatException.class, () -> Updates.validate(u, YjsLimits.DEFAULT));
    assertThrows(YjsFormatException.class, () -> Updates.merge(List.of(u, u)));
  }

  @Test
  void rejectsDeeplyNestedAnyValuesWithoutOverflowingTheStack() {
    Lib0Encoder e = new Lib0Encoder();
    e.writeVarUint(1).writeVarUint(1).writeVarUint(1).writeVarUint(0);
    e.writeUint8(8).writeVarUint(1).writeVarString("map"); // ContentAny under root "map"
    e.writeVarUint(1);
    for (int i = 0; i < 100_000; i++) {
      e.writeUint8(117).writeVarUint(1); // [[[[...
    }
    e.writeUint8(126);
    e.writeVarUint(0);
    byte[] u = e.toByteArray();
    assertThrows(YjsFormatException.class, () -> Updates.validate(u, YjsLimits.DEFAULT));
  }

  @Test
  void rejectsDeeplyNestedJsonWithoutOverflowingTheStack() {
    Lib0Encoder e = new Lib0Encoder();
    e.writeVarUint(1).writeVarUint(1).writeVarUint(1).writeVarUint(0);
    e.writeUint8(5).writeVarUint(1).writeVarString("text"); // ContentEmbed
    e.writeVarString("[".repeat(100_000) + "]".repeat(100_000));
    e.writeVarUint(0);
    byte[] u = e.toByteArray();
    assertThrows(YjsFormatException.class, () -> Updates.validate(u, YjsLimits.DEFAULT));
  }

  @Test
  void countsNestedAnyValuesAgainstTheStructLimit() {
    Lib0Encoder e = new Lib0Encoder();
    e.writeVarUint(1).writeVarUint(1).writeVarUint(1).writeVarUint(0);
    e.writeUint8(8).writeVarUint(1).writeVarString("map");
    e.writeVarUint(1).writeUint8(117).writeVarUint(50_000); // one array of 50,000 nulls
    for (int i = 0; i < 50_000; i++) {
      e.writeUint8(126);
    }
    e.writeVarUint(0);
    byte[] u = e.toByteArray();
    Updates.validate(u, YjsLimits.DEFAULT);
    assertThrows(YjsFormatException.class, () -> Updates.validate(u, new YjsLimits(1 << 20, 10_000, 8)));
  }

  @Test
  void rejectsAnUpdateLargerThanTheLimit() {
    byte[] big = new byte[2048];
    assertThrows(YjsFormatException.class, () -> Updates.validate(big, new YjsLimits(1024, 10, 10)));
  }

  @Test
  void rejectsALengthPastTheEnd() {
    Lib0Encoder e = new Lib0Encoder();
    e.writeVarUint(1).writeVarUint(1).writeVarUint(1).writeVarUint(0);
    e.writeUint8(4).writeVarUint(1).writeVarString("text");
    e.writeVarUint(1L << 40); // string length far past the end
    byte[] u = e.toByteArray();
    assertThrows(YjsFormatException.class, () -> Updates.validate(u, YjsLimits.DEFAULT));
  }
}
