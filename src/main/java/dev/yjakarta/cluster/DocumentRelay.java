package dev.yjakarta.cluster;

import dev.yjakarta.server.ServerMetrics;
import dev.yjakarta.server.api.DocumentHandle;
import dev.yjakarta.server.api.Origin;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The relay protocol of one instance: what is published when a document loads, changes, or its
 * awareness changes, and how frames from peers are answered and applied. Wire-compatible with
 * extension-redis 4.7 (see docs/ARCHITECTURE.md, "Cluster"):
 *
 * <ul>
 *   <li>load: subscribe, NUMSUB, Step1 + QueryAwareness, wait for a Step2 on our reply channel;
 *   <li>a peer's Step1 → SyncReply+Step1 and Step2 on its reply channel; a SyncReply+Step1 →
 *       Step2; a Step2 is applied only when it arrives on our reply channel (it carries a whole
 *       delete set computed for our state vector);
 *   <li>local edits go out as Sync/Update frames (4.7 peers apply them through their
 *       MessageReceiver), so an edit costs in proportion to the edit; Step1 is kept for loads,
 *       reconnects and a slow round-robin anti-entropy.
 * </ul>
 *
 * Inbound frames of one document are handled in arrival order on that document's inbound lane;
 * outbound ones leave through the {@link RedisPublisher}'s single thread.
 */
final class DocumentRelay implements RedisSubscriber.Listener {
  private static final Logger LOG = Logger.getLogger(DocumentRelay.class.getName());

  private final RedisSettings settings;
  private final RedisPublisher publisher;
  private final ScheduledExecutorService scheduler;
  private final Function<String, InboundLane> inbound;
  private final ToLongFunction<String> numsubFunction;
  private final byte[] ownPrefix;
  private final String replyChannel;
  private final ConcurrentHashMap<String, Entry> documents = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ScheduledFuture<?>> pendingUnsubscribes = new ConcurrentHashMap<>();
  private RedisSubscriber subscriber;
  private RelayProbe probe;
  private ServerMetrics metrics = ServerMetrics.NONE;
  private volatile ScheduledFuture<?> antiEntropy;
  private volatile ScheduledFuture<?> probing;
  private int roundRobin;

  /** A loaded document and its pending initial sync. */
  private static final class Entry {
    final DocumentHandle document;
    volatile CountDownLatch initialSync;

    Entry(DocumentHandle document) {
      this.document = document;
    }
  }

  /**
   * @param inbound the inbound lane of a document name
   * @param numsubOf the number of subscribers of a channel (PUBSUB NUMSUB); throws when unknown
   */
  DocumentRelay(RedisSettings settings, RedisPublisher publisher, ScheduledExecutorService scheduler,
      Function<String, InboundLane> inbound, ToLongFunction<String> numsubOf) {
    this.settings = settings;
    this.publisher = publisher;
    this.scheduler = scheduler;
    this.inbound = inbound;
    this.ownPrefix = RelayEnvelope.prefixFor(settings.identifier());
    this.replyChannel = settings.replyChannel(settings.identifier());
    this.numsubFunction = numsubOf;
  }

  void attach(RedisSubscriber subscriber) {
    attach(subscriber, ServerMetrics.NONE);
  }

  /** Starts the anti-entropy rounds and, unless probing is off, the relay probe. */
  void attach(RedisSubscriber subscriber, ServerMetrics metrics) {
    this.subscriber = subscriber;
    this.metrics = metrics;
    long every = settings.antiEntropyIntervalMs();
    if (every > 0) {
      antiEntropy = scheduler.scheduleWithFixedDelay(this::antiEntropyStep, every, every, TimeUnit.MILLISECONDS);
    }
    if (settings.probeIntervalMs() > 0) {
      probe = new RelayProbe(new RelayProbe.Relay() {
        @Override
        public boolean connected() {
          return subscriber.connected();
        }

        @Override
        public void publishToSelf(byte[] payload) {
          publisher.publish(replyChannel, payload);
        }

        @Override
        public void pingSubscriber() {
          subscriber.ping();
        }

        @Override
        public long lastHeardNanos() {
          return subscriber.lastHeardNanos();
        }

        @Override
        public void forceReconnect() {
          publisher.reconnect(); // on the same dead route as the subscriber, and the resubscribe publishes
          subscriber.forceReconnect();
        }
      }, ownPrefix, settings.probeIntervalMs(), settings.probeTimeoutMs(), metrics, System::nanoTime);
      long tick = probe.tickMs();
      probing = scheduler.scheduleWithFixedDelay(this::probeTick, tick, tick, TimeUnit.MILLISECONDS);
    }
  }

  private void probeTick() {
    try {
      probe.tick();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "relay probe failed", e);
    }
  }

  /** Probes that timed out so far (0 when probing is off). */
  long probeTimeouts() {
    return probe == null ? 0 : probe.timeouts();
  }

  String replyChannel() {
    return replyChannel;
  }

  int documentCount() {
    return documents.size();
  }

  boolean relays(String documentName) {
    return documents.containsKey(documentName);
  }

  // ---------------------------------------------------------------- hooks (outbound)

  /**
   * Subscribes the document channel, announces our state and, when a peer has the document open,
   * blocks (on the loading thread) until its state arrives on our reply channel or the
   * awaitInitialSyncTimeout passes.
   */
  void afterLoad(DocumentHandle document) {
    String name = document.name();
    String channel = settings.documentChannel(name);
    Entry entry = new Entry(document);
    ScheduledFuture<?> unsubscribe;
    synchronized (this) {
      documents.put(name, entry);
      unsubscribe = pendingUnsubscribes.remove(name);
    }
    if (unsubscribe != null) {
      unsubscribe.cancel(false);
    }
    long timeout = settings.awaitInitialSyncTimeoutMs();
    boolean connected = subscriber.connected();
    CompletableFuture<Void> subscribed = subscriber.subscribe(channel);
    if (connected) {
      // as extension-redis: announce only once the channel is live, so no answer is missed
      try {
        subscribed.get(Math.max(timeout, 1000), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException | CancellationException e) {
        connected = false;
        LOG.fine("document channel not confirmed in time; the reconnect anti-entropy will sync it");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    // Redis down: load without waiting; the resubscribe announces this document to every peer
    boolean wait = connected && timeout > 0 && hasPeers(channel);
    CountDownLatch latch = wait ? new CountDownLatch(1) : null;
    entry.initialSync = latch;
    publisher.publish(channel, envelope(RelayFrame.step1(name, document.stateVector())));
    publisher.publish(channel, envelope(RelayFrame.queryAwareness(name)));
    if (latch != null) {
      try {
        if (!latch.await(timeout, TimeUnit.MILLISECONDS)) {
          LOG.fine("no peer state within awaitInitialSyncTimeout; continuing with what we have");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        entry.initialSync = null;
      }
    }
  }

  private boolean hasPeers(String channel) {
    if (settings.topology() == RedisSettings.Topology.CLUSTER) {
      return true; // NUMSUB counts one node's subscribers only
    }
    try {
      return numsubFunction.applyAsLong(channel) > 1;
    } catch (RuntimeException e) {
      return true; // like extension-redis: assume peers, the timeout bounds the wait
    }
  }

  /** A local change (any origin but RELAY and STORE) goes to the peers as one Sync/Update. */
  void onChange(DocumentHandle document, byte[] update, Origin origin) {
    if (origin == Origin.RELAY || origin == Origin.STORE || !documents.containsKey(document.name())) {
      return;
    }
    String name = document.name();
    publisher.publish(settings.documentChannel(name), envelope(RelayFrame.update(name, update)));
  }

  /**
   * Awareness goes out like extension-redis 4.7 (when the document has a local connection, whatever
   * the origin); removals of local clients go out always and at once, so a closed connection
   * disappears on the other instances without waiting for the 30 s outdated timeout.
   */
  void onAwareness(DocumentHandle document, Collection<Long> added, Collection<Long> updated,
      Collection<Long> removed, Origin origin) {
    String name = document.name();
    if (!documents.containsKey(name)) {
      return;
    }
    boolean local = document.connectionCount() > 0;
    boolean localRemoval = !removed.isEmpty() && origin != Origin.RELAY;
    if (!local && !localRemoval) {
      return;
    }
    List<Long> clients = new ArrayList<>(added.size() + updated.size() + removed.size());
    if (local) {
      clients.addAll(added);
      clients.addAll(updated);
    }
    clients.addAll(removed);
    if (clients.isEmpty()) {
      return;
    }
    byte[] update = document.encodeAwareness(clients);
    publisher.publish(settings.documentChannel(name), envelope(RelayFrame.awareness(name, update)));
  }

  /** beforeBroadcastStateless: the peers relay it to their connections. */
  void onBroadcastStateless(DocumentHandle document, String payload) {
    String name = document.name();
    publisher.publish(settings.documentChannel(name), envelope(RelayFrame.broadcastStateless(name, payload)));
  }

  /**
   * Stops relaying {@code document}; its channel is unsubscribed disconnectDelay later unless the
   * document was loaded again meanwhile (a fast reconnect).
   */
  void afterUnload(DocumentHandle document) {
    String name = document.name();
    synchronized (this) {
      Entry entry = documents.get(name);
      if (entry == null || entry.document != document) {
        return; // loaded again meanwhile
      }
      documents.remove(name);
      release(entry);
      ScheduledFuture<?> later = scheduler.schedule(() -> unsubscribeIfStillUnloaded(name),
          settings.disconnectDelayMs(), TimeUnit.MILLISECONDS);
      ScheduledFuture<?> previous = pendingUnsubscribes.put(name, later);
      if (previous != null) {
        previous.cancel(false);
      }
    }
  }

  private void unsubscribeIfStillUnloaded(String name) {
    synchronized (this) {
      pendingUnsubscribes.remove(name);
      if (documents.containsKey(name)) {
        return;
      }
      subscriber.unsubscribe(settings.documentChannel(name));
    }
  }

  // ---------------------------------------------------------------- inbound

  /**
   * Parses on the subscriber thread (cheap) and hands the frame to its document's inbound lane:
   * frames of one document stay in order, documents do not wait for each other. An update (cheap
   * to apply) is applied right here when its lane and its document are idle; anything else, and
   * anything that would wait, goes to the lane.
   */
  @Override
  public void onMessage(String channel, byte[] payload) {
    if (RelayEnvelope.isFrom(ownPrefix, payload)) {
      // Redis delivers our own publishes back to us; on our reply channel that is the probe
      if (probe != null && channel.equals(replyChannel)) {
        probe.received(payload);
      }
      return;
    }
    RelayEnvelope envelope;
    RelayFrame frame;
    try {
      envelope = RelayEnvelope.decode(payload);
      frame = RelayFrame.parse(envelope.frame());
    } catch (RelayFormatException e) {
      LOG.warning("dropped a malformed Redis message on " + channel + ": " + e.getMessage());
      return;
    }
    if (!documents.containsKey(frame.documentName())) {
      return; // not loaded here
    }
    long queuedAt = System.nanoTime();
    InboundLane lane = inbound.apply(frame.documentName());
    Runnable task = () -> {
      metrics.relayInboundWait(System.nanoTime() - queuedAt);
      receive(channel, envelope, frame);
    };
    try {
      if (frame.kind() != RelayFrame.Kind.UPDATE || !lane.runHereIfIdle(() -> updateHere(channel, frame))) {
        lane.queue(task);
      }
    } catch (RejectedExecutionException stopping) {
      // shutting down
    }
  }

  /** An UPDATE frame applied on the subscriber thread; false when its document is busy. */
  private boolean updateHere(String channel, RelayFrame frame) {
    Entry entry = documents.get(frame.documentName());
    if (entry == null) {
      return true; // not loaded here
    }
    try {
      if (!entry.document.applyUpdateIfIdle(frame.data(), Origin.RELAY)) {
        return false;
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not apply an UPDATE frame from a peer; dropped", e);
      return true;
    }
    metrics.relayInboundWait(0);
    if (channel.equals(replyChannel)) {
      release(entry);
    }
    return true;
  }

  /** Handles one frame from a peer (on the document's inbound lane). */
  void receive(String channel, RelayEnvelope from, RelayFrame frame) {
    Entry entry = documents.get(frame.documentName());
    if (entry == null) {
      return; // not loaded here
    }
    DocumentHandle document = entry.document;
    String name = frame.documentName();
    boolean toUs = channel.equals(replyChannel);
    String peer = settings.replyChannel(from.identifier());
    try {
      switch (frame.kind()) {
        case STEP1 -> {
          publisher.publish(peer, envelope(RelayFrame.replyStep1(name, document.stateVector())));
          publisher.publish(peer, envelope(RelayFrame.step2(name, document.diff(frame.data()))));
        }
        case REPLY_STEP1 ->
            publisher.publish(peer, envelope(RelayFrame.step2(name, document.diff(frame.data()))));
        case STEP2 -> {
          if (!toUs) {
            // a <= 4.6 peer answering someone else: its delete set was computed for another state
            // vector, applying it could delete content we do not have yet (hocuspocus #1151)
            return;
          }
          document.applyUpdate(frame.data(), Origin.RELAY);
          release(entry);
        }
        case UPDATE -> {
          document.applyUpdate(frame.data(), Origin.RELAY);
          if (toUs) {
            release(entry);
          }
        }
        case AWARENESS -> document.applyAwareness(frame.data(), Origin.RELAY);
        case QUERY_AWARENESS ->
            publisher.publish(peer, envelope(RelayFrame.awareness(name, document.encodeAwareness())));
        case BROADCAST_STATELESS -> document.relayStateless(frame.text());
        case OTHER -> LOG.fine("ignored a relay frame of an unhandled type");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not apply a " + frame.kind() + " frame from a peer; dropped", e);
    }
  }

  private static void release(Entry entry) {
    CountDownLatch latch = entry.initialSync;
    if (latch != null) {
      latch.countDown();
    }
  }

  /**
   * After every (re)subscribe: announce the state of every loaded document, so instances that
   * missed messages while Redis or this subscription was down converge without a new edit.
   */
  @Override
  public void onSubscribed() {
    for (Entry entry : documents.values()) {
      DocumentHandle document = entry.document;
      String name = document.name();
      String channel = settings.documentChannel(name);
      try {
        publisher.publish(channel, envelope(RelayFrame.step1(name, document.stateVector())));
        publisher.publish(channel, envelope(RelayFrame.queryAwareness(name)));
        if (document.connectionCount() > 0) {
          publisher.publish(channel, envelope(RelayFrame.awareness(name, document.encodeAwareness())));
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "anti-entropy announcement failed for one document", e);
      }
    }
  }

  /** One document's Step1 per interval, round-robin: bounded repair of silently lost messages. */
  private void antiEntropyStep() {
    try {
      if (!subscriber.connected() || documents.isEmpty()) {
        return;
      }
      List<Entry> all = new ArrayList<>(documents.values());
      Entry entry = all.get(Math.floorMod(roundRobin++, all.size()));
      String name = entry.document.name();
      publisher.publish(settings.documentChannel(name), envelope(RelayFrame.step1(name, entry.document.stateVector())));
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "anti-entropy step failed", e);
    }
  }

  private byte[] envelope(byte[] frame) {
    return RelayEnvelope.encode(ownPrefix, frame);
  }

  void stop() {
    for (ScheduledFuture<?> f : new ScheduledFuture<?>[] {antiEntropy, probing}) {
      if (f != null) {
        f.cancel(false);
      }
    }
    pendingUnsubscribes.values().forEach(f -> f.cancel(false));
    documents.values().forEach(DocumentRelay::release);
    documents.clear();
  }
}
