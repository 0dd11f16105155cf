package dev.yjakarta.server;

import dev.yjakarta.server.hooks.ConnectionContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loading and unloading, per document name. Concurrent joins share one load; a failed load
 * rejects every waiter; a document is registered only once its load completed; a join during an
 * unload cancels the unload (the same state stays, so no edit is lost), and a load that follows a
 * committed unload waits until that unload finished (Hocuspocus #971).
 */
final class DocumentLifecycle {
  private static final Logger LOG = Logger.getLogger(DocumentLifecycle.class.getName());

  /** Loads a document (blocking; on the pool). Throws to fail the load for every waiter. */
  @FunctionalInterface
  interface Loader {
    Document load(String name, ConnectionContext trigger) throws Exception;
  }

  /** The steps around an unload. */
  interface Unloader {
    /** Stores pending changes and runs beforeUnload hooks; completes false to keep the document. */
    CompletableFuture<Boolean> prepare(Document doc);

    /** Whether nothing is left to store, checked when the unload commits. */
    boolean canCommit(Document doc);

    /** The document is gone: afterUnload hooks. */
    void finish(Document doc);
  }

  private enum State { LOADING, LOADED, UNLOADING }

  private static final class Slot {
    final String name;
    State state = State.LOADING;
    final CompletableFuture<Document> ready = new CompletableFuture<>();
    Document doc;
    int holders;

    Slot(String name) {
      this.name = name;
    }
  }

  private final Executor pool;
  private final Loader loader;
  private final Unloader unloader;
  // guarded by this
  private final Map<String, Slot> slots = new HashMap<>();
  /** Unloads that committed and are finishing; a new load of the name waits for them. */
  private final Map<String, CompletableFuture<Void>> finishing = new HashMap<>();

  DocumentLifecycle(Executor pool, Loader loader, Unloader unloader) {
    this.pool = pool;
    this.loader = loader;
    this.unloader = unloader;
  }

  /**
   * Holds the document, loading it if needed. The caller must {@link #release} once for every
   * successful acquire; a failed one holds nothing.
   */
  CompletableFuture<Document> acquire(String name, ConnectionContext trigger) {
    Slot slot;
    CompletableFuture<Void> after = null;
    boolean start = false;
    synchronized (this) {
      slot = slots.get(name);
      if (slot == null) {
        slot = new Slot(name);
        slots.put(name, slot);
        after = finishing.get(name);
        start = true;
      }
      slot.holders++;
    }
    if (start) {
      Slot s = slot;
      Runnable load = () -> load(s, trigger);
      if (after == null) {
        pool.execute(load);
      } else {
        after.whenComplete((v, e) -> pool.execute(load));
      }
    }
    return slot.ready;
  }

  private void load(Slot slot, ConnectionContext trigger) {
    Document doc;
    try {
      doc = loader.load(slot.name, trigger);
    } catch (Exception | LinkageError e) {
      synchronized (this) {
        slots.remove(slot.name, slot);
      }
      LOG.log(Level.WARNING, "loading document '" + slot.name + "' failed; its clients are refused", e);
      slot.ready.completeExceptionally(e);
      return;
    }
    boolean unused;
    synchronized (this) {
      slot.doc = doc;
      slot.state = State.LOADED;
      unused = slot.holders == 0;
    }
    LOG.info(() -> "document '" + slot.name + "' loaded");
    slot.ready.complete(doc);
    if (unused) {
      maybeUnload(slot.name);
    }
  }

  /** Gives back one hold; the last one starts the unload. */
  void release(String name) {
    Slot slot;
    synchronized (this) {
      slot = slots.get(name);
      if (slot == null || slot.holders == 0) {
        return;
      }
      slot.holders--;
      if (slot.holders > 0 || slot.state != State.LOADED) {
        return;
      }
      slot.state = State.UNLOADING;
    }
    unload(slot);
  }

  /** Unloads the document if nobody holds it (after a store that had failed has recovered). */
  void maybeUnload(String name) {
    Slot slot;
    synchronized (this) {
      slot = slots.get(name);
      if (slot == null || slot.holders > 0 || slot.state != State.LOADED) {
        return;
      }
      slot.state = State.UNLOADING;
    }
    unload(slot);
  }

  private void unload(Slot slot) {
    CompletableFuture<Boolean> prepared;
    try {
      prepared = unloader.prepare(slot.doc);
    } catch (RuntimeException e) {
      prepared = CompletableFuture.failedFuture(e);
    }
    prepared.whenComplete((ok, error) -> {
      CompletableFuture<Void> done = null;
      boolean again = false;
      synchronized (this) {
        boolean ready = error == null && Boolean.TRUE.equals(ok);
        if (!ready || slot.holders > 0 || !unloader.canCommit(slot.doc)) {
          // keep it: a store failed, a hook vetoed, or someone rejoined; a client that rejoined
          // and left again meanwhile may have left changes, so prepare again
          slot.state = State.LOADED;
          if (ready && slot.holders == 0) {
            slot.state = State.UNLOADING;
            again = true;
          }
        } else {
          slots.remove(slot.name, slot);
          slot.doc.markUnloaded();
          done = new CompletableFuture<>();
          finishing.put(slot.name, done);
        }
      }
      if (again) {
        unload(slot);
        return;
      }
      if (error != null) {
        LOG.log(Level.WARNING, "unloading document '" + slot.name + "' failed; it stays loaded", error);
      }
      if (done != null) {
        try {
          unloader.finish(slot.doc);
          LOG.info(() -> "document '" + slot.name + "' unloaded");
        } finally {
          synchronized (this) {
            finishing.remove(slot.name, done);
          }
          done.complete(null);
        }
      }
    });
  }

  /** The document if it is loaded (also while an unload is being prepared). */
  synchronized Document loaded(String name) {
    Slot s = slots.get(name);
    return s != null && s.state != State.LOADING ? s.doc : null;
  }

  synchronized List<Document> loadedDocuments() {
    List<Document> out = new ArrayList<>();
    slots.values().forEach(s -> {
      if (s.state != State.LOADING) {
        out.add(s.doc);
      }
    });
    return out;
  }

  synchronized int documentCount() {
    int n = 0;
    for (Slot s : slots.values()) {
      if (s.state != State.LOADING) {
        n++;
      }
    }
    return n;
  }
}
