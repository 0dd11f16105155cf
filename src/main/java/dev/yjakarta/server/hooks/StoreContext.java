package dev.yjakarta.server.hooks;

import dev.yjakarta.server.api.Origin;

/** onStoreDocument / afterStoreDocument: the state being stored. */
public interface StoreContext extends DocumentContext {
  /** The full state (a V1 update) that is being stored. */
  byte[] state();

  /** The origin of the last change before this store. */
  Origin lastOrigin();
}
