package dev.yjakarta.it.interop;

import dev.yjakarta.server.hooks.AuthenticationContext;
import dev.yjakarta.server.hooks.CollabHook;
import dev.yjakarta.server.hooks.HookRejection;
import dev.yjakarta.server.hooks.StatelessContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The application hooks the interop suite expects (src/test/node/interop): a custom
 * authenticator that refuses some documents, and stateless echo/broadcast. Added to the WAR by
 * {@link HocuspocusInteropIT}; the reference server used to validate the suite mimics it.
 */
@ApplicationScoped
public class InteropFixtureHook implements CollabHook {
  static final String DENIED_PREFIX = "custom-deny-";
  static final String CRASH_PREFIX = "hook-crash-";

  @Override
  public void onAuthenticate(AuthenticationContext ctx) throws HookRejection {
    // By name, so the refusal does not depend on whether the JWT check runs before this hook.
    if (ctx.documentName().startsWith(DENIED_PREFIX) || "deny-by-hook".equals(ctx.token())) {
      throw new HookRejection("custom-denied");
    }
    if (ctx.documentName().startsWith(CRASH_PREFIX)) {
      // a buggy authenticator: the client must get a generic denial, not this message
      throw new IllegalStateException("fixture authenticator crashed (internal detail)");
    }
  }

  @Override
  public void onStateless(StatelessContext ctx) {
    String payload = ctx.payload();
    if (payload.startsWith("echo:")) {
      ctx.connection().sendStateless(payload);
    } else if (payload.startsWith("broadcast:")) {
      ctx.document().broadcastStateless(payload);
    } else if (payload.startsWith("throw:")) {
      throw new IllegalStateException("fixture onStateless failure");
    }
    // anything else: nothing, like a server without an onStateless hook
  }
}
