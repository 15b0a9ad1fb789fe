package dev.rehearse.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/**
 * A local stand-in for LiveKit's room service (Twirp: {@code POST
 * /twirp/livekit.RoomService/<Method>}, protobuf bodies, a bearer token), which the shared test
 * stack is pointed at. It answers every method with an empty message (a valid Room, or an empty
 * DeleteRoom response) and keeps what was asked: the method and the request's bytes as text, in
 * which the room's name can be found.
 */
final class FakeLiveKit {

  private static final String SERVICE = "/twirp/livekit.RoomService/";
  private static FakeLiveKit instance;

  private final HttpServer server;
  private final ConcurrentLinkedQueue<String> calls = new ConcurrentLinkedQueue<>();

  private FakeLiveKit() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "fake-livekit");
              t.setDaemon(true);
              return t;
            }));
    server.createContext(SERVICE, this::handle);
    server.start();
  }

  /** The one fake of this test JVM, started on first use. */
  static synchronized FakeLiveKit get() {
    if (instance == null) {
      try {
        instance = new FakeLiveKit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** {@code <Method> <request bytes as ISO-8859-1 text>} of each call taken. */
  List<String> calls() {
    return List.copyOf(calls);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (!"POST".equals(exchange.getRequestMethod())
          || !"application/protobuf".equals(exchange.getRequestHeaders().getFirst("Content-Type"))
          || auth == null
          || !auth.startsWith("Bearer ")) {
        byte[] error =
            "{\"code\":\"unauthenticated\",\"msg\":\"bad request\"}"
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(401, error.length);
        exchange.getResponseBody().write(error);
        return;
      }
      String method = exchange.getRequestURI().getPath().substring(SERVICE.length());
      calls.add(method + " " + new String(body, StandardCharsets.ISO_8859_1));
      exchange.getResponseHeaders().set("Content-Type", "application/protobuf");
      exchange.sendResponseHeaders(200, -1); // an empty body: every field at its default
    }
  }
}
