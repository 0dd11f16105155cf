package dev.yjakarta.yjs.update;

import dev.yjakarta.yjs.lib0.Lib0Encoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes structs one by one, grouping consecutive structs of one client, and prepends the group
 * count when finished (yjs's {@code LazyStructWriter}). A client that comes back after another one
 * starts a new group, exactly as in yjs.
 */
public final class StructWriter {
  private final UpdateEncoder encoder;
  private final List<byte[]> fragments = new ArrayList<>();
  private final List<Integer> counts = new ArrayList<>();
  private long currClient;
  private int written;

  public StructWriter(UpdateEncoder encoder) {
    this.encoder = encoder;
  }

  /** Writes {@code struct} from {@code offset} on. */
  public void write(Struct struct, long offset) {
    if (written > 0 && currClient != struct.client()) {
      flush();
    }
    if (written == 0) {
      currClient = struct.client();
      encoder.writeClient(struct.client());
      encoder.rest().writeVarUint(struct.clock() + offset);
    }
    struct.write(encoder, offset);
    written++;
  }

  private void flush() {
    if (written > 0) {
      Lib0Encoder rest = encoder.rest();
      fragments.add(rest.toByteArray());
      counts.add(written);
      rest.reset();
      written = 0;
    }
  }

  /** Writes the struct section; the encoder is then ready for the delete set. */
  public void finish() {
    flush();
    Lib0Encoder rest = encoder.rest();
    rest.writeVarUint(fragments.size());
    for (int i = 0; i < fragments.size(); i++) {
      rest.writeVarUint(counts.get(i));
      rest.writeRaw(fragments.get(i));
    }
  }

  /** Encodes groups and a delete set as one V1 update. */
  public static byte[] encodeV1(List<ClientStructs> groups, DeleteSet ds) {
    UpdateEncoderV1 enc = new UpdateEncoderV1();
    StructWriter w = new StructWriter(enc);
    for (ClientStructs g : groups) {
      for (Struct s : g.structs()) {
        w.write(s, 0);
      }
    }
    w.finish();
    ds.write(enc);
    return enc.toByteArray();
  }
}
