package dev.yjakarta.cluster;

import dev.yjakarta.server.ServerMetrics;
import dev.yjakarta.server.StoreLock;
import dev.yjakarta.server.api.ComponentHealth;
import dev.yjakarta.server.api.HealthSource;
import dev.yjakarta.server.hooks.AwarenessContext;
import dev.yjakarta.server.hooks.BroadcastContext;
import dev.yjakarta.server.hooks.ChangeContext;
import dev.yjakarta.server.hooks.CollabHook;
import dev.yjakarta.server.hooks.DocumentContext;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The Redis relay as a collaboration hook: inert without {@code yjakarta/redis/*} settings, else it
 * starts a {@link RedisCluster} at deployment and forwards the document lifecycle to it. It also
 * produces the {@link StoreLock} the store scheduler takes around each store (a no-op lock when
 * Redis is off).
 */
@ApplicationScoped
public class RedisRelay implements CollabHook, HealthSource {
  private static final Logger LOG = Logger.getLogger(RedisRelay.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  private ManagedExecutorService executor;

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  private ManagedThreadFactory threads;

  @Inject Instance<ServerMetrics> metricsBeans;

  private RedisCluster cluster;

  @PostConstruct
  void start() {
    RedisSettings settings = RedisSettings.fromJndi();
    if (!settings.enabled()) {
      LOG.info("Redis is not configured (yjakarta/redis/host unset): single instance, no relay");
      return;
    }
    ServerMetrics metrics = metricsBeans.isResolvable() ? metricsBeans.get() : ServerMetrics.NONE;
    cluster = RedisCluster.start(settings, executor, threads, metrics);
  }

  /** Starts the relay with the application, not at its first hook call. */
  void onStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
    // touching the bean runs @PostConstruct
    enabled();
  }

  @PreDestroy
  void stop() {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  public boolean enabled() {
    return cluster != null;
  }

  @Produces
  @ApplicationScoped
  StoreLock storeLock() {
    if (cluster == null) {
      return NoStoreLock.INSTANCE;
    }
    return cluster.storeLock();
  }

  /**
   * Up when Redis is off, or when the subscription is live. Down while Redis is unreachable: the
   * instance still serves its own clients, but what they write reaches other instances only after
   * the reconnect (anti-entropy), so a load balancer should prefer instances that are connected.
   */
  @Override
  public ComponentHealth health() {
    RedisCluster c = cluster;
    if (c == null) {
      return ComponentHealth.up("redis", Map.of("configured", false));
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("configured", true);
    data.put("connected", c.connected());
    data.put("identifier", c.settings().identifier());
    data.put("prefix", c.settings().prefix());
    data.put("topology", c.settings().topology().name());
    data.put("documents", c.relay().documentCount());
    data.put("subscriptions", c.subscriber().connections());
    data.put("published", c.publisher().published());
    data.put("dropped", c.publisher().dropped());
    return c.connected() ? ComponentHealth.up("redis", data) : ComponentHealth.down("redis", data);
  }

  @Override
  public void afterLoadDocument(DocumentContext ctx) {
    if (cluster != null) {
      cluster.relay().afterLoad(ctx.document());
    }
  }

  @Override
  public void onChange(ChangeContext ctx) {
    if (cluster != null) {
      cluster.relay().onChange(ctx.document(), ctx.update(), ctx.origin());
    }
  }

  @Override
  public void onAwarenessUpdate(AwarenessContext ctx) {
    if (cluster != null) {
      cluster.relay().onAwareness(ctx.document(), ctx.added(), ctx.updated(), ctx.removed(), ctx.origin());
    }
  }

  @Override
  public void beforeBroadcastStateless(BroadcastContext ctx) {
    if (cluster != null) {
      cluster.relay().onBroadcastStateless(ctx.document(), ctx.payload());
    }
  }

  @Override
  public void afterUnloadDocument(DocumentContext ctx) {
    if (cluster != null) {
      cluster.relay().afterUnload(ctx.document());
    }
  }
}
