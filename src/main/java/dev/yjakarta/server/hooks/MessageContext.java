package dev.yjakarta.server.hooks;

/** beforeHandleMessage: the raw frame of an established document connection. */
public interface MessageContext extends DocumentContext {
  ConnectionContext connectionContext();

  /** The whole frame, address included. Do not modify. */
  byte[] frame();
}
