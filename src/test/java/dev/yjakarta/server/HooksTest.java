package dev.yjakarta.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.server.auth.JwtAuthenticator;
import dev.yjakarta.server.hooks.AuthenticationContext;
import dev.yjakarta.server.hooks.ChangeContext;
import dev.yjakarta.server.hooks.CollabHook;
import dev.yjakarta.server.hooks.ConnectionContext;
import dev.yjakarta.server.hooks.DocumentContext;
import dev.yjakarta.server.hooks.HookRejection;
import dev.yjakarta.server.hooks.SkipFurtherHooks;
import dev.yjakarta.server.hooks.StoreContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HooksTest {
  private final List<String> calls = new ArrayList<>();

  private CollabHook hook(String name, Exception toThrow) {
    return new CollabHook() {
      @Override
      public void onStoreDocument(StoreContext ctx) throws Exception {
        calls.add(name);
        if (toThrow != null) {
          throw toThrow;
        }
      }

      @Override
      public void afterUnloadDocument(DocumentContext ctx) {
        calls.add(name);
        throw new IllegalStateException("observer bug");
      }
    };
  }

  @Test
  void runsHooksInAscendingPriorityKeepingTheOrderOfEquals() throws Exception {
    Hooks hooks = new Hooks(List.of(new Hooks.Ranked(hook("c", null), 1000), new Hooks.Ranked(hook("a", null), 10),
        new Hooks.Ranked(hook("b", null), 1000), new Hooks.Ranked(hook("jwt", null), Integer.MIN_VALUE)));
    hooks.run(CollabHook::onStoreDocument, null);
    assertEquals(List.of("jwt", "a", "c", "b"), calls);
  }

  @Test
  void skipFurtherHooksStopsTheChainWithoutFailing() throws Exception {
    Hooks hooks = new Hooks(List.of(new Hooks.Ranked(hook("a", new SkipFurtherHooks("elsewhere")), 1),
        new Hooks.Ranked(hook("b", null), 2)));
    assertFalse(hooks.run(CollabHook::onStoreDocument, null));
    assertEquals(List.of("a"), calls);
  }

  @Test
  void aRejectionStopsTheChainAndReachesTheCaller() {
    Hooks hooks = new Hooks(List.of(new Hooks.Ranked(hook("a", new HookRejection("no")), 1),
        new Hooks.Ranked(hook("b", null), 2)));
    HookRejection r = assertThrows(HookRejection.class, () -> hooks.run(CollabHook::onStoreDocument, null));
    assertEquals("no", r.reason());
    assertEquals(List.of("a"), calls);
  }

  @Test
  void observerHooksAllRunEvenWhenOneFails() {
    Hooks hooks = new Hooks(List.of(new Hooks.Ranked(hook("a", null), 1), new Hooks.Ranked(hook("b", null), 2)));
    hooks.notify("afterUnloadDocument", CollabHook::afterUnloadDocument, null);
    assertEquals(List.of("a", "b"), calls);
  }

  /** A bean that may block in onAuthenticate (a remote identity provider, say). */
  static class RemoteAuthenticator implements CollabHook {
    @Override
    public void onAuthenticate(AuthenticationContext ctx) {}
  }

  /** A bean whose CDI proxy would override everything; its bean class is what counts. */
  static class ChangeListener implements CollabHook {
    @Override
    public void onChange(ChangeContext ctx) {}
  }

  @Test
  void authenticationRunsInlineOnlyWhenNoHookCanBlockInIt() {
    assertTrue(Hooks.none().authenticationInline(), "nothing to run");
    assertTrue(new Hooks(List.of(new Hooks.Ranked(new JwtAuthenticator("0123456789abcdef0123456789abcdef"), Integer.MIN_VALUE),
        new Hooks.Ranked(hook("store", null), 1000), new Hooks.Ranked(new ChangeListener(), 1000))).authenticationInline(),
        "the built-in JWT check and hooks of other steps do not move authentication to the pool");
    assertFalse(new Hooks(List.of(new Hooks.Ranked(new RemoteAuthenticator(), 1000))).authenticationInline());
    CollabHook proxy = new CollabHook() {
      @Override
      public void onConnect(ConnectionContext ctx) {}
    };
    assertTrue(new Hooks(List.of(new Hooks.Ranked(proxy, 1000, ChangeListener.class))).authenticationInline(),
        "the declared bean class decides, not the (proxy) instance's class");
    assertFalse(new Hooks(List.of(new Hooks.Ranked(new ChangeListener(), 1000, RemoteAuthenticator.class))).authenticationInline());
  }
}
