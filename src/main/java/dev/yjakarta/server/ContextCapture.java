package dev.yjakarta.server;

import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Keeps the container's context capture cheap. Payara captures the thread context on every
 * submission to a managed executor and, as part of it, looks up the ThreadContextProviders with
 * a ServiceLoader on the thread's context class loader: a scan of every jar of the WAR and of the
 * server, which was most of the server's CPU under load (bench/compare). A submission made with
 * {@link #NO_RESOURCES} as the context class loader skips the scan; the work itself then runs
 * with the submitter's real class loader again.
 */
public final class ContextCapture {
  /** A context class loader that finds no resources (and loads only platform classes). */
  public static final ClassLoader NO_RESOURCES = new ClassLoader(ClassLoader.getPlatformClassLoader()) {
    @Override
    public Enumeration<URL> getResources(String name) {
      return Collections.emptyEnumeration();
    }

    @Override
    public URL getResource(String name) {
      return null;
    }
  };

  private ContextCapture() {}

  /** {@code managed}, submitting with {@link #NO_RESOURCES}; each task runs with the submitter's loader. */
  public static Executor cheap(Executor managed) {
    return task -> submit(task, t -> {
      managed.execute(t);
      return null;
    });
  }

  /**
   * Runs {@code submission} (which hands its argument to a managed executor) with {@link
   * #NO_RESOURCES} as the context class loader; the task runs with the submitter's loader.
   */
  public static <T> T submit(Runnable task, Function<Runnable, T> submission) {
    Thread submitter = Thread.currentThread();
    ClassLoader loader = submitter.getContextClassLoader();
    Runnable withLoader = () -> {
      Thread worker = Thread.currentThread();
      ClassLoader before = worker.getContextClassLoader();
      worker.setContextClassLoader(loader);
      try {
        task.run();
      } finally {
        worker.setContextClassLoader(before);
      }
    };
    submitter.setContextClassLoader(NO_RESOURCES);
    try {
      return submission.apply(withLoader);
    } finally {
      submitter.setContextClassLoader(loader);
    }
  }
}
