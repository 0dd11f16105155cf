package dev.yjakarta.protocol;

import dev.yjakarta.yjs.YjsFormatException;
import dev.yjakarta.yjs.lib0.Lib0Decoder;
import dev.yjakarta.yjs.lib0.Lib0Encoder;

/**
 * An inbound frame with its address decoded: {@code vs(address) · vu(type) · payload}. The type is
 * read lazily, because an address that decodes but a body that does not is a document-level
 * error, while an undecodable address is a socket-level one (4401).
 */
public final class Frame {
  private final byte[] bytes;
  private final RoutingKey key;
  private final int bodyOffset;

  private Frame(byte[] bytes, RoutingKey key, int bodyOffset) {
    this.bytes = bytes;
    this.key = key;
    this.bodyOffset = bodyOffset;
  }

  /**
   * Reads the address of {@code bytes}.
   *
   * @throws ProtocolException with {@link CloseCode#UNAUTHORIZED} when the address cannot be read
   */
  public static Frame parse(byte[] bytes) {
    Lib0Decoder d = new Lib0Decoder(bytes);
    try {
      String address = d.readVarString();
      return new Frame(bytes, RoutingKey.parse(address), d.position());
    } catch (YjsFormatException e) {
      throw new ProtocolException(CloseCode.UNAUTHORIZED, "undecodable frame address", e);
    }
  }

  public byte[] bytes() {
    return bytes;
  }

  public RoutingKey key() {
    return key;
  }

  public int size() {
    return bytes.length;
  }

  /** A decoder positioned after the address (at the message type). */
  public Lib0Decoder body() {
    return new Lib0Decoder(bytes, bodyOffset, bytes.length - bodyOffset);
  }

  /** The numeric type, or -1 when the frame ends after the address or the var-uint is broken. */
  public long typeCode() {
    try {
      return body().readVarUint();
    } catch (YjsFormatException e) {
      return -1;
    }
  }

  /** The type, or null when it is missing or unknown. */
  public MessageType type() {
    return MessageType.fromCode(typeCode());
  }

  /** Starts an outbound frame: the address, then the type. Every writer begins here. */
  static Lib0Encoder start(String address, MessageType type, int payloadHint) {
    Lib0Encoder e = new Lib0Encoder(address.length() + payloadHint + 8);
    e.writeVarString(address);
    e.writeVarUint(type.code());
    return e;
  }

  /** Reads past the type of a decoder returned by {@link #body()}, checking it is {@code expected}. */
  static void expectType(Lib0Decoder body, MessageType expected) {
    long t = body.readVarUint();
    if (t != expected.code()) {
      throw new IllegalArgumentException("expected " + expected + " but the frame has type " + t);
    }
  }
}
