package dev.yjakarta.yjs;

/**
 * Bounds on what a decoder accepts, so hostile input fails fast instead of exhausting memory.
 *
 * @param maxUpdateBytes largest encoded update accepted
 * @param maxStructs most structs, delete ranges and nested {@code any}/JSON values in one update
 * @param maxNestingDepth deepest nesting of {@code any} values and JSON payloads
 */
public record YjsLimits(int maxUpdateBytes, int maxStructs, int maxNestingDepth) {
  public static final YjsLimits DEFAULT = new YjsLimits(64 << 20, 4_000_000, 64);

  public YjsLimits {
    if (maxUpdateBytes < 2) {
      throw new IllegalArgumentException("maxUpdateBytes must be at least 2, was " + maxUpdateBytes);
    }
    if (maxStructs < 1) {
      throw new IllegalArgumentException("maxStructs must be positive, was " + maxStructs);
    }
    if (maxNestingDepth < 1) {
      throw new IllegalArgumentException("maxNestingDepth must be positive, was " + maxNestingDepth);
    }
  }
}
