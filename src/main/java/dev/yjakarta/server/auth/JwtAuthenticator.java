package dev.yjakarta.server.auth;

import dev.yjakarta.server.hooks.AuthenticationContext;
import dev.yjakarta.server.hooks.CollabHook;
import dev.yjakarta.server.hooks.HookRejection;
import dev.yjakarta.yjs.YjsFormatException;
import dev.yjakarta.yjs.update.JsJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies HS256 JWTs sent as the provider's token. Claims: {@code sub} (identity), {@code exp} and
 * {@code nbf} (seconds since the epoch), {@code docs} (allowed document names, an entry ending in
 * {@code *} matches a prefix; absent means all) and {@code scope} ({@code read-write} or
 * {@code readonly}). Rejections carry the reasons {@value #INVALID}, {@value #EXPIRED} and
 * {@value #NOT_ALLOWED}. Only HS256 is accepted, whatever the header says.
 */
public final class JwtAuthenticator implements CollabHook {
  /** JWT headers and claims are flat; deeper nesting is refused, never recursed into. */
  private static final int MAX_JSON_DEPTH = 16;

  public static final String INVALID = "invalid-token";
  public static final String EXPIRED = "token-expired";
  public static final String NOT_ALLOWED = "document-not-allowed";

  private static final String HMAC = "HmacSHA256";

  private final SecretKeySpec key;
  private final LongSupplier epochSeconds;

  public JwtAuthenticator(String secret) {
    this(secret, () -> System.currentTimeMillis() / 1000L);
  }

  JwtAuthenticator(String secret, LongSupplier epochSeconds) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    this.epochSeconds = epochSeconds;
  }

  /** What a valid token grants. */
  public record Grant(String subject, boolean readOnly) {}

  @Override
  public void onAuthenticate(AuthenticationContext ctx) throws HookRejection {
    apply(ctx);
  }

  @Override
  public void onTokenSync(AuthenticationContext ctx) throws HookRejection {
    apply(ctx);
  }

  private void apply(AuthenticationContext ctx) throws HookRejection {
    Grant grant = verify(ctx.token(), ctx.documentName());
    if (grant.subject() != null) {
      ctx.identity(grant.subject());
    }
    ctx.readOnly(grant.readOnly());
  }

  /**
   * Verifies {@code token} for {@code documentName}.
   *
   * @throws HookRejection with one of the three reasons
   */
  public Grant verify(String token, String documentName) throws HookRejection {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new HookRejection(INVALID);
    }
    Map<String, Object> header;
    Map<String, Object> claims;
    byte[] signature;
    try {
      header = jsonObject(decode(parts[0]));
      claims = jsonObject(decode(parts[1]));
      signature = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException | YjsFormatException e) {
      throw new HookRejection(INVALID);
    }
    if (!"HS256".equals(header.get("alg"))) {
      throw new HookRejection(INVALID);
    }
    if (!MessageDigest.isEqual(sign(parts[0] + "." + parts[1]), signature)) {
      throw new HookRejection(INVALID);
    }
    long now = epochSeconds.getAsLong();
    Object exp = claims.get("exp");
    if (exp != null) {
      if (!(exp instanceof Double d)) {
        throw new HookRejection(INVALID);
      }
      if (now >= d) {
        throw new HookRejection(EXPIRED);
      }
    }
    Object nbf = claims.get("nbf");
    if (nbf != null && (!(nbf instanceof Double d) || now < d)) {
      throw new HookRejection(INVALID);
    }
    Object scope = claims.get("scope");
    boolean readOnly;
    if (scope == null || "read-write".equals(scope)) {
      readOnly = false;
    } else if ("readonly".equals(scope)) {
      readOnly = true;
    } else {
      throw new HookRejection(INVALID);
    }
    Object sub = claims.get("sub");
    if (sub != null && !(sub instanceof String)) {
      throw new HookRejection(INVALID);
    }
    Object docs = claims.get("docs");
    if (docs != null) {
      if (!(docs instanceof List<?> list)) {
        throw new HookRejection(INVALID);
      }
      if (!allows(list, documentName)) {
        throw new HookRejection(NOT_ALLOWED);
      }
    }
    return new Grant((String) sub, readOnly);
  }

  private static boolean allows(List<?> docs, String documentName) {
    for (Object entry : docs) {
      if (entry instanceof String pattern) {
        if (pattern.endsWith("*")
            ? documentName.startsWith(pattern.substring(0, pattern.length() - 1))
            : documentName.equals(pattern)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A JSON object as JSON.parse reads it (numbers as doubles); bounded nesting. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> jsonObject(String json) {
    if (!(JsJson.parse(json, MAX_JSON_DEPTH) instanceof Map<?, ?> object)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return (Map<String, Object>) object;
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  private byte[] sign(String signingInput) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Mints a token (for tests and tools): header {"alg":"HS256","typ":"JWT"}, no padding. */
  public static String mint(String secret, String claimsJson) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String input = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "." + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
    byte[] sig = new JwtAuthenticator(secret).sign(input);
    return input + "." + b64.encodeToString(sig);
  }
}
