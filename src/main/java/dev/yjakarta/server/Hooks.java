package dev.yjakarta.server;

import dev.yjakarta.server.hooks.CollabHook;
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

  /** A hook and its priority. */
  record Ranked(CollabHook hook, int priority) {}

  private final List<CollabHook> chain;

  Hooks(List<Ranked> ranked) {
    List<Ranked> sorted = new ArrayList<>(ranked);
    sorted.sort(Comparator.comparingInt(Ranked::priority)); // stable: equal priorities keep their order
    List<CollabHook> hooks = new ArrayList<>();
    sorted.forEach(r -> hooks.add(r.hook()));
    this.chain = List.copyOf(hooks);
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
