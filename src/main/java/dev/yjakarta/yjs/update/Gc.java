package dev.yjakarta.yjs.update;

/** A garbage-collected range (info 0): the units exist and are deleted, their content is gone. */
public record Gc(long client, long clock, long length) implements Struct {
  @Override
  public void write(UpdateEncoder encoder, long offset) {
    encoder.writeInfo(0);
    encoder.writeLen(length - offset);
  }
}
