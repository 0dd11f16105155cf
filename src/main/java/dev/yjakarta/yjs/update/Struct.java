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

  /** Whether its units are deleted by the struct itself (a GC, or an item with deleted content). */
  default boolean holdsDeletedUnits() {
    return this instanceof Gc || (this instanceof Item i && i.content() instanceof Content.Deleted);
  }

  /** Writes the struct, starting {@code offset} units into it (yjs's {@code write(encoder, offset)}). */
  void write(UpdateEncoder encoder, long offset);
}
