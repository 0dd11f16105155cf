package dev.yjakarta.server.hooks;

import dev.yjakarta.server.api.Origin;

/** onChange: one applied update and where it came from. */
public interface ChangeContext extends DocumentContext {
  byte[] update();

  Origin origin();
}
