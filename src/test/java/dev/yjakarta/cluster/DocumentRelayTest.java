package dev.yjakarta.cluster;

import static dev.yjakarta.cluster.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.it.RedisProcess;
import dev.yjakarta.server.api.Origin;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/** Two relays on one real Redis, with fake documents (the Yjs core is not needed for the protocol). */
class DocumentRelayTest {
  private RedisProcess redis;
  private ExecutorService loops;
  private RedisCluster a;
  private RedisCluster b;
  private UnifiedJedis raw;
  private final List<RelayFrame> onDocumentChannel = new CopyOnWriteArrayList<>();
  private BinaryJedisPubSub spy;

  @BeforeEach
  void start() throws Exception {
    redis = RedisProcess.start();
    loops = Executors.newCachedThreadPool();
    a = cluster("A");
    b = cluster("B");
    raw = RedisClients.create(settings("spy"));
    spy = new BinaryJedisPubSub() {
      @Override
      public void onMessage(byte[] channel, byte[] message) {
        onDocumentChannel.add(RelayFrame.parse(RelayEnvelope.decode(message).frame()));
      }
    };
    loops.submit(() -> raw.subscribe(spy, "hp:doc".getBytes(StandardCharsets.UTF_8)));
    await(() -> a.connected() && b.connected() && spy.isSubscribed(), 5000);
  }

  private RedisSettings settings(String id) {
    return RedisSettings.builder().host("127.0.0.1").port(redis.port()).prefix("hp").identifier(id)
        .disconnectDelayMs(300).antiEntropyIntervalMs(0).build();
  }

  private RedisCluster cluster(String id) {
    return RedisCluster.start(settings(id), loops, Executors.defaultThreadFactory());
  }

  @AfterEach
  void stop() throws Exception {
    a.close();
    b.close();
    try {
      spy.unsubscribe();
    } catch (RuntimeException ignored) {
      // Redis may be down
    }
    raw.close();
    loops.shutdownNow();
    redis.close();
  }


  private FakeDocument load(RedisCluster on, String... items) {
    FakeDocument d = new FakeDocument("doc", on.relay(), items);
    on.relay().afterLoad(d);
    return d;
  }

  @Test
  void aLoadWaitsUntilThePeerHasSentItsState() {
    FakeDocument da = load(a, "x", "y");
    long start = System.nanoTime();
    FakeDocument db = load(b);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(Set.of("x", "y"), db.items(), "B has A's state when its load returns");
    assertTrue(ms < 1000, "released by the peer's Step2, not by the timeout (" + ms + " ms)");
    assertTrue(db.appliedOrigins.stream().allMatch(o -> o == Origin.RELAY));
    assertEquals(Set.of("x", "y"), da.items());
  }

  @Test
  void aLoadFindsItsOwnStateSentToThePeerThroughTheSyncReplyExchange() throws Exception {
    FakeDocument da = load(a, "x");
    load(b, "b-only");
    await(() -> da.items().contains("b-only"), 3000);
  }

  @Test
  void anEditTravelsAsOneUpdateFrameAndIsNotPublishedBack() throws Exception {
    FakeDocument da = load(a);
    FakeDocument db = load(b);
    Thread.sleep(300);
    onDocumentChannel.clear();
    da.edit("hello");
    await(() -> db.items().contains("hello"), 3000);
    Thread.sleep(300);
    assertEquals(List.of(RelayFrame.Kind.UPDATE),
        onDocumentChannel.stream().map(RelayFrame::kind).toList(),
        "one Update on the document channel; no Step1, no echo from B");
    assertEquals(Origin.RELAY, db.appliedOrigins.get(db.appliedOrigins.size() - 1));
  }

  @Test
  void aPeersUpdateIsAppliedByTheSubscriberWhenTheDocumentIsIdleAndOnTheLaneWhenItIsBusy() throws Exception {
    FakeDocument da = load(a);
    FakeDocument db = load(b);
    Thread.sleep(300);
    da.edit("idle");
    await(() -> db.items().contains("idle"), 3000);
    assertEquals(1, db.appliedHere, "applied on the subscriber thread: no hand-off to a lane");
    db.busy.lock();
    try {
      da.edit("busy-1");
      da.edit("busy-2");
      Thread.sleep(300);
      assertFalse(db.items().contains("busy-1"), "the subscriber did not wait for the busy document");
    } finally {
      db.busy.unlock();
    }
    await(() -> db.items().containsAll(List.of("busy-1", "busy-2")), 3000);
    assertEquals(1, db.appliedHere, "the busy document's updates took its lane, in order, none lost");
  }

  @Test
  void appliesAStep2OnlyWhenItArrivesOnTheOwnReplyChannel() throws Exception {
    FakeDocument db = load(b);
    byte[] overheard = RelayEnvelope.encode("old-peer", RelayFrame.step2("doc", FakeDocument.encode(List.of("ghost"))));
    raw.publish("hp:doc".getBytes(StandardCharsets.UTF_8), overheard);
    byte[] addressed = RelayEnvelope.encode("old-peer", RelayFrame.step2("doc", FakeDocument.encode(List.of("mine"))));
    raw.publish("hp#reply:B".getBytes(StandardCharsets.UTF_8), addressed);
    await(() -> db.items().contains("mine"), 3000);
    assertFalse(db.items().contains("ghost"), "a Step2 computed for another instance is never applied");
  }

  @Test
  void answersQueryAwarenessAndRelaysAwarenessAndStatelessMessages() throws Exception {
    FakeDocument da = load(a);
    da.awareness = new byte[] {1, 7, 1, 2, '{', '}'};
    da.connections = 1;
    FakeDocument db = load(b);
    await(() -> !db.awarenessApplied.isEmpty(), 3000);
    assertEquals(6, db.awarenessApplied.get(0).length, "A answered B's QueryAwareness");
    db.broadcastStateless("{\"hi\":1}");
    await(() -> da.statelessRelayed.contains("{\"hi\":1}"), 3000);
    assertTrue(db.statelessRelayed.isEmpty(), "own stateless is not relayed back");
  }

  @Test
  void publishesAwarenessRemovalsEvenWithoutLocalConnections() throws Exception {
    FakeDocument da = load(a);
    FakeDocument db = load(b);
    Thread.sleep(200);
    da.connections = 0;
    int before = db.awarenessApplied.size();
    a.relay().onAwareness(da, List.of(), List.of(5L), List.of(), Origin.CONNECTION);
    a.relay().onAwareness(da, List.of(), List.of(), List.of(5L), Origin.CONNECTION);
    await(() -> db.awarenessApplied.size() == before + 1, 3000);
    Thread.sleep(200);
    assertEquals(before + 1, db.awarenessApplied.size(), "the update without connections is not published");
  }

  @Test
  void reconvergesAfterRedisRestartsWithoutAnyNewEdit() throws Exception {
    FakeDocument da = load(a, "base");
    FakeDocument db = load(b);
    await(() -> db.items().contains("base"), 3000);
    redis.kill();
    await(() -> !a.connected() && !b.connected(), 5000);
    da.edit("during-outage-a");
    db.edit("during-outage-b");
    Thread.sleep(300);
    redis.restart();
    long back = System.nanoTime();
    await(() -> da.items().equals(db.items()) && da.items().size() == 3, 5000);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
    assertTrue(ms < 5000, "converged " + ms + " ms after Redis was back");
  }

  @Test
  void aLoadWhileRedisIsDownDoesNotWaitAndSyncsOnceRedisIsBack() throws Exception {
    FakeDocument da = load(a, "from-a");
    redis.kill();
    await(() -> !b.connected(), 5000);
    long start = System.nanoTime();
    FakeDocument db = load(b, "from-b");
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(ms < 300, "the load did not wait for Redis (" + ms + " ms)");
    redis.restart();
    await(() -> da.items().equals(Set.of("from-a", "from-b")) && db.items().equals(da.items()), 5000);
  }

  @Test
  void periodicAntiEntropyRepairsALostUpdate() throws Exception {
    a.close();
    a = RedisCluster.start(RedisSettings.builder().host("127.0.0.1").port(redis.port()).prefix("hp").identifier("A")
        .antiEntropyIntervalMs(200).build(), loops, Executors.defaultThreadFactory());
    await(a::connected, 5000);
    FakeDocument da = load(a);
    FakeDocument db = load(b);
    // a change that never reached Redis (as if the publish was lost)
    da.applyUpdate(FakeDocument.encode(List.of("lost")), Origin.RELAY);
    await(() -> db.items().contains("lost"), 3000);
  }

  @Test
  void unsubscribesDisconnectDelayAfterUnloadUnlessLoadedAgain() throws Exception {
    FakeDocument first = load(a);
    a.relay().afterUnload(first);
    assertTrue(a.subscriber().subscribedChannels().contains("hp:doc"), "kept during disconnectDelay");
    load(a); // fast reconnect
    Thread.sleep(600);
    assertTrue(a.subscriber().subscribedChannels().contains("hp:doc"), "reloaded: still subscribed");
    FakeDocument again = new FakeDocument("doc2", a.relay());
    a.relay().afterLoad(again);
    a.relay().afterUnload(again);
    await(() -> !a.subscriber().subscribedChannels().contains("hp:doc2"), 3000);
  }
}
