package dev.yjakarta.cluster;

import static dev.yjakarta.cluster.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.it.NodeDriver;
import dev.yjakarta.it.NodeHocuspocus;
import dev.yjakarta.it.RedisProcess;
import dev.yjakarta.server.api.Origin;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.json.JSONArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay against a real Hocuspocus 4.7 server with @hocuspocus/extension-redis 4.7 on one
 * Redis: documents backed by the Yjs core on the Java side, real providers on the Node side. Proves
 * the wire compatibility of the relay on its own, without the document service.
 */
class HocuspocusRedisInteropIT {
  private RedisProcess redis;
  private NodeHocuspocus node;
  private NodeDriver clients;
  private ExecutorService loops;
  private RedisCluster java;

  @BeforeEach
  void start() throws Exception {
    redis = RedisProcess.start();
    node = NodeHocuspocus.start("interop-hocuspocus", redis.port(), "node-1", "hp");
    clients = NodeDriver.start("interop-clients");
    loops = Executors.newCachedThreadPool();
    java = RedisCluster.start(RedisSettings.builder().host("127.0.0.1").port(redis.port()).prefix("hp")
        .identifier("java-1").antiEntropyIntervalMs(0).build(), loops, Executors.defaultThreadFactory());
    await(java::connected, 5000);
  }

  @AfterEach
  void stop() throws Exception {
    if (java != null) {
      java.close();
    }
    clients.close();
    node.close();
    loops.shutdownNow();
    redis.close();
  }


  private Set<String> javaTokens(StateDocument doc) throws Exception {
    String state = Base64.getEncoder().encodeToString(doc.encodeState());
    JSONArray tokens = clients.call("decodeTokens", Map.of("state", state)).getJSONArray("tokens");
    Set<String> out = new HashSet<>();
    for (int i = 0; i < tokens.length(); i++) {
      out.add(tokens.getString(i));
    }
    return out;
  }

  private Set<String> nodeTokens(String client) throws Exception {
    JSONArray tokens = clients.call("tokens", Map.of("client", client)).getJSONArray("tokens");
    Set<String> out = new HashSet<>();
    for (int i = 0; i < tokens.length(); i++) {
      out.add(tokens.getString(i));
    }
    return out;
  }

  private void javaEdit(StateDocument doc, String token) throws Exception {
    String state = Base64.getEncoder().encodeToString(doc.encodeState());
    String update = clients.call("makeUpdate", Map.of("state", state, "token", token)).getString("update");
    doc.applyUpdate(Base64.getDecoder().decode(update), Origin.LOCAL);
  }

  private boolean check(java.util.concurrent.Callable<Boolean> c) {
    try {
      return c.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void editsCrossBetweenAJavaRelayAndAHocuspocusInstanceBothWays() throws Exception {
    clients.open("n1", node.url(), "doc");
    clients.call("edit", Map.of("client", "n1", "token", "from-node-before-java-loaded"));
    StateDocument doc = new StateDocument("doc", java.relay());
    java.relay().afterLoad(doc);
    assertTrue(javaTokens(doc).contains("from-node-before-java-loaded"),
        "the load waited for the Hocuspocus instance's state (SyncStep2 on our reply channel)");

    javaEdit(doc, "from-java");
    await(() -> check(() -> nodeTokens("n1").contains("from-java")), 5000);

    clients.call("edit", Map.of("client", "n1", "token", "from-node"));
    await(() -> check(() -> javaTokens(doc).contains("from-node")), 5000);

    clients.call("editLoop", Map.of("clients", List.of("n1"), "durationMs", 1000, "intervalMs", 10));
    for (int i = 0; i < 50; i++) {
      javaEdit(doc, "java-" + i);
    }
    await(() -> check(() -> javaTokens(doc).equals(nodeTokens("n1"))), 10_000);
    assertTrue(javaTokens(doc).size() > 50);
  }

  @Test
  void aHocuspocusInstanceLoadingLaterGetsTheJavaState() throws Exception {
    StateDocument doc = new StateDocument("doc2", java.relay());
    java.relay().afterLoad(doc);
    javaEdit(doc, "java-first");
    clients.open("late", node.url(), "doc2");
    // extension-redis blocks its load until our Step2 arrives on its reply channel
    assertEquals(Set.of("java-first"), nodeTokens("late"));
  }

  /**
   * Awareness both ways, and a Hocuspocus client's removal reaching Java. The other direction's
   * removal cannot be shown: Hocuspocus 4.7's MessageReceiver re-encodes every inbound awareness
   * update from the clients still present in a scratch Awareness, which drops null (removed)
   * states, so its clients drop a remote user only after y-protocols' 30 s outdated timeout.
   */
  @Test
  void awarenessCrossesBothWaysAndAHocuspocusClientsRemovalReachesJava() throws Exception {
    long n1 = clients.open("n1", node.url(), "doc3");
    clients.open("n2", node.url(), "doc3"); // keeps a connection, so Hocuspocus publishes n1's removal
    StateDocument doc = new StateDocument("doc3", java.relay());
    java.relay().afterLoad(doc);
    clients.call("awareness", Map.of("client", "n1", "state", Map.of("name", "node-user")));
    await(() -> doc.awarenessOf(n1) != null && doc.awarenessOf(n1).contains("node-user"), 5000);

    doc.setAwareness(4242, "{\"user\":{\"name\":\"java-user\"}}");
    clients.call("awaitAwareness", Map.of("client", "n1", "clientId", 4242, "present", true, "timeoutMs", 5000));
    clients.call("awaitAwareness", Map.of("client", "n2", "clientId", 4242, "present", true, "timeoutMs", 5000));

    long closed = System.nanoTime();
    clients.call("close", Map.of("client", "n1"));
    await(() -> "null".equals(doc.awarenessOf(n1)), 2000);
    long ms = (System.nanoTime() - closed) / 1_000_000;
    assertTrue(ms < 2000, "removal crossed in " + ms + " ms");
  }
}
