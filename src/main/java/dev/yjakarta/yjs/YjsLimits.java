package dev.yjakarta.yjs;

/**
 * Bounds on what a decoder accepts, so hostile input fails fast instead of exhausting memory.
 *
 * @param maxUpdateBytes largest encoded update accepted
 * @param maxStructs most structs (and delete ranges) in one update
 * @param maxNestingDepth deepest nesting of {@code any} values
 */
public record YjsLimits(int maxUpdateBytes, int maxStructs, int maxNestingDepth) {
  public static final YjsLimits DEFAULT = new YjsLimits(64 << 20, 4_000_000, 64);
}
