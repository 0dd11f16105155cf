package dev.yjakarta.server.hooks;

/** A hook's refusal; {@link #reason()} is sent to the client (PermissionDenied or CLOSE). */
public class HookRejection extends Exception {
  private static final long serialVersionUID = 1L;
  private final String reason;

  public HookRejection(String reason) {
    super(reason);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
