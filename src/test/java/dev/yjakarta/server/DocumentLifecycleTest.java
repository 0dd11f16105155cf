package dev.yjakarta.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yjakarta.config.ServerSettings;
import dev.yjakarta.yjs.DocumentStates;
import dev.yjakarta.yjs.YjsLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DocumentLifecycleTest {
  private final ManualExecutor pool = new ManualExecutor();
  private final DocumentService service = new DocumentService();
  private final List<String> events = new ArrayList<>();
  private RuntimeException loadFailure;
  private CompletableFuture<Boolean> prepared = CompletableFuture.completedFuture(true);

  DocumentLifecycleTest() {
    service.start(new DocumentService.Environment(ServerSettings.defaults(), pool, new FakeScheduler(), List.of(),
        Optional.empty(), Optional.empty(), () -> DocumentStates.create(YjsLimits.DEFAULT)));
  }

  private final DocumentLifecycle lifecycle = new DocumentLifecycle(pool, (name, trigger) -> {
    events.add("load " + name);
    if (loadFailure != null) {
      throw loadFailure;
    }
    Document d = new Document(name, DocumentStates.create(YjsLimits.DEFAULT), service);
    d.loaded();
    return d;
  }, new DocumentLifecycle.Unloader() {
    @Override
    public CompletableFuture<Boolean> prepare(Document doc) {
      events.add("prepare " + doc.name());
      return prepared;
    }

    @Override
    public boolean canCommit(Document doc) {
      return true;
    }

    @Override
    public void finish(Document doc) {
      events.add("unloaded " + doc.name());
    }
  });

  @Test
  void sharesOneLoadBetweenConcurrentJoins() {
    CompletableFuture<Document> a = lifecycle.acquire("d", null);
    CompletableFuture<Document> b = lifecycle.acquire("d", null);
    assertEquals(0, lifecycle.documentCount()); // registered only after the load
    pool.runAll();
    assertSame(a.join(), b.join());
    assertEquals(List.of("load d"), events);
    assertEquals(1, lifecycle.documentCount());
  }

  @Test
  void rejectsEveryWaiterWhenTheLoadFailsAndRetriesLater() {
    loadFailure = new IllegalStateException("broken");
    CompletableFuture<Document> a = lifecycle.acquire("d", null);
    CompletableFuture<Document> b = lifecycle.acquire("d", null);
    pool.runAll();
    assertTrue(a.isCompletedExceptionally());
    assertTrue(b.isCompletedExceptionally());
    assertEquals(0, lifecycle.documentCount());
    loadFailure = null;
    CompletableFuture<Document> c = lifecycle.acquire("d", null);
    pool.runAll();
    assertEquals("d", c.join().name());
    assertEquals(List.of("load d", "load d"), events);
  }

  @Test
  void unloadsWhenTheLastHolderLeaves() {
    lifecycle.acquire("d", null);
    lifecycle.acquire("d", null);
    pool.runAll();
    lifecycle.release("d");
    assertEquals(List.of("load d"), events);
    lifecycle.release("d");
    pool.runAll();
    assertEquals(List.of("load d", "prepare d", "unloaded d"), events);
    assertEquals(0, lifecycle.documentCount());
  }

  @Test
  void aJoinDuringTheUnloadKeepsTheSameDocument() {
    Document first = acquireNow();
    prepared = new CompletableFuture<>(); // the store on last disconnect is still running
    lifecycle.release("d");
    Document again = acquireNow();
    prepared.complete(true);
    pool.runAll();
    assertSame(first, again);
    assertEquals(List.of("load d", "prepare d"), events);
    assertEquals(1, lifecycle.documentCount());
    assertSame(first, lifecycle.loaded("d"));
  }

  @Test
  void aLoadAfterACommittedUnloadWaitsForItToFinish() {
    acquireNow();
    lifecycle.release("d"); // unload prepared and committed synchronously
    pool.runAll();
    Document second = acquireNow();
    assertEquals(List.of("load d", "prepare d", "unloaded d", "load d"), events);
    assertEquals("d", second.name());
  }

  @Test
  void keepsTheDocumentWhenThePreparationFails() {
    acquireNow();
    prepared = CompletableFuture.completedFuture(false);
    lifecycle.release("d");
    pool.runAll();
    assertEquals(1, lifecycle.documentCount());
    prepared = CompletableFuture.completedFuture(true);
    lifecycle.maybeUnload("d");
    pool.runAll();
    assertEquals(0, lifecycle.documentCount());
  }

  private Document acquireNow() {
    CompletableFuture<Document> f = lifecycle.acquire("d", null);
    pool.runAll();
    return f.join();
  }
}
