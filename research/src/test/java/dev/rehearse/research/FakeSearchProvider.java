package dev.rehearse.research;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rehearse.research.ResearchSettings.Kind;
import dev.rehearse.research.ResearchSettings.Provider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for a paid web-search provider: it keeps every request (method, path, headers,
 * JSON body) and answers from a script of replies, then with its standing reply.
 */
final class FakeSearchProvider implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A request as the fake received it; {@code body} is a text node when it was not JSON. */
  record Received(String method, String path, Headers headers, JsonNode body) {}

  /** One reply: status, body, headers, and how long to wait before sending it. */
  record Reply(int status, String body, Map<String, String> headers, long delayMillis) {

    static Reply ok(String json) {
      return new Reply(200, json, Map.of("Content-Type", "application/json"), 0);
    }

    static Reply status(int status) {
      return new Reply(
          status,
          "{\"error\":\"status " + status + "\"}",
          Map.of("Content-Type", "application/json"),
          0);
    }

    /** A 200 whose body is {@code text} of {@code contentType}. */
    static Reply raw(String text, String contentType) {
      return new Reply(200, text, Map.of("Content-Type", contentType), 0);
    }

    Reply withHeader(String name, String value) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.put(name, value);
      return new Reply(status, body, all, delayMillis);
    }

    Reply after(long millis) {
      return new Reply(status, body, headers, millis);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> requests = Collections.synchronizedList(new ArrayList<>());
  private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
  private volatile Reply otherwise;

  FakeSearchProvider(Reply otherwise) throws IOException {
    this.otherwise = otherwise;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** The next requests get {@code replies}, in order; then the standing reply again. */
  FakeSearchProvider then(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /** From now on, requests past the script get {@code reply}. */
  void otherwise(Reply reply) {
    this.otherwise = reply;
  }

  /** This server as a configured provider of {@code kind}. */
  Provider provider(Kind kind, String apiKey) {
    return new Provider(
        kind, URI.create("http://127.0.0.1:" + server.getAddress().getPort()), apiKey);
  }

  List<Received> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      JsonNode body;
      try {
        body = MAPPER.readTree(text);
      } catch (IOException e) {
        body = TextNode.valueOf(text);
      }
      requests.add(
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders(),
              body));
      Reply scripted = script.poll();
      Reply reply = scripted == null ? otherwise : scripted;
      if (reply.delayMillis() > 0) {
        try {
          Thread.sleep(reply.delayMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
