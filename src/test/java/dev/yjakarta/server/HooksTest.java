package dev.yjakarta.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.yjakarta.server.hooks.CollabHook;
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
}
