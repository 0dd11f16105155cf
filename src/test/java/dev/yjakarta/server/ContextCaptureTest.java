package dev.yjakarta.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextCaptureTest {
  @Test
  void submitsWithoutResourcesAndRunsWithTheSubmittersLoader() throws Exception {
    ClassLoader app = new URLClassLoader(new URL[0], getClass().getClassLoader());
    List<ClassLoader> seenAtSubmit = new ArrayList<>();
    List<Runnable> submitted = new ArrayList<>();
    Thread me = Thread.currentThread();
    ClassLoader original = me.getContextClassLoader();
    me.setContextClassLoader(app);
    try {
      ContextCapture.cheap(task -> {
        seenAtSubmit.add(Thread.currentThread().getContextClassLoader());
        submitted.add(task);
      }).execute(() -> seenAtSubmit.add(Thread.currentThread().getContextClassLoader()));
      assertSame(app, me.getContextClassLoader(), "the submitter's loader is restored");
    } finally {
      me.setContextClassLoader(original);
    }
    assertSame(ContextCapture.NO_RESOURCES, seenAtSubmit.get(0));
    assertFalse(ContextCapture.NO_RESOURCES.getResources("META-INF/services/x").hasMoreElements());
    assertNull(ContextCapture.NO_RESOURCES.getResource("META-INF/MANIFEST.MF"));

    Thread worker = new Thread(submitted.get(0));
    ClassLoader workerOwn = worker.getContextClassLoader();
    worker.start();
    worker.join();
    assertEquals(2, seenAtSubmit.size());
    assertSame(app, seenAtSubmit.get(1), "the task runs with the submitter's loader");
    assertSame(workerOwn, worker.getContextClassLoader(), "the worker's loader is restored");
  }
}
