package dev.yjakarta.server.hooks;

/**
 * Lifecycle hooks of the collaboration server, one per Hocuspocus hook that applies. Implement it
 * as a CDI bean ({@code @ApplicationScoped}); beans run in ascending {@code
 * jakarta.annotation.Priority} order (default 1000). Every method has an empty default.
 *
 * <p>A hook rejects by throwing {@link HookRejection} (its reason is sent to the client where
 * the protocol allows it); {@link SkipFurtherHooks} stops the chain without failing. Any other
 * exception counts as a failure of that step, with the protocol's answer (see each method).
 *
 * <p>Threads: connect, authentication, load and store hooks run on the managed executor and may
 * block. Hooks of an established document ({@link #beforeHandleMessage}, {@link #onChange},
 * {@link #onAwarenessUpdate}, {@link #onStateless}, {@link #beforeBroadcastStateless}, {@link
 * #onDisconnect}) run in the document's order, often on the thread that read the frame: like
 * Hocuspocus hooks on its event loop, they must not block; hand slow work to an executor.
 */
public interface CollabHook {

  /** The Auth frame arrived for a document; before {@link #onAuthenticate}. Throw to deny. */
  default void onConnect(ConnectionContext ctx) throws Exception {}

  /** Authenticate the token; throw to send PermissionDenied; {@code ctx.readOnly(true)} to limit. */
  default void onAuthenticate(AuthenticationContext ctx) throws Exception {}

  /** A refreshed token on an established connection; throw to close that document (4401). */
  default void onTokenSync(AuthenticationContext ctx) throws Exception {}

  /** Once per load, before any connection attaches; may add state; throw to fail the load. */
  default void onLoadDocument(LoadContext ctx) throws Exception {}

  /** After the load, before the document is registered and its clients attached. */
  default void afterLoadDocument(DocumentContext ctx) throws Exception {}

  /** Before every inbound frame of an established document connection; throw to close it. */
  default void beforeHandleMessage(MessageContext ctx) throws Exception {}

  /** After every change of the document, whatever its origin. Must not block. */
  default void onChange(ChangeContext ctx) {}

  /** Debounced store; throw to fail (retried), or {@link SkipFurtherHooks} to veto the rest. */
  default void onStoreDocument(StoreContext ctx) throws Exception {}

  /** After every {@link #onStoreDocument} hook (and the built-in store) succeeded. */
  default void afterStoreDocument(StoreContext ctx) throws Exception {}

  /** An awareness change of the document. Must not block. */
  default void onAwarenessUpdate(AwarenessContext ctx) {}

  /** A Stateless frame from a client. Nothing happens by default (no echo). */
  default void onStateless(StatelessContext ctx) throws Exception {}

  /** Before a stateless broadcast to the document's connections; throw to cancel it. */
  default void beforeBroadcastStateless(BroadcastContext ctx) throws Exception {}

  /** A document connection closed. */
  default void onDisconnect(ConnectionContext ctx) {}

  /** Before a document unloads; throw to keep it loaded. */
  default void beforeUnloadDocument(DocumentContext ctx) throws Exception {}

  /** After a document unloaded. */
  default void afterUnloadDocument(DocumentContext ctx) {}
}
