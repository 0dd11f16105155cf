package dev.yjakarta.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of Redis that can make its current connections half-open: it stops
 * forwarding in both directions and keeps the sockets open, as when the Redis host vanishes
 * without a FIN. New connections are forwarded normally (the route to Redis is back).
 */
final class BlackHoleProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private volatile boolean open = true;

  /** One proxied connection; {@code dead} stops both pumps without closing anything. */
  private static final class Link {
    final Socket client;
    final Socket upstream;
    volatile boolean dead;

    Link(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }
  }

  BlackHoleProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "black-hole-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Connections accepted so far. */
  int connections() {
    return links.size();
  }

  /** Every connection open now stops forwarding, for good; its sockets stay open. */
  void blackHoleExisting() {
    links.forEach(l -> l.dead = true);
  }

  private void accept() {
    while (open) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        Link link = new Link(client, upstream);
        links.add(link);
        pump(link, client, upstream);
        pump(link, upstream, client);
      } catch (IOException e) {
        if (open) {
          continue;
        }
        return;
      }
    }
  }

  private static void pump(Link link, Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        while (true) {
          int n = in.read(buf);
          if (n < 0) {
            break;
          }
          while (link.dead) {
            Thread.sleep(50); // hold the bytes: nothing is delivered, nothing is closed
          }
          out.write(buf, 0, n);
          out.flush();
        }
        if (!link.dead) {
          to.shutdownOutput();
        }
      } catch (IOException | InterruptedException e) {
        // the other side went away, or the test ended
      }
    }, "black-hole-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    open = false;
    server.close();
    for (Link l : links) {
      l.dead = false;
      l.client.close();
      l.upstream.close();
    }
  }
}
