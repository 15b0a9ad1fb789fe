package dev.rehearse.voice.provider;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A local HTTP server that plays a paid provider: it records every request and answers from a
 * script, one reply per request (an empty script answers 500).
 */
public final class FakeProvider implements AutoCloseable {

  /** A recorded request. */
  public record Request(String method, String path, Headers headers, byte[] body) {
    public String header(String name) {
      return headers.getFirst(name);
    }
  }

  /** A scripted reply, sent after {@code delayMs}. */
  public record Reply(int status, Map<String, String> headers, byte[] body, long delayMs) {
    public static Reply of(int status, String contentType, byte[] body) {
      return new Reply(status, Map.of("Content-Type", contentType), body, 0);
    }

    public static Reply json(int status, String json) {
      return of(status, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public Reply after(long ms) {
      return new Reply(status, headers, body, ms);
    }

    public Reply with(String header, String value) {
      Map<String, String> h = new java.util.HashMap<>(headers);
      h.put(header, value);
      return new Reply(status, h, body, delayMs);
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private final Deque<Reply> script = new ArrayDeque<>();
  private final Map<String, Reply> files = new java.util.concurrent.ConcurrentHashMap<>();

  public FakeProvider() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String path = exchange.getRequestURI().getPath();
          Reply reply;
          synchronized (this) {
            requests.add(
                new Request(exchange.getRequestMethod(), path, exchange.getRequestHeaders(), body));
            reply = files.containsKey(path) ? files.get(path) : script.pollFirst();
          }
          if (reply == null) {
            reply = Reply.json(500, "{\"error\":\"no scripted reply\"}");
          }
          try {
            if (reply.delayMs() > 0) {
              Thread.sleep(reply.delayMs());
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(
                reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(reply.body());
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException e) {
            // the client gave up (a timeout test): nothing to answer
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  /** Answers the next requests with {@code replies}, in order. */
  public synchronized FakeProvider script(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /** Answers every GET of {@code path} with {@code reply}, outside the script. */
  public FakeProvider file(String path, Reply reply) {
    files.put(path, reply);
    return this;
  }

  /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
