package dev.yjakarta.yjs.update;

/**
 * One struct of an update: it covers the clock range {@code [clock, clock + length)} of its
 * client. Structs are immutable; slicing makes new ones.
 */
public sealed interface Struct permits Gc, Skip, Item {
  long client();

  long clock();

  long length();

  /** The first clock after this struct. */
  default long end() {
    return clock() + length();
  }

  /** Writes the struct, starting {@code offset} units into it (yjs's {@code write(encoder, offset)}). */
  void write(UpdateEncoder encoder, long offset);
}
