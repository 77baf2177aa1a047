package dev.driftless.apply;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on a loopback port to a real server (the local API server): a client pointed at it reaches the
 * server while the relay is up, and meets a real network failure (connection refused, open connections reset)
 * while it is down. Restarted, it listens on the same port again.
 */
final class TcpRelay implements AutoCloseable {

  private final InetSocketAddress target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private int port;
  private ServerSocket server;

  private TcpRelay(InetSocketAddress target) {
    this.target = target;
  }

  /** A relay to the host and port of {@code url}, already up. */
  static TcpRelay to(String url) {
    URI uri = URI.create(url);
    TcpRelay relay = new TcpRelay(new InetSocketAddress(uri.getHost(), uri.getPort()));
    relay.start();
    return relay;
  }

  /** The URL a client uses instead of {@code url}: the same scheme and host, the relay's port. */
  String url() {
    return "https://127.0.0.1:" + port;
  }

  synchronized void start() {
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      port = s.getLocalPort();
      server = s;
      Thread accept = new Thread(() -> accept(s), "relay-accept-" + port);
      accept.setDaemon(true);
      accept.start();
    } catch (IOException e) {
      throw new UncheckedIOException("relay: cannot listen on port " + port, e);
    }
  }

  /** Stops listening and resets every open connection: from now on the server is unreachable through here. */
  synchronized void stop() {
    closeQuietly(server);
    open.forEach(TcpRelay::closeQuietly);
    open.clear();
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket client = s.accept();
        Socket upstream = new Socket(target.getAddress(), target.getPort());
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // closed by stop(), or the upstream refused: the client sees its connection end
      }
    }
  }

  private void pump(Socket from, Socket to) throws IOException {
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    Thread t = new Thread(() -> {
      try {
        in.transferTo(out);
      } catch (IOException e) {
        // one side closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "relay-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      if (c != null) c.close();
    } catch (Exception e) {
      // already closed
    }
  }

  @Override
  public void close() {
    stop();
  }
}
