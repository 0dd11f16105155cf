package dev.yjakarta.server;

import dev.yjakarta.config.ServerSettings;
import dev.yjakarta.protocol.CloseCode;
import dev.yjakarta.protocol.CloseMessages;
import dev.yjakarta.server.api.CollabServer;
import dev.yjakarta.server.api.DirectConnection;
import dev.yjakarta.server.api.Origin;
import dev.yjakarta.server.auth.JwtAuthenticator;
import dev.yjakarta.server.hooks.CollabHook;
import dev.yjakarta.server.hooks.ConnectionContext;
import dev.yjakarta.server.hooks.HookRejection;
import dev.yjakarta.yjs.DocumentState;
import dev.yjakarta.yjs.DocumentStates;
import dev.yjakarta.yjs.Updates;
import dev.yjakarta.yjs.YjsLimits;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The collaboration server: owns the sockets, the documents and their lifecycle, and wires the
 * hooks, the store and the scheduler together. The WebSocket endpoint hands it each socket; the
 * application injects it as {@link CollabServer}.
 */
@ApplicationScoped
public class DocumentService implements CollabServer {
  private static final Logger LOG = Logger.getLogger(DocumentService.class.getName());

  @Inject Instance<CollabHook> hookBeans;
  @Inject Instance<DocumentStore> storeBeans;
  @Inject Instance<StoreLock> lockBeans;
  @Inject Instance<ServerMetrics> metricsBeans;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService managedExecutor;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService managedScheduler;

  private ServerSettings settings;
  private Executor pool;
  private Scheduler scheduler;
  private Hooks hooks;
  private Optional<DocumentStore> store;
  private Optional<StoreLock> storeLock;
  private Supplier<DocumentState> stateFactory;
  private DocumentLifecycle lifecycle;
  private StoreScheduler stores;
  private final Set<SocketSession> sessions = ConcurrentHashMap.newKeySet();
  private final AtomicInteger directConnections = new AtomicInteger();
  private volatile boolean shuttingDown;
  /** Counters for /metrics; tests that build the service by hand keep the no-op. */
  private ServerMetrics metrics = ServerMetrics.NONE;

  /** Everything the service runs on; tests pass fakes. */
  record Environment(ServerSettings settings, Executor pool, Scheduler scheduler, List<Hooks.Ranked> hooks,
      Optional<DocumentStore> store, Optional<StoreLock> storeLock, Supplier<DocumentState> stateFactory) {}

  @PostConstruct
  void init() {
    ServerSettings s = ServerSettings.fromJndi();
    metrics = metricsBeans.isResolvable() ? metricsBeans.get() : ServerMetrics.NONE;
    List<Hooks.Ranked> ranked = new ArrayList<>();
    for (Instance.Handle<CollabHook> h : hookBeans.handles()) {
      Priority p = h.getBean().getBeanClass().getAnnotation(Priority.class);
      ranked.add(new Hooks.Ranked(h.get(), p == null ? Hooks.DEFAULT_PRIORITY : p.value(), h.getBean().getBeanClass()));
    }
    Optional<DocumentStore> st = storeBeans.isResolvable() ? Optional.of(storeBeans.get()) : Optional.empty();
    Optional<StoreLock> lock = lockBeans.isResolvable() ? Optional.of(lockBeans.get()) : Optional.empty();
    // During undeploy the container may stop its executor before @PreDestroy has flushed the
    // stores; the flush then runs on the shutting-down thread instead of being refused.
    Executor managed = ContextCapture.cheap(managedExecutor);
    Executor pool = task -> {
      try {
        managed.execute(task);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        if (!shuttingDown) {
          throw e;
        }
        task.run();
      }
    };
    start(new Environment(s, pool, new ExecutorScheduler(managedScheduler), ranked, st, lock,
        () -> DocumentStates.create(YjsLimits.DEFAULT)));
    LOG.info(() -> "collaboration server started: " + settings + ", store " + (st.isPresent() ? "present" : "absent")
        + ", " + ranked.size() + " hook bean(s)");
  }

  /**
   * Creates the service when the application starts rather than on the first socket, so that an
   * invalid configuration fails the deployment with its message instead of the first client.
   */
  void eagerStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // delivering the event instantiated the bean: init() has run
  }

  /** Wires the service; called once (by {@link #init()} or a test). */
  void start(Environment env) {
    this.settings = env.settings();
    this.pool = env.pool();
    this.scheduler = env.scheduler();
    this.store = env.store();
    this.storeLock = env.storeLock();
    this.stateFactory = env.stateFactory();
    List<Hooks.Ranked> ranked = new ArrayList<>(env.hooks());
    settings.jwtSecret().ifPresent(secret ->
        ranked.add(new Hooks.Ranked(new JwtAuthenticator(secret), Integer.MIN_VALUE)));
    this.hooks = new Hooks(ranked);
    this.stores = new StoreScheduler(scheduler, pool, settings.debounceMs(), settings.maxDebounceMs(),
        settings.storeRetryMinMs(), settings.storeRetryMaxMs(), this::measuredStore,
        name -> lifecycle.maybeUnload(name));
    this.lifecycle = new DocumentLifecycle(pool, this::measuredLoad, new Unloading());
    if (settings.pingIntervalMs() > 0) {
      scheduleKeepalive();
    }
  }

  /**
   * One sweep over all sockets instead of a timer per socket. It runs every half interval, so a
   * quiet v4 socket hears from the server at least every 1.5 intervals.
   */
  private void scheduleKeepalive() {
    long interval = settings.pingIntervalMs();
    scheduler.schedule(() -> {
      if (shuttingDown) {
        return;
      }
      long now = scheduler.nowMillis();
      for (SocketSession s : sessions) {
        s.pingIfQuiet(now, interval);
      }
      scheduleKeepalive();
    }, Math.max(1, interval / 2));
  }

  ServerSettings settings() {
    return settings;
  }

  ServerMetrics metrics() {
    return metrics;
  }

  /** Largest inbound frame (the endpoint closes with 1009 beyond it). */
  public int maxMessageBytes() {
    return settings.maxMessageBytes();
  }

  /** Bytes queued for a slow client before its socket is closed. */
  public long maxSendQueueBytes() {
    return settings.maxSendQueueBytes();
  }

  Executor pool() {
    return pool;
  }

  /** The service's clock and timers (the WebSocket transport delays its closes on it). */
  public Scheduler scheduler() {
    return scheduler;
  }

  Hooks hooks() {
    return hooks;
  }

  StoreScheduler stores() {
    return stores;
  }

  DocumentLifecycle lifecycle() {
    return lifecycle;
  }

  // --- sockets ---

  /** A new socket. Returns the session that the endpoint feeds frames into. */
  public SocketSession open(Transport transport, Map<String, List<String>> requestParameters,
      Map<String, List<String>> requestHeaders) {
    SocketSession s = new SocketSession(this, transport, requestParameters, requestHeaders);
    if (shuttingDown) {
      transport.close(CloseCode.GOING_AWAY);
      return s;
    }
    sessions.add(s);
    s.start();
    return s;
  }

  void sessionClosed(SocketSession s) {
    sessions.remove(s);
  }

  /** A document connection ended: its hold on the document goes. */
  void connectionClosed(DocumentConnection c) {
    LOG.info(() -> "connection " + c.socketId() + " left document '" + c.documentName() + "'");
    lifecycle.release(c.documentName());
  }

  // --- load, store, unload ---

  private Document measuredLoad(String name, ConnectionContext trigger) throws Exception {
    long start = System.nanoTime();
    Document doc = loadDocument(name, trigger);
    metrics.loadCompleted(System.nanoTime() - start);
    metrics.documentLoaded();
    return doc;
  }

  private Document loadDocument(String name, ConnectionContext trigger) throws Exception {
    if (name.isBlank()) {
      throw new HookRejection(SocketSession.DEFAULT_DENIAL);
    }
    Document doc = new Document(name, stateFactory.get(), this);
    if (store.isPresent()) {
      Optional<byte[]> stored = store.get().load(name); // throws: the load fails, never an empty doc
      stored.ifPresent(bytes -> doc.apply(bytes, Origin.STORE, null));
    }
    HookContexts.Load ctx = new HookContexts.Load(name, doc, trigger);
    hooks.run(CollabHook::onLoadDocument, ctx);
    doc.loaded();
    hooks.run(CollabHook::afterLoadDocument, new HookContexts.Doc(name, doc));
    return doc;
  }

  /**
   * One store run (on the pool): under the cluster store lock when there is one, the
   * onStoreDocument hooks, the DocumentStore, then afterStoreDocument. A lock held elsewhere fails
   * the run, so it is retried rather than skipped.
   */
  private void measuredStore(String name) throws Exception {
    long start = System.nanoTime();
    try {
      storeDocument(name);
    } catch (Exception | Error e) {
      metrics.storeFailed();
      throw e;
    }
    metrics.storeCompleted(System.nanoTime() - start);
  }

  private void storeDocument(String name) throws Exception {
    Document doc = lifecycle.loaded(name);
    if (doc == null) {
      return;
    }
    if (storeLock.isEmpty()) {
      storeDocument(name, doc);
      return;
    }
    try (StoreLock.Lease lease = storeLock.get().acquire(name)) {
      storeDocument(name, doc);
      if (!lease.held()) {
        throw new DocumentStoreException("the store lock of '" + name + "' was lost while storing");
      }
    }
  }

  private void storeDocument(String name, Document doc) throws Exception {
    DocumentState.EncodedState encoded = doc.encodeStateWithCoverage();
    byte[] state = encoded.update();
    HookContexts.Store ctx = new HookContexts.Store(name, doc, state, doc.lastOrigin());
    if (!hooks.run(CollabHook::onStoreDocument, ctx)) {
      LOG.fine(() -> "a hook took over storing document '" + name + "'");
      return;
    }
    if (store.isPresent()) {
      byte[] stored = store.get().storeGrown(name, state, encoded.coverage());
      if (stored != null && !Arrays.equals(stored, state)) { // same array: the row adds nothing
        // Another writer stored first; its changes arrive here and go to our clients. Only what
        // this document lacks goes to its lane: decoding the whole row there (O(document), every
        // store) stalled the edits of a large document behind it.
        byte[] missing = Updates.diff(stored, doc.stateVector());
        doc.executor().execute(() -> {
          try {
            doc.apply(missing, Origin.STORE, null);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the merged state of document '" + name + "' could not be applied", e);
          }
        });
      }
    }
    hooks.run(CollabHook::afterStoreDocument, ctx);
    LOG.info(() -> "document '" + name + "' stored (" + state.length + " bytes)");
  }

  private final class Unloading implements DocumentLifecycle.Unloader {
    @Override
    public CompletableFuture<Boolean> prepare(Document doc) {
      return stores.storeNow(doc.name()).thenApplyAsync(stored -> {
        if (!stored) {
          return false;
        }
        try {
          hooks.run(CollabHook::beforeUnloadDocument, new HookContexts.Doc(doc.name(), doc));
          return true;
        } catch (Exception e) {
          LOG.info(() -> "beforeUnloadDocument kept document '" + doc.name() + "' loaded: " + e);
          return false;
        }
      }, pool);
    }

    @Override
    public boolean canCommit(Document doc) {
      return stores.isIdle(doc.name());
    }

    @Override
    public void finish(Document doc) {
      stores.forget(doc.name());
      metrics.documentUnloaded();
      hooks.notify("afterUnloadDocument", CollabHook::afterUnloadDocument, new HookContexts.Doc(doc.name(), doc));
    }
  }

  // --- CollabServer ---

  @Override
  public DirectConnection openDocument(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("document name must not be empty or blank");
    }
    Document doc;
    try {
      doc = lifecycle.acquire(name, null).get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while opening '" + name + "'", e);
    } catch (Exception e) {
      throw new IllegalStateException("document '" + name + "' could not be loaded", e);
    }
    directConnections.incrementAndGet();
    doc.directConnections(1);
    return new DirectDocumentConnection(doc, () -> {
      directConnections.decrementAndGet();
      doc.directConnections(-1);
      lifecycle.release(doc.name());
    });
  }

  @Override
  public boolean broadcastStateless(String name, String payload) {
    Document doc = lifecycle.loaded(name);
    if (doc == null) {
      return false;
    }
    doc.broadcastStateless(payload);
    return true;
  }

  @Override
  public int documentCount() {
    return lifecycle.documentCount();
  }

  @Override
  public int connectionCount() {
    int n = directConnections.get();
    for (SocketSession s : sessions) {
      if (s.hasDocumentConnections()) {
        n++;
      }
    }
    return n;
  }

  @Override
  public void closeConnections(String name) {
    Document doc = lifecycle.loaded(name);
    if (doc == null) {
      return;
    }
    doc.executor().execute(() -> {
      for (DocumentConnection c : new ArrayList<>(doc.connections())) {
        c.closeNow(CloseMessages.close(c.address(), CloseCode.RESET_CONNECTION.reason()));
      }
    });
  }

  @Override
  public List<String> failingStores() {
    return stores.failing();
  }

  // --- shutdown ---

  /**
   * Graceful undeploy: refuse new sockets, flush every pending store (retrying until
   * {@code shutdownFlushMs}), close the sockets with 1001, then flush what arrived meanwhile.
   */
  @PreDestroy
  public void shutdown() {
    shutdownNow();
  }

  /**
   * Flushes while every other application-scoped bean (the JPA store, a relay) still works: CDI
   * destroys those in no particular order, so {@code @PreDestroy} alone could find the store gone.
   */
  void beforeApplicationEnds(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    shutdownNow();
  }

  private synchronized void shutdownNow() {
    if (stores == null || shuttingDown) {
      return;
    }
    shuttingDown = true;
    long deadline = scheduler.nowMillis() + settings.shutdownFlushMs();
    flushAll(deadline);
    for (SocketSession s : new ArrayList<>(sessions)) {
      s.closeSocket(CloseCode.GOING_AWAY);
    }
    flushAll(deadline); // changes that arrived while the first flush ran
    List<String> left = stores.busy();
    if (!left.isEmpty()) {
      LOG.severe("shutdown: " + left.size() + " document(s) could not be stored: " + left);
    }
    stores.cancelAll();
  }

  boolean isShuttingDown() {
    return shuttingDown;
  }

  private void flushAll(long deadline) {
    while (true) {
      List<String> busy = stores.busy();
      if (busy.isEmpty()) {
        return;
      }
      List<CompletableFuture<Boolean>> runs = new ArrayList<>();
      busy.forEach(name -> runs.add(stores.storeNow(name)));
      long remaining = deadline - scheduler.nowMillis();
      if (remaining <= 0) {
        return;
      }
      try {
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(remaining, TimeUnit.MILLISECONDS);
        if (runs.stream().allMatch(f -> Boolean.TRUE.equals(f.getNow(false)))) {
          continue; // re-check: a run may have left new changes
        }
        Thread.sleep(Math.min(settings.storeRetryMinMs(), Math.max(1, deadline - scheduler.nowMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception timeoutOrFailure) {
        return;
      }
    }
  }
}
