package dev.yjakarta.it.persistence;

import dev.yjakarta.it.PayaraProcess;
import dev.yjakarta.it.ProviderSession;
import dev.yjakarta.it.StoredDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the end-to-end persistence tests share ({@code @RegisterExtension}): Payara Micro processes
 * running the shipped post-boot file, real provider sessions, and anything else a test opens,
 * all closed after each test in reverse order.
 */
final class PersistenceFixture implements AfterEachCallback {
  private final List<AutoCloseable> opened = new ArrayList<>();

  /** Closes {@code resource} after the test (before what was registered earlier). */
  <T extends AutoCloseable> T closeAfter(T resource) {
    opened.add(resource);
    return resource;
  }

  /**
   * A server (not started) named {@code name} plus a unique suffix, configured by
   * server-config/payara/{@code postBootFile} as shipped, with {@code environment} set.
   */
  PayaraProcess server(String name, String postBootFile, Map<String, String> environment) throws Exception {
    return closeAfter(PayaraProcess.create(name + "-" + UUID.randomUUID().toString().substring(0, 8),
        StoredDocuments.shippedPostBoot(postBootFile), List.of(), environment));
  }

  /** A real provider connected to {@code server} for {@code document}, synced. */
  ProviderSession session(PayaraProcess server, String document) throws Exception {
    return closeAfter(ProviderSession.open(server.ws("/collab"), document));
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    Exception first = null;
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    opened.clear();
    if (first != null) {
      throw first;
    }
  }
}
