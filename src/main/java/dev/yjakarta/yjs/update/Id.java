package dev.yjakarta.yjs.update;

/** The identity of one clock unit: a client id (unsigned 32-bit, held in a long) and a clock. */
public record Id(long client, long clock) {
  @Override
  public String toString() {
    return client + ":" + clock;
  }
}
