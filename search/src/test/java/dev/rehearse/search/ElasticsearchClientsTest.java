package dev.rehearse.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ElasticsearchClientsTest {

  private HttpServer server;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          authorizations.add(auth == null ? "none" : auth);
          exchange.sendResponseHeaders(401, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aUrlWithUserInformationSignsEveryRequestInWithIt() throws Exception {
    URI url =
        new URI(
            "http",
            "elastic:p@ss:w/rd",
            "127.0.0.1",
            server.getAddress().getPort(),
            null,
            null,
            null);

    try (ElasticsearchClients es = ElasticsearchClients.connect(url)) {
      assertThat(es.healthy()).isFalse();
    }

    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("elastic:p@ss:w/rd".getBytes(StandardCharsets.UTF_8));
    assertThat(authorizations).isNotEmpty().allMatch(expected::equals);
  }

  @Test
  void aUrlWithoutUserInformationSendsNoCredentials() throws Exception {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

    try (ElasticsearchClients es = ElasticsearchClients.connect(url)) {
      assertThat(es.healthy()).isFalse();
    }

    assertThat(authorizations).isNotEmpty().containsOnly("none");
  }
}
