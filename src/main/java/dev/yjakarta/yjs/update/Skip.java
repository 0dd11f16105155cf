package dev.yjakarta.yjs.update;

/** A hole in an update (info 10): units the update does not carry. Never part of a document. */
public record Skip(long client, long clock, long length) implements Struct {
  @Override
  public void write(UpdateEncoder encoder, long offset) {
    encoder.writeInfo(10);
    encoder.rest().writeVarUint(length - offset);
  }
}
