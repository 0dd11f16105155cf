package dev.yjakarta.protocol;

import dev.yjakarta.yjs.lib0.Lib0Decoder;
import dev.yjakarta.yjs.lib0.Lib0Encoder;

/** The auth family (type 2): Token, PermissionDenied, Authenticated. */
public final class AuthMessages {
  private AuthMessages() {}

  /** Auth sub-types. */
  public enum AuthType {
    /** Client: its token (and, in v4, its version). Server: a request to send the token again. */
    TOKEN(0),
    PERMISSION_DENIED(1),
    AUTHENTICATED(2);

    private final int code;

    AuthType(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  /** Scope sent in Authenticated. */
  public static final String READ_WRITE = "read-write";

  public static final String READ_ONLY = "readonly";

  /** What a client's auth frame says. */
  public sealed interface AuthMessage permits Token, Other {}

  /**
   * A client's token.
   *
   * @param providerVersion sent by v4 providers after the token ("4.8.0"); null for v3
   */
  public record Token(String token, String providerVersion) implements AuthMessage {}

  /** A sub-type a client has no business sending; logged and ignored on established connections. */
  public record Other(long authType) implements AuthMessage {}

  /**
   * Reads an auth payload (positioned after the message type).
   *
   * @throws ProtocolException when it is truncated; before authentication the socket closes (4205)
   */
  public static AuthMessage read(Lib0Decoder payload) {
    return Payloads.decode("auth message", () -> {
      long type = payload.readVarUint();
      if (type != AuthType.TOKEN.code()) {
        return new Other(type);
      }
      String token = payload.readVarString();
      String version = payload.hasContent() ? payload.readVarString() : null;
      return new Token(token, version);
    });
  }

  public static byte[] authenticated(String address, boolean readOnly) {
    Lib0Encoder e = Frame.start(address, MessageType.AUTH, 12);
    e.writeVarUint(AuthType.AUTHENTICATED.code());
    e.writeVarString(readOnly ? READ_ONLY : READ_WRITE);
    return e.toByteArray();
  }

  public static byte[] permissionDenied(String address, String reason) {
    Lib0Encoder e = Frame.start(address, MessageType.AUTH, reason.length() + 4);
    e.writeVarUint(AuthType.PERMISSION_DENIED.code());
    e.writeVarString(reason);
    return e.toByteArray();
  }

  /** The server's "send your token again" ({@code connection.requestToken()}). */
  public static byte[] requestToken(String address) {
    Lib0Encoder e = Frame.start(address, MessageType.AUTH, 1);
    e.writeVarUint(AuthType.TOKEN.code());
    return e.toByteArray();
  }

  /** A client's token frame; {@code providerVersion} null writes the v3 form. */
  public static byte[] token(String address, String token, String providerVersion) {
    Lib0Encoder e = Frame.start(address, MessageType.AUTH, token.length() + 12);
    e.writeVarUint(AuthType.TOKEN.code());
    e.writeVarString(token);
    if (providerVersion != null) {
      e.writeVarString(providerVersion);
    }
    return e.toByteArray();
  }
}
