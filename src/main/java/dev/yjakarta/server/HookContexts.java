package dev.yjakarta.server;

import dev.yjakarta.server.api.DocumentHandle;
import dev.yjakarta.server.api.Origin;
import dev.yjakarta.server.hooks.AwarenessContext;
import dev.yjakarta.server.hooks.BroadcastContext;
import dev.yjakarta.server.hooks.ChangeContext;
import dev.yjakarta.server.hooks.ConnectionContext;
import dev.yjakarta.server.hooks.DocumentContext;
import dev.yjakarta.server.hooks.LoadContext;
import dev.yjakarta.server.hooks.MessageContext;
import dev.yjakarta.server.hooks.StoreContext;
import java.util.List;

/** The immutable hook payloads (the per-connection one is {@link ConnectionState}). */
final class HookContexts {
  private HookContexts() {}

  record Doc(String documentName, DocumentHandle document) implements DocumentContext {}

  record Load(String documentName, DocumentHandle document, ConnectionContext trigger) implements LoadContext {}

  record Change(String documentName, DocumentHandle document, byte[] update, Origin origin)
      implements ChangeContext {}

  record Store(String documentName, DocumentHandle document, byte[] state, Origin lastOrigin)
      implements StoreContext {}

  record AwarenessChange(String documentName, DocumentHandle document, List<Long> added, List<Long> updated,
      List<Long> removed, Origin origin) implements AwarenessContext {}

  record Broadcast(String documentName, DocumentHandle document, String payload) implements BroadcastContext {}

  record Message(String documentName, DocumentHandle document, ConnectionContext connectionContext, byte[] frame)
      implements MessageContext {}
}
