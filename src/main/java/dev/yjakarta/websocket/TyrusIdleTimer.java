package dev.yjakarta.websocket;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * <p>With the timeout at 0 Tyrus still schedules its idle command on every frame it receives, with
 * a delay of 0, and the command then checks the timeout and does nothing. Handing each of those to
 * the scheduler thread cost a wake-up per frame (4.5 % of the server's CPU at 1,200 edits/s,
 * async-profiler), so {@link SkipsZeroDelay} drops them; anything with a delay still runs.
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
  private SkipsZeroDelay scheduler;

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
      scheduler = new SkipsZeroDelay(threads);
      scheduler.setRemoveOnCancelPolicy(true);
      // after undeploy, late frames of closing sockets must not fail in Tyrus's read path
      scheduler.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
    }
    return scheduler;
  }

  /** Drops one-shot tasks with no delay: only a zero idle timeout schedules those (see above). */
  static final class SkipsZeroDelay extends ScheduledThreadPoolExecutor {
    SkipsZeroDelay(ThreadFactory threads) {
      super(1, threads);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      if (delay <= 0) {
        return Skipped.INSTANCE;
      }
      return super.schedule(command, delay, unit);
    }
  }

  /** The future of a task that was not run: done, never cancelled, no delay. */
  private static final class Skipped implements ScheduledFuture<Object> {
    static final Skipped INSTANCE = new Skipped();

    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return false;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean isDone() {
      return true;
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
