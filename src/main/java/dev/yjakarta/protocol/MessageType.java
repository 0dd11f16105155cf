package dev.yjakarta.protocol;

/** The message type that follows the address in every frame (Hocuspocus {@code MessageType}). */
public enum MessageType {
  SYNC(0),
  AWARENESS(1),
  AUTH(2),
  /** Asks for the full awareness; over WebSocket the server answers nothing (reference behaviour). */
  QUERY_AWARENESS(3),
  /** Server to server only: a Sync whose Step1 does not trigger a counter-Step1. */
  SYNC_REPLY(4),
  STATELESS(5),
  /** Server to server only; a client that sends it gets its document connection closed. */
  BROADCAST_STATELESS(6),
  CLOSE(7),
  SYNC_STATUS(8),
  /** The single byte {@code 09}, without an address. */
  PING(9),
  /** The single byte {@code 0a}, without an address. */
  PONG(10);

  private static final MessageType[] BY_CODE = values();

  private final int code;

  MessageType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The type for {@code code}, or null when the code is unknown (unknown types are ignored). */
  public static MessageType fromCode(long code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[(int) code] : null;
  }
}
