package dev.yjakarta.server.hooks;

/** onLoadDocument: the connection that triggered the load, and a way to add stored state. */
public interface LoadContext extends DocumentContext {
  /** The context of the connection whose join caused the load, or null for server-side opens. */
  ConnectionContext trigger();
}
