package dev.rehearse.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rehearse.dashboards.SavedObjects;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardsCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private DashboardsCommand command(Map<String, String> env) {
    return new DashboardsCommand(
        env,
        HttpClient.newHttpClient(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** A Kibana import endpoint that answers every request with this status and body. */
  private static HttpServer kibana(int status, String reply) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/saved_objects/_import",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
          }
        });
    server.start();
    return server;
  }

  private static String url(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void exportWritesTheBundle(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rehearse.ndjson");

    int status = command(Map.of()).run(List.of("export", file.toString()));

    assertThat(status).isZero();
    assertThat(Files.readString(file)).isEqualTo(SavedObjects.ndjson(SavedObjects.bundled()));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("4 dashboards")
        .contains(file.toString());
  }

  @Test
  void importExitsNonZeroWhenKibanaRefusesAnObject() throws Exception {
    String partial =
        "{\"success\":false,\"successCount\":30,\"errors\":[{\"id\":\"rehearse-lens-wpm-trend\","
            + "\"type\":\"lens\",\"meta\":{\"title\":\"Words per minute\"},"
            + "\"error\":{\"type\":\"unknown\",\"message\":\"mapping conflict\",\"statusCode\":400}}]}";
    HttpServer server = kibana(200, partial);
    try {
      int status = command(Map.of()).run(List.of("import", "--kibana", url(server)));

      assertThat(status).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("lens rehearse-lens-wpm-trend (Words per minute): unknown: mapping conflict")
          .contains("1 object(s) not imported");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void importExitsZeroWhenEveryObjectIsTaken() throws Exception {
    int objects = SavedObjects.bundled().size();
    HttpServer server =
        kibana(200, "{\"success\":true,\"successCount\":" + objects + ",\"errors\":[]}");
    try {
      int status = command(Map.of("REHEARSE_KIBANA_URL", url(server))).run(List.of("import"));

      assertThat(status).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("imported " + objects + " of");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void importFailsOnAnErrorStatusAndWithoutAUrl() throws Exception {
    HttpServer server = kibana(500, "{\"statusCode\":500,\"message\":\"boom\"}");
    try {
      assertThat(command(Map.of()).run(List.of("import", "--kibana", url(server)))).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("answered 500").contains("boom");
    } finally {
      server.stop(0);
    }
    assertThatThrownBy(() -> command(Map.of()).run(List.of("import")))
        .hasMessageContaining("--kibana URL");
  }
}
