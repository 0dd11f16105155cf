package dev.yjakarta.server;

import dev.yjakarta.server.auth.JwtAuthenticator;
import dev.yjakarta.server.hooks.AuthenticationContext;
import dev.yjakarta.server.hooks.CollabHook;
import dev.yjakarta.server.hooks.ConnectionContext;
import dev.yjakarta.server.hooks.SkipFurtherHooks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the {@link CollabHook} chain in priority order (lower first; the built-in authenticator
 * first of all). A {@link SkipFurtherHooks} ends a chain without failing it; any other exception
 * stops the chain and reaches the caller, which answers as the protocol says. Observer hooks
 * (onChange, onAwarenessUpdate, onDisconnect, afterUnloadDocument) never fail the caller.
 */
final class Hooks {
  private static final Logger LOG = Logger.getLogger(Hooks.class.getName());

  /** The priority of a hook without {@code @Priority}. */
  static final int DEFAULT_PRIORITY = 1000;

  /** One hook method applied to a context. */
  @FunctionalInterface
  interface Call<C> {
    void run(CollabHook hook, C ctx) throws Exception;
  }

  /** A hook, its priority, and its class (the bean's, not its proxy's). */
  record Ranked(CollabHook hook, int priority, Class<?> type) {
    Ranked(CollabHook hook, int priority) {
      this(hook, priority, hook.getClass());
    }
  }

  private final List<CollabHook> chain;
  private final boolean authenticationInline;

  Hooks(List<Ranked> ranked) {
    List<Ranked> sorted = new ArrayList<>(ranked);
    sorted.sort(Comparator.comparingInt(Ranked::priority)); // stable: equal priorities keep their order
    List<CollabHook> hooks = new ArrayList<>();
    sorted.forEach(r -> hooks.add(r.hook()));
    this.chain = List.copyOf(hooks);
    this.authenticationInline = sorted.stream().noneMatch(r -> r.type() != JwtAuthenticator.class
        && (overrides(r.type(), "onConnect", ConnectionContext.class)
            || overrides(r.type(), "onAuthenticate", AuthenticationContext.class)));
  }

  private static boolean overrides(Class<?> type, String method, Class<?> parameter) {
    try {
      return type.getMethod(method, parameter).getDeclaringClass() != CollabHook.class;
    } catch (NoSuchMethodException e) {
      return true; // cannot tell: assume it may block
    }
  }

  /**
   * Whether onConnect and onAuthenticate cannot block: no hook but the built-in JWT check (CPU
   * only) implements them. Authentication then runs on the thread that read the Auth frame
   * instead of waiting for a pool thread.
   */
  boolean authenticationInline() {
    return authenticationInline;
  }

  static Hooks none() {
    return new Hooks(List.of());
  }

  List<CollabHook> chain() {
    return chain;
  }

  /**
   * Runs every hook until one throws.
   *
   * @return false when a hook skipped the rest with {@link SkipFurtherHooks}
   */
  <C> boolean run(Call<C> call, C ctx) throws Exception {
    for (CollabHook hook : chain) {
      try {
        call.run(hook, ctx);
      } catch (SkipFurtherHooks skip) {
        return false;
      }
    }
    return true;
  }

  /** Runs every hook, logging (not propagating) failures. */
  <C> void notify(String hookName, Call<C> call, C ctx) {
    for (CollabHook hook : chain) {
      try {
        call.run(hook, ctx);
      } catch (SkipFurtherHooks skip) {
        return;
      } catch (Exception | LinkageError e) {
        LOG.log(Level.WARNING, hookName + " hook " + hook.getClass().getName() + " failed", e);
      }
    }
  }
}
