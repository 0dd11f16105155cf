package dev.yjakarta.server.hooks;

/** beforeBroadcastStateless: the payload about to go to every connection of the document. */
public interface BroadcastContext extends DocumentContext {
  String payload();
}
