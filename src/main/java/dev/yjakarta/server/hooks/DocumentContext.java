package dev.yjakarta.server.hooks;

import dev.yjakarta.server.api.DocumentHandle;

/** What every document-level hook gets. */
public interface DocumentContext {
  String documentName();

  /** The loaded document (during {@code onLoadDocument}: the one being filled). */
  DocumentHandle document();
}
