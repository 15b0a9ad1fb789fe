package dev.rehearse.dashboards;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for Kibana's saved-objects import API, speaking its wire protocol: it takes
 * {@code POST [/s/<space>]/api/saved_objects/_import}, answers 400 without {@code kbn-xsrf} or
 * without a multipart {@code file} field holding {@code .ndjson}, 401 when the credentials differ
 * from the expected, and otherwise imports the objects, failing those whose references are neither
 * in the bundle nor already stored ({@code missing_references}), as Kibana does.
 */
final class FakeKibana implements AutoCloseable {

  /** One request as the fake saw it. */
  record Seen(
      String method,
      String path,
      String query,
      Optional<String> xsrf,
      Optional<String> authorization,
      String fileName,
      String ndjson) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern BOUNDARY = Pattern.compile("boundary=(\\S+)");
  private static final Pattern DISPOSITION =
      Pattern.compile("Content-Disposition: form-data; name=\"([^\"]+)\"; filename=\"([^\"]+)\"");

  private final HttpServer server;
  private final String expectedAuthorization;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final Set<String> stored = new HashSet<>();
  private volatile int failWith = 0;

  FakeKibana(String expectedAuthorization) throws IOException {
    this.expectedAuthorization = expectedAuthorization;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Seen> seen() {
    return seen;
  }

  /** Objects Kibana already has, as {@code type:id}. */
  void store(String type, String id) {
    stored.add(type + ":" + id);
  }

  /** Answer every request with this status, as a broken Kibana does. */
  void failWith(int status) {
    failWith = status;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
      Optional<String> xsrf =
          Optional.ofNullable(exchange.getRequestHeaders().getFirst("kbn-xsrf"));
      Optional<String> auth =
          Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"));
      if (failWith != 0) {
        reply(
            exchange,
            failWith,
            "{\"statusCode\":"
                + failWith
                + ",\"error\":\"Internal Server Error\",\"message\":\"An internal server error occurred.\"}");
        return;
      }
      if (!exchange.getRequestMethod().equals("POST")
          || !path.matches("(/s/[a-z0-9_-]+)?/api/saved_objects/_import")) {
        reply(
            exchange,
            404,
            "{\"statusCode\":404,\"error\":\"Not Found\",\"message\":\"Not Found\"}");
        return;
      }
      if (!expectedAuthorization.equals(auth.orElse(""))) {
        reply(
            exchange,
            401,
            "{\"statusCode\":401,\"error\":\"Unauthorized\",\"message\":\"[security_exception] unable to authenticate user\"}");
        return;
      }
      if (xsrf.isEmpty()) {
        reply(
            exchange,
            400,
            "{\"statusCode\":400,\"error\":\"Bad Request\",\"message\":\"Request must contain a kbn-xsrf header.\"}");
        return;
      }
      String contentType =
          Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
      Matcher boundary = BOUNDARY.matcher(contentType);
      if (!contentType.startsWith("multipart/form-data") || !boundary.find()) {
        reply(exchange, 415, "{\"statusCode\":415,\"error\":\"Unsupported Media Type\"}");
        return;
      }
      String body = new String(raw, StandardCharsets.UTF_8);
      String fileName = null;
      String content = null;
      for (String part : body.split("--" + Pattern.quote(boundary.group(1)))) {
        int split = part.indexOf("\r\n\r\n");
        if (split < 0) {
          continue;
        }
        Matcher disposition = DISPOSITION.matcher(part.substring(0, split));
        if (disposition.find() && disposition.group(1).equals("file")) {
          fileName = disposition.group(2);
          content = part.substring(split + 4);
          if (content.endsWith("\r\n")) {
            content = content.substring(0, content.length() - 2);
          }
        }
      }
      seen.add(
          new Seen(
              exchange.getRequestMethod(),
              path,
              query,
              xsrf,
              auth,
              fileName,
              content == null ? "" : content));
      if (content == null || !fileName.endsWith(".ndjson")) {
        reply(
            exchange,
            400,
            "{\"statusCode\":400,\"error\":\"Bad Request\",\"message\":\"Invalid file extension\"}");
        return;
      }
      reply(exchange, 200, importReply(content));
    }
  }

  private String importReply(String ndjson) throws IOException {
    List<ObjectNode> objects = new ArrayList<>();
    Set<String> present = new HashSet<>(stored);
    for (String line : ndjson.split("\n")) {
      if (!line.isBlank()) {
        ObjectNode o = (ObjectNode) MAPPER.readTree(line);
        objects.add(o);
        present.add(o.path("type").asText() + ":" + o.path("id").asText());
      }
    }
    ObjectNode reply = MAPPER.createObjectNode();
    ArrayNode errors = reply.putArray("errors");
    ArrayNode results = reply.putArray("successResults");
    int imported = 0;
    for (ObjectNode o : objects) {
      ArrayNode missing = MAPPER.createArrayNode();
      o.path("references")
          .forEach(
              r -> {
                if (!present.contains(r.path("type").asText() + ":" + r.path("id").asText())) {
                  missing
                      .addObject()
                      .put("type", r.path("type").asText())
                      .put("id", r.path("id").asText());
                }
              });
      if (missing.isEmpty()) {
        imported++;
        results.addObject().put("type", o.path("type").asText()).put("id", o.path("id").asText());
        stored.add(o.path("type").asText() + ":" + o.path("id").asText());
      } else {
        ObjectNode error = errors.addObject();
        error.put("id", o.path("id").asText()).put("type", o.path("type").asText());
        error.putObject("meta").put("title", o.path("attributes").path("title").asText());
        error.putObject("error").put("type", "missing_references").set("references", missing);
      }
    }
    reply.put("success", errors.isEmpty());
    reply.put("successCount", imported);
    return MAPPER.writeValueAsString(reply);
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
