package dev.yjakarta.protocol;

/**
 * A frame address: the document name, optionally followed by {@code \0} and a provider session id
 * (v4 {@code sessionAwareness}). Replies always carry {@link #raw()}, the address exactly as the
 * client sent it, because the provider routes by exact match.
 *
 * @param raw the address as received
 * @param documentName the part before the first NUL
 * @param sessionId the part after the first NUL, or null
 */
public record RoutingKey(String raw, String documentName, String sessionId) {

  /** Splits {@code raw} at the first NUL, like {@code @hocuspocus/common} routingKey.ts. */
  public static RoutingKey parse(String raw) {
    int nul = raw.indexOf('\0');
    if (nul < 0) {
      return new RoutingKey(raw, raw, null);
    }
    return new RoutingKey(raw, raw.substring(0, nul), raw.substring(nul + 1));
  }

  public boolean sessionAware() {
    return sessionId != null;
  }
}
