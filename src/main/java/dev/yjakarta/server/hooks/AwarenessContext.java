package dev.yjakarta.server.hooks;

import dev.yjakarta.server.api.Origin;
import java.util.List;

/** onAwarenessUpdate: which awareness clients changed. */
public interface AwarenessContext extends DocumentContext {
  List<Long> added();

  List<Long> updated();

  List<Long> removed();

  Origin origin();
}
