package dev.yjakarta.cluster;

import dev.yjakarta.protocol.MessageType;
import dev.yjakarta.protocol.SyncMessages;
import dev.yjakarta.yjs.YjsFormatException;
import dev.yjakarta.yjs.lib0.Lib0Decoder;
import dev.yjakarta.yjs.lib0.Lib0Encoder;

/**
 * The Hocuspocus frames that cross Redis, read and written with the plain document name as
 * address ({@code vs(name) · vu(type) · payload}). Only the kinds extension-redis sends are known
 * here; anything else is {@link Kind#OTHER} and ignored by the relay.
 */
public record RelayFrame(String documentName, Kind kind, byte[] data, String text) {

  /** Wire values of the message types the relay uses (the protocol package's enums). */
  static final int SYNC = MessageType.SYNC.code();
  static final int AWARENESS = MessageType.AWARENESS.code();
  static final int QUERY_AWARENESS = MessageType.QUERY_AWARENESS.code();
  static final int SYNC_REPLY = MessageType.SYNC_REPLY.code();
  static final int BROADCAST_STATELESS = MessageType.BROADCAST_STATELESS.code();

  static final int STEP1 = SyncMessages.Step.STEP1.code();
  static final int STEP2 = SyncMessages.Step.STEP2.code();
  static final int UPDATE = SyncMessages.Step.UPDATE.code();

  /** What a relayed frame asks for. */
  public enum Kind {
    /** Sync/Step1: a peer's state vector; answer SyncReply+Step1 and Step2. */
    STEP1,
    /** SyncReply/Step1: a peer answering our Step1; answer Step2 only (no counter-Step1). */
    REPLY_STEP1,
    /** Sync/Step2 (or SyncReply/Step2): state computed for the receiver's state vector. */
    STEP2,
    /** Sync/Update (or SyncReply/Update): an incremental update. */
    UPDATE,
    AWARENESS,
    QUERY_AWARENESS,
    BROADCAST_STATELESS,
    /** A type the relay does not handle (logged and dropped). */
    OTHER
  }

  /**
   * Parses a frame.
   *
   * @throws RelayFormatException when it is truncated or has an unknown sync sub-type
   */
  public static RelayFrame parse(byte[] frame) {
    try {
      Lib0Decoder in = new Lib0Decoder(frame);
      String name = in.readVarString();
      int type = in.readVarUintAsInt("message type");
      if (type == SYNC || type == SYNC_REPLY) {
        int sub = in.readVarUintAsInt("sync type");
        byte[] data = in.readVarUint8Array();
        Kind kind;
        if (sub == STEP1) {
          kind = type == SYNC ? Kind.STEP1 : Kind.REPLY_STEP1;
        } else if (sub == STEP2) {
          kind = Kind.STEP2;
        } else if (sub == UPDATE) {
          kind = Kind.UPDATE;
        } else {
          throw new RelayFormatException("unknown sync type " + sub);
        }
        return new RelayFrame(name, kind, data, null);
      }
      if (type == AWARENESS) {
        return new RelayFrame(name, Kind.AWARENESS, in.readVarUint8Array(), null);
      }
      if (type == QUERY_AWARENESS) {
        return new RelayFrame(name, Kind.QUERY_AWARENESS, null, null);
      }
      if (type == BROADCAST_STATELESS) {
        return new RelayFrame(name, Kind.BROADCAST_STATELESS, null, in.readVarString());
      }
      return new RelayFrame(name, Kind.OTHER, null, null);
    } catch (YjsFormatException | IllegalArgumentException e) {
      throw new RelayFormatException("malformed relay frame: " + e.getMessage(), e);
    }
  }

  private static Lib0Encoder start(String documentName, int type, int capacity) {
    return new Lib0Encoder(capacity + documentName.length() * 3 + 8)
        .writeVarString(documentName)
        .writeVarUint(type);
  }

  /** Sync/Step1: announces our state vector. */
  public static byte[] step1(String documentName, byte[] stateVector) {
    return SyncMessages.step1(documentName, stateVector);
  }

  /** SyncReply/Step1: our state vector in answer to a peer's Step1 (asks for its diff). */
  public static byte[] replyStep1(String documentName, byte[] stateVector) {
    return SyncMessages.replyStep1(documentName, stateVector);
  }

  /** Sync/Step2: what a peer lacks, computed for its state vector. */
  public static byte[] step2(String documentName, byte[] diff) {
    return SyncMessages.step2(documentName, diff);
  }

  /** Sync/Update: one incremental update (y-jakarta's per-edit fan-out). */
  public static byte[] update(String documentName, byte[] update) {
    return SyncMessages.update(documentName, update);
  }

  public static byte[] awareness(String documentName, byte[] awarenessUpdate) {
    return start(documentName, AWARENESS, awarenessUpdate.length)
        .writeVarUint8Array(awarenessUpdate).toByteArray();
  }

  public static byte[] queryAwareness(String documentName) {
    return start(documentName, QUERY_AWARENESS, 0).toByteArray();
  }

  public static byte[] broadcastStateless(String documentName, String payload) {
    return start(documentName, BROADCAST_STATELESS, payload.length() * 3)
        .writeVarString(payload).toByteArray();
  }
}
