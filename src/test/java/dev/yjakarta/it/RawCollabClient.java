package dev.yjakarta.it;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw WebSocket client for byte-level protocol tests: sends frames, collects binary replies. */
public final class RawCollabClient implements AutoCloseable {
  private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final WebSocket ws;

  private RawCollabClient(URI uri) {
    ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
        .buildAsync(uri, new Listener()).join();
  }

  public static RawCollabClient connect(URI uri) {
    return new RawCollabClient(uri);
  }

  private final class Listener implements WebSocket.Listener {
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] b = new byte[data.remaining()];
      data.get(b);
      partial.writeBytes(b);
      if (last) {
        received.add(partial.toByteArray());
        partial.reset();
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closeCode.completeExceptionally(error);
    }
  }

  public RawCollabClient send(byte[]... frames) {
    for (byte[] f : frames) {
      ws.sendBinary(ByteBuffer.wrap(f), true).join();
    }
    return this;
  }

  public RawCollabClient sendText(String text) {
    ws.sendText(text, true).join();
    return this;
  }

  /** The next frame, or an AssertionError after 10 s. */
  public byte[] next() throws InterruptedException {
    byte[] b = received.poll(10, TimeUnit.SECONDS);
    if (b == null) {
      throw new AssertionError("no frame within 10 s");
    }
    return b;
  }

  public String nextHex() throws InterruptedException {
    return HexFormat.ofDelimiter(" ").formatHex(next());
  }

  /** Null when nothing arrives within {@code millis}. */
  public byte[] poll(long millis) throws InterruptedException {
    return received.poll(millis, TimeUnit.MILLISECONDS);
  }

  public int awaitClose() throws Exception {
    return closeCode.get(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (!ws.isOutputClosed()) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
    }
    ws.abort();
  }
}
