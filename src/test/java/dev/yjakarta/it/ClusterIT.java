package dev.yjakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.json.JSONArray;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two y-jakarta instances (Payara Micro processes) and a Hocuspocus 4.7 instance on one real
 * Redis, one shared SQLite file, driven by real providers. Every test uses its own documents.
 */
class ClusterIT {
  private static final Logger LOG = Logger.getLogger(ClusterIT.class.getName());

  /** Store quickly, so the database catches up within the tests' patience. */
  static final Map<String, String> FAST_STORES = Map.of(
      "yjakarta/server/debounceMs", "200",
      "yjakarta/server/maxDebounceMs", "1000",
      "yjakarta/server/storeRetryMinMs", "100",
      "yjakarta/server/storeRetryMaxMs", "1000");

  private static ClusterFixture cluster;
  private static NodeHocuspocus hocuspocus;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start("cluster", 2, FAST_STORES);
    hocuspocus = NodeHocuspocus.start("cluster-hocuspocus", cluster.redis.port(), "node-1", "hocuspocus");
  }

  @AfterAll
  static void stop() throws Exception {
    if (hocuspocus != null) {
      hocuspocus.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String a() {
    return cluster.url(0);
  }

  private static String b() {
    return cluster.url(1);
  }

  @Test
  void manyDocumentsConvergeWithConcurrentClientsOnBothInstances() throws Exception {
    try (NodeDriver clients = NodeDriver.start("cluster-converge")) {
      int docs = 8;
      for (int d = 0; d < docs; d++) {
        clients.open("d" + d + "-a1", a(), "converge-" + d);
        clients.open("d" + d + "-a2", a(), "converge-" + d);
        clients.open("d" + d + "-b1", b(), "converge-" + d);
      }
      JSONObject loop = clients.call("editLoop", Map.of("durationMs", 3000, "intervalMs", 40));
      JSONObject converged = clients.call("awaitConverged", Map.of("timeoutMs", 30_000));
      LOG.info("converge: pushed " + loop.getInt("pushed") + ", " + converged);
      assertEquals(loop.getInt("pushed"), converged.getInt("acked"), "every edit was acknowledged");
      JSONObject counts = converged.getJSONObject("counts");
      int total = 0;
      for (int d = 0; d < docs; d++) {
        total += counts.getInt("converge-" + d);
      }
      assertEquals(loop.getInt("pushed"), total, "every edit is in its document, on every client");
    }
  }

  @Test
  void anAwarenessRemovalCrossesInstancesInUnderTwoSeconds() throws Exception {
    try (NodeDriver watcher = NodeDriver.start("cluster-awareness-watcher");
        NodeDriver holder = NodeDriver.start("cluster-awareness-holder")) {
      watcher.open("w", b(), "awareness-1");
      long held = holder.open("h", a(), "awareness-1");
      holder.call("awareness", Map.of("client", "h", "state", Map.of("name", "holder")));
      watcher.call("awaitAwareness", Map.of("client", "w", "clientId", held, "present", true, "timeoutMs", 10_000));

      long killed = System.nanoTime();
      holder.kill(); // its socket drops without an awareness goodbye: the server must remove it
      watcher.call("awaitAwareness", Map.of("client", "w", "clientId", held, "present", false, "timeoutMs", 5000));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
      LOG.info("awareness removal crossed instances in " + ms + " ms");
      assertTrue(ms < 2000, "removal seen on the other instance after " + ms + " ms");
    }
  }

  @Test
  void aMixedClusterWithHocuspocus47ConvergesAndSharesAwareness() throws Exception {
    try (NodeDriver clients = NodeDriver.start("cluster-mixed")) {
      long onA = clients.open("a1", a(), "mixed-1");
      clients.open("b1", b(), "mixed-1");
      long onNode = clients.open("n1", hocuspocus.url(), "mixed-1");
      clients.open("n2", hocuspocus.url(), "mixed-1");
      JSONObject loop = clients.call("editLoop", Map.of("durationMs", 3000, "intervalMs", 40));
      JSONObject converged = clients.call("awaitConverged", Map.of("timeoutMs", 20_000));
      LOG.info("mixed: pushed " + loop.getInt("pushed") + ", " + converged);
      assertEquals(loop.getInt("pushed"), converged.getJSONObject("counts").getInt("mixed-1"));

      clients.call("awareness", Map.of("client", "n1", "state", Map.of("name", "on-hocuspocus")));
      clients.call("awaitAwareness", Map.of("client", "a1", "clientId", onNode, "present", true, "timeoutMs", 5000));
      clients.call("awaitAwareness", Map.of("client", "b1", "clientId", onNode, "present", true, "timeoutMs", 5000));
      clients.call("awareness", Map.of("client", "a1", "state", Map.of("name", "on-y-jakarta")));
      clients.call("awaitAwareness", Map.of("client", "n2", "clientId", onA, "present", true, "timeoutMs", 5000));
      // a Hocuspocus client leaving reaches y-jakarta's clients (n2 keeps Hocuspocus publishing)
      clients.call("close", Map.of("client", "n1"));
      clients.call("awaitAwareness", Map.of("client", "a1", "clientId", onNode, "present", false, "timeoutMs", 2000));
    }
  }

  @Test
  void instancesReconvergeWithinFiveSecondsOfRedisComingBackWithoutNewEdits() throws Exception {
    try (NodeDriver clients = NodeDriver.start("cluster-redis-outage")) {
      for (int d = 0; d < 4; d++) {
        clients.open("o" + d + "-a", a(), "outage-" + d);
        clients.open("o" + d + "-b", b(), "outage-" + d);
      }
      CompletableFuture<Void> outage = CompletableFuture.runAsync(() -> {
        try {
          Thread.sleep(1000);
          cluster.redis.kill();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      JSONObject loop = clients.call("editLoop", Map.of("durationMs", 3000, "intervalMs", 40));
      outage.get();
      // both instances took edits the other never heard of; no edit from here on
      cluster.redis.restart();
      long back = System.nanoTime();
      JSONObject converged = clients.call("awaitConverged", Map.of("timeoutMs", 15_000));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
      LOG.info("redis outage: pushed " + loop.getInt("pushed") + ", converged " + ms + " ms after Redis was back: " + converged);
      assertEquals(loop.getInt("pushed"), converged.getInt("acked"));
      int total = 0;
      for (int d = 0; d < 4; d++) {
        total += converged.getJSONObject("counts").getInt("outage-" + d);
      }
      assertEquals(loop.getInt("pushed"), total, "nothing lost");
      assertTrue(ms < 5000, "converged " + ms + " ms after Redis was back");
    }
  }

  @Test
  void underLockContentionTheDatabaseEndsWithExactlyTheFinalState() throws Exception {
    try (NodeDriver clients = NodeDriver.start("cluster-lock-contention")) {
      clients.open("la", a(), "contended");
      clients.open("lb", b(), "contended");
      long unavailableBefore = lockUnavailableLogLines();
      double storesBefore = metricOnBoth("yjakarta_store_duration_seconds_count");
      double comparisonsBefore = metricOnBoth("yjakarta_store_row_comparisons_total");
      // besides the two instances, a third party (as a Hocuspocus instance's Redlock would) takes
      // the lock now and then, so contention is certain, not left to timing
      java.util.concurrent.atomic.AtomicBoolean editing = new java.util.concurrent.atomic.AtomicBoolean(true);
      CompletableFuture<Integer> intruder = CompletableFuture.supplyAsync(() -> {
        int taken = 0;
        try (RedisClient lockHolder = RedisClient.create("127.0.0.1", cluster.redis.port())) {
          while (editing.get()) {
            Thread.sleep(1500);
            if ("OK".equals(lockHolder.set("hocuspocus:contended:lock", "intruder",
                SetParams.setParams().nx().px(400)))) {
              taken++;
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return taken;
      });
      JSONObject loop;
      try {
        loop = clients.call("editLoop", Map.of("durationMs", 60_000, "intervalMs", 50), 120_000);
      } finally {
        editing.set(false);
      }
      int intrusions = intruder.get();
      JSONObject converged = clients.call("awaitConverged", Map.of("timeoutMs", 20_000));
      assertEquals(loop.getInt("pushed"), converged.getJSONObject("counts").getInt("contended"));
      Set<String> expected = tokens(clients.call("tokens", Map.of("client", "la")).getJSONArray("tokens"));
      long deadline = System.currentTimeMillis() + 20_000;
      Set<String> stored = Set.of();
      while (System.currentTimeMillis() < deadline) {
        stored = storedTokens(clients, "contended");
        if (stored.equals(expected)) {
          break;
        }
        Thread.sleep(250);
      }
      long unavailable = lockUnavailableLogLines() - unavailableBefore;
      LOG.info("lock contention: " + loop.getInt("pushed") + " edits in 60 s, stored " + stored.size()
          + ", lock taken by the intruder " + intrusions + " times, stores that found the lock taken (first of a streak): "
          + unavailable);
      double stores = metricOnBoth("yjakarta_store_duration_seconds_count") - storesBefore;
      double comparisons = metricOnBoth("yjakarta_store_row_comparisons_total") - comparisonsBefore;
      LOG.info("lock contention: " + stores + " stores, " + comparisons + " of them decoded the row");
      assertEquals(expected, stored, "the database holds exactly the final document");
      assertTrue(intrusions > 0 && unavailable > 0, "stores did meet a taken lock (and were retried)");
      // each store follows the other instance's: the coverage, not a decode, shows the row is held
      assertTrue(stores >= 20 && comparisons <= stores / 4,
          stores + " stores, " + comparisons + " decoded the other instance's row");
    }
  }

  /** The sum of a metric's value on both instances' /metrics. */
  private static double metricOnBoth(String name) throws Exception {
    double sum = 0;
    for (PayaraProcess p : cluster.servers) {
      String body = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(p.http("/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      sum += body.lines().filter(l -> l.startsWith(name + " "))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst()
          .orElseThrow(() -> new AssertionError(name + " is not in /metrics of " + p.http("/metrics")));
    }
    return sum;
  }

  /** Stores that failed on a taken lock (the scheduler logs the first failure of each streak). */
  private static long lockUnavailableLogLines() throws java.io.IOException {
    long n = 0;
    for (PayaraProcess p : cluster.servers) {
      try (var lines = java.nio.file.Files.lines(p.logFile(), java.nio.charset.StandardCharsets.ISO_8859_1)) {
        n += lines.filter(l -> l.contains("StoreLockUnavailable")).count();
      }
    }
    return n;
  }

  static Set<String> tokens(JSONArray array) {
    Set<String> out = new HashSet<>();
    for (int i = 0; i < array.length(); i++) {
      out.add(array.getString(i));
    }
    return out;
  }

  /** The tokens of the document as stored in the shared SQLite file (decoded by real yjs). */
  static Set<String> storedTokens(NodeDriver clients, String name) throws Exception {
    return storedTokens(cluster, clients, name);
  }

  static Set<String> storedTokens(ClusterFixture cluster, NodeDriver clients, String name) throws Exception {
    byte[] state;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cluster.database);
        PreparedStatement st = c.prepareStatement("SELECT state, format FROM yjakarta_document WHERE name = ?")) {
      st.setString(1, name);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return Set.of();
        }
        state = rs.getBytes(1);
        assertEquals(1, rs.getInt(2), "stored as a V1 update");
      }
    }
    return tokens(clients.call("decodeTokens", Map.of("state", Base64.getEncoder().encodeToString(state)))
        .getJSONArray("tokens"));
  }

  static List<String> list(JSONArray array) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < array.length(); i++) {
      out.add(array.getString(i));
    }
    return out;
  }
}
