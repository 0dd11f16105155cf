package dev.yjakarta.yjs.update;

import java.util.List;

/** The contiguous structs of one client as one group of an update (first clock = first struct's). */
public record ClientStructs(long client, List<Struct> structs) {
  /** The first clock after the group. */
  public long end() {
    return structs.get(structs.size() - 1).end();
  }

  public long start() {
    return structs.get(0).clock();
  }
}
