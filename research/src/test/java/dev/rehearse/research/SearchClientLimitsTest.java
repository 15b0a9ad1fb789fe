package dev.rehearse.research;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.json.Json;
import dev.rehearse.research.FakeSearchProvider.Reply;
import dev.rehearse.research.ResearchSettings.Kind;
import dev.rehearse.research.ResearchSettings.Provider;
import dev.rehearse.research.SearchClient.Failed;
import dev.rehearse.research.SearchClient.Reason;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SearchClientLimitsTest {

  private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static SearchClient client(Provider provider) {
    return SearchClient.of(provider, HTTP, Json.newMapper(), Duration.ofSeconds(2));
  }

  @Test
  void aReplyLongerThanTheLimitIsMalformedAndNotReadToTheEnd() throws Exception {
    StringBuilder huge = new StringBuilder("{\"results\":[");
    String item =
        "{\"title\":\"Acme\",\"url\":\"https://example.com/a\",\"content\":\""
            + "x".repeat(1000)
            + "\"},";
    while (huge.length() < SearchClient.MAX_REPLY_BYTES + 10_000) {
      huge.append(item);
    }
    huge.append("{}]}");
    try (FakeSearchProvider server = new FakeSearchProvider(Reply.ok(huge.toString()))) {
      SearchClient.Result result = client(server.provider(Kind.TAVILY, "k")).search("Acme", 8);

      assertThat(((Failed) result).reason()).isEqualTo(Reason.MALFORMED_REPLY);
      assertThat(((Failed) result).detail()).contains("longer than");
    }
  }

  @Test
  void aProviderThatCannotBeReachedIsANetworkFailure() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Provider closed = new Provider(Kind.SERPER, URI.create("http://127.0.0.1:" + port), "k");

    SearchClient.Result result = client(closed).search("Acme", 8);

    assertThat(((Failed) result).reason()).isEqualTo(Reason.NETWORK);
  }

  @Test
  void retryAfterIsReadInSecondsOrAsAnHttpDateAndCapped() {
    assertThat(SearchClient.retryWait(Optional.empty(), NOW))
        .isEqualTo(SearchClient.DEFAULT_RETRY_WAIT);
    assertThat(SearchClient.retryWait(Optional.of("1"), NOW)).isEqualTo(Duration.ofSeconds(1));
    assertThat(SearchClient.retryWait(Optional.of("0"), NOW)).isEqualTo(Duration.ZERO);
    assertThat(SearchClient.retryWait(Optional.of("86400"), NOW))
        .isEqualTo(SearchClient.MAX_RETRY_WAIT);
    assertThat(SearchClient.retryWait(Optional.of("Wed, 02 Dec 2026 06:00:01 GMT"), NOW))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(SearchClient.retryWait(Optional.of("Wed, 02 Dec 2026 05:00:00 GMT"), NOW))
        .isEqualTo(Duration.ZERO);
    assertThat(SearchClient.retryWait(Optional.of("soon"), NOW))
        .isEqualTo(SearchClient.DEFAULT_RETRY_WAIT);
  }
}
