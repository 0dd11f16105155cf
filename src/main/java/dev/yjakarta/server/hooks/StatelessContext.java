package dev.yjakarta.server.hooks;

/** onStateless: a client's stateless payload; reply with {@code connection().sendStateless}. */
public interface StatelessContext extends ConnectionContext {
  String payload();

  dev.yjakarta.server.api.DocumentHandle document();
}
