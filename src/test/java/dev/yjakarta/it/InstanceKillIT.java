package dev.yjakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** kill -9 of one instance while its clients edit: they move to the other, nothing acknowledged is lost. */
class InstanceKillIT {
  private static final Logger LOG = Logger.getLogger(InstanceKillIT.class.getName());

  @Test
  void clientsOfAKilledInstanceMoveToTheOtherAndNoAcknowledgedEditIsLost() throws Exception {
    try (ClusterFixture cluster = ClusterFixture.start("instance-kill", 2, ClusterIT.FAST_STORES);
        NodeDriver clients = NodeDriver.start("instance-kill-clients")) {
      String[] docs = {"kill-1", "kill-2"};
      for (String doc : docs) {
        clients.open(doc + "-a1", cluster.url(0), doc);
        clients.open(doc + "-a2", cluster.url(0), doc);
        clients.open(doc + "-b1", cluster.url(1), doc);
      }
      CompletableFuture<Void> kill = CompletableFuture.runAsync(() -> {
        try {
          Thread.sleep(1500);
          cluster.server(0).kill();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      JSONObject loop = clients.call("editLoop", Map.of("durationMs", 3000, "intervalMs", 40));
      kill.get();
      // the load balancer sends the killed instance's clients to the survivor, with their Y.Doc
      for (String doc : docs) {
        clients.call("reopen", Map.of("client", doc + "-a1", "url", cluster.url(1)), 30_000);
        clients.call("reopen", Map.of("client", doc + "-a2", "url", cluster.url(1)), 30_000);
      }
      JSONObject converged = clients.call("awaitConverged", Map.of("timeoutMs", 20_000));
      LOG.info("instance kill: pushed " + loop.getInt("pushed") + ", " + converged);
      int total = 0;
      for (String doc : docs) {
        total += converged.getJSONObject("counts").getInt(doc);
      }
      assertEquals(loop.getInt("pushed"), total, "every edit (acknowledged or still pending) survived");
      assertEquals(loop.getInt("pushed"), converged.getInt("acked"));

      for (String doc : docs) {
        Set<String> expected = new HashSet<>(ClusterIT.list(
            clients.call("tokens", Map.of("client", doc + "-b1")).getJSONArray("tokens")));
        Set<String> stored = Set.of();
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && !stored.equals(expected)) {
          Thread.sleep(250);
          stored = ClusterIT.storedTokens(cluster, clients, doc);
        }
        assertEquals(expected, stored, doc + " in the database");
        assertTrue(expected.size() > 0);
      }
    }
  }
}
