package dev.rehearse.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rehearse.core.config.LlmSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local server speaking the OpenAI chat-completions wire format, for the clients of paid LLM
 * providers: it answers each request as {@code behaviour} says ({@code ok}, {@code 429}, {@code
 * 500}, {@code slow}) with the content {@code answer} gives for the request, and keeps the
 * requests. {@link #failFirst} makes the next requests fail before it behaves again.
 */
public final class FakeChatProvider implements AutoCloseable {

  /**
   * The clients' timeout: long enough that a loaded build machine still gets its answers from a
   * provider that answers at once, far below {@link #SLOW}.
   */
  public static final Duration TIMEOUT = Duration.ofMillis(1_500);

  /** How long the {@code slow} provider takes to answer: past the clients' timeout. */
  public static final Duration SLOW = Duration.ofSeconds(8);

  private final CountDownLatch closed = new CountDownLatch(1);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpServer server;
  private final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger failures = new AtomicInteger();
  private volatile int failureStatus = 429;
  private volatile String behaviour;
  private volatile Function<JsonNode, String> answer;

  public FakeChatProvider(String behaviour, String content) throws IOException {
    this(behaviour, request -> content);
  }

  public FakeChatProvider(String behaviour, Function<JsonNode, String> answer) throws IOException {
    this.behaviour = behaviour;
    this.answer = answer;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/chat/completions", this::handle);
    server.start();
  }

  public void behave(String behaviour) {
    this.behaviour = behaviour;
  }

  public void answer(String content) {
    this.answer = request -> content;
  }

  /** The next {@code n} requests get {@code status} (429 or 500), then it behaves again. */
  public void failFirst(int n, int status) {
    failureStatus = status;
    failures.set(n);
  }

  /** Every request received, as JSON. */
  public List<JsonNode> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The text of every message of request {@code i}. */
  public String messages(int i) {
    StringBuilder all = new StringBuilder();
    requests()
        .get(i)
        .path("messages")
        .forEach(m -> all.append(m.path("content").asText()).append('\n'));
    return all.toString();
  }

  private void handle(HttpExchange exchange) throws IOException {
    JsonNode request = MAPPER.readTree(exchange.getRequestBody());
    requests.add(request);
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      send(exchange, failureStatus, error(failureStatus));
      return;
    }
    switch (behaviour) {
      case "429", "500" ->
          send(exchange, Integer.parseInt(behaviour), error(Integer.parseInt(behaviour)));
      case "slow" -> {
        try {
          // answers late, or not at all once closed (close() would wait for this handler)
          if (closed.await(SLOW.toMillis(), TimeUnit.MILLISECONDS)) {
            exchange.close();
            return;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        send(exchange, 200, completion(answer.apply(request)));
      }
      default -> send(exchange, 200, completion(answer.apply(request)));
    }
  }

  private static String error(int status) {
    return status == 429
        ? "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_exceeded\"}}"
        : "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}";
  }

  private static String completion(String content) throws IOException {
    return MAPPER.writeValueAsString(
        MAPPER.readTree(
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"fake\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + MAPPER.writeValueAsString(content)
                + "},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":40,\"total_tokens\":90}}"));
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** Settings that point a client at this server. */
  public LlmSettings settings(String name) {
    return new LlmSettings(
        name,
        "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
        "test-key-" + name,
        "fake-model",
        TIMEOUT);
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
  }
}
