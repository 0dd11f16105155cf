package dev.yjakarta.protocol;

/** WebSocket close codes and reasons as the Hocuspocus server uses them ({@code CloseEvents.ts}). */
public enum CloseCode {
  /** Processing failed or a pre-auth limit was exceeded; also the reason of a document CLOSE. */
  RESET_CONNECTION(4205, "Reset Connection"),
  /** A frame's address could not be decoded (also text frames); default for a failed token refresh. */
  UNAUTHORIZED(4401, "Unauthorized"),
  /** The fallback reason of a failed authentication. */
  FORBIDDEN(4403, "Forbidden"),
  /** No frame within the idle timeout, or no authentication within the pre-auth deadline. */
  CONNECTION_TIMEOUT(4408, "Connection Timeout"),
  /** A frame larger than the configured maximum (RFC 6455 "message too big"). */
  MESSAGE_TOO_BIG(1009, "Message Too Big"),
  /** The server is shutting down (RFC 6455 "going away"). */
  GOING_AWAY(1001, "Going Away");

  private final int code;
  private final String reason;

  CloseCode(int code, String reason) {
    this.code = code;
    this.reason = reason;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }
}
