package dev.buildbotls.testing.pods;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A Service as kube-proxy makes it (adaptation 2): connections to the Service's address and port go
 * to the ready endpoints, round robin; with none ready, a connection is closed at once.
 */
final class TcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final Supplier<List<Integer>> endpoints;
  private final AtomicInteger next = new AtomicInteger();

  TcpProxy(String address, int port, Supplier<List<Integer>> endpoints) throws IOException {
    this.endpoints = endpoints;
    server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getByName(address), port));
    Thread accept = new Thread(this::accept, "service " + address + ":" + port);
    accept.setDaemon(true);
    accept.start();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        List<Integer> ready = endpoints.get();
        if (ready.isEmpty()) {
          client.close();
          continue;
        }
        try {
          Socket backend = new Socket("127.0.0.1", ready.get(Math.floorMod(next.getAndIncrement(), ready.size())));
          pump(client, backend);
          pump(backend, client);
        } catch (IOException refused) {
          client.close();
        }
      } catch (IOException e) {
        // the server socket closed
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // either side closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "proxy");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
