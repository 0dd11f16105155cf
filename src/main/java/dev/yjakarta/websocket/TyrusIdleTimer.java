package dev.yjakarta.websocket;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives Tyrus sessions (Payara's WebSocket layer) a plain scheduler for their idle timer.
 *
 * <p>Tyrus restarts a session's idle timer on every frame it receives, scheduling a task on the
 * container's managed scheduled executor, even when the timeout is off (our sessions use 0: the
 * service applies its own 4408 rule, and the task then does nothing). Payara captures the thread
 * context for every managed task, which includes a service-loader scan of every jar of the
 * server: under load that was about half of the server's CPU (bench/compare, JFR). The timer's
 * tasks need no container context, so a plain single-thread scheduler runs them.
 *
 * <p>Tyrus offers no setting for this; the scheduler sits in a private field. Other containers
 * (WildFly's Undertow) and other Tyrus versions without that field are left alone, logged once.
 */
@ApplicationScoped
public class TyrusIdleTimer {
  private static final Logger LOG = Logger.getLogger(TyrusIdleTimer.class.getName());
  private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  ManagedThreadFactory threads;

  private volatile Field serviceField;
  private volatile boolean unsupported;
  private ScheduledThreadPoolExecutor scheduler;

  /** Called from the endpoint's {@code @OnOpen}, after the idle timeout was set to 0. */
  void adopt(Session session) {
    if (unsupported || !TYRUS_SESSION.equals(session.getClass().getName())) {
      return;
    }
    try {
      Field field = serviceField;
      if (field == null) {
        field = session.getClass().getDeclaredField("service");
        if (!ScheduledExecutorService.class.isAssignableFrom(field.getType())) {
          throw new NoSuchFieldException("service is a " + field.getType().getName());
        }
        field.setAccessible(true);
        serviceField = field;
      }
      field.set(session, scheduler());
    } catch (ReflectiveOperationException | RuntimeException e) {
      unsupported = true;
      LOG.log(Level.INFO, "Tyrus sessions keep the container's scheduler for their idle timer: " + e);
    }
  }

  private synchronized ScheduledExecutorService scheduler() {
    if (scheduler == null) {
      scheduler = new ScheduledThreadPoolExecutor(1, threads);
      scheduler.setRemoveOnCancelPolicy(true);
      // after undeploy, late frames of closing sockets must not fail in Tyrus's read path
      scheduler.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
    }
    return scheduler;
  }

  @PreDestroy
  synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
