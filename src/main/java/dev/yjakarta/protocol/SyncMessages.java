package dev.yjakarta.protocol;

import dev.yjakarta.yjs.lib0.Lib0Decoder;
import dev.yjakarta.yjs.lib0.Lib0Encoder;

/** The y-protocols sync family (type 0, and the server-to-server SyncReply 4). */
public final class SyncMessages {
  private SyncMessages() {}

  /** The y-protocols sync sub-type. */
  public enum Step {
    /** Carries a state vector; answered with the own Step1 and a Step2. */
    STEP1(0),
    /** Carries the update the peer lacks. */
    STEP2(1),
    /** Carries an incremental update. */
    UPDATE(2);

    private final int code;

    Step(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  /** One sync message: its sub-type and its data (a state vector or a V1 update). */
  public record Sync(Step step, byte[] data) {}

  /**
   * Reads {@code vu(step) · vb(data)} from a payload positioned after the message type.
   *
   * @throws ProtocolException (document close) for an unknown sub-type or truncated data
   */
  public static Sync read(Lib0Decoder payload) {
    return Payloads.decode("sync message", () -> {
      long step = payload.readVarUint();
      Step s = switch ((int) Math.min(step, Integer.MAX_VALUE)) {
        case 0 -> Step.STEP1;
        case 1 -> Step.STEP2;
        case 2 -> Step.UPDATE;
        default -> throw new ProtocolException(CloseCode.RESET_CONNECTION, "unknown sync type " + step);
      };
      return new Sync(s, payload.readVarUint8Array());
    });
  }

  public static byte[] step1(String address, byte[] stateVector) {
    return write(address, MessageType.SYNC, Step.STEP1, stateVector);
  }

  public static byte[] step2(String address, byte[] update) {
    return write(address, MessageType.SYNC, Step.STEP2, update);
  }

  public static byte[] update(String address, byte[] update) {
    return write(address, MessageType.SYNC, Step.UPDATE, update);
  }

  /** A SyncReply (4) carrying a Step1: the receiver answers with Step2 but no counter-Step1. */
  public static byte[] replyStep1(String address, byte[] stateVector) {
    return write(address, MessageType.SYNC_REPLY, Step.STEP1, stateVector);
  }

  private static byte[] write(String address, MessageType type, Step step, byte[] data) {
    Lib0Encoder e = Frame.start(address, type, data.length + 6);
    e.writeVarUint(step.code());
    e.writeVarUint8Array(data);
    return e.toByteArray();
  }
}
