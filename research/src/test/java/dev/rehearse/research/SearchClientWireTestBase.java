package dev.rehearse.research;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearse.core.json.Json;
import dev.rehearse.research.FakeSearchProvider.Received;
import dev.rehearse.research.FakeSearchProvider.Reply;
import dev.rehearse.research.ProviderReplies.Page;
import dev.rehearse.research.ResearchSettings.Kind;
import dev.rehearse.research.SearchClient.BreakerPolicy;
import dev.rehearse.research.SearchClient.Failed;
import dev.rehearse.research.SearchClient.Found;
import dev.rehearse.research.SearchClient.Reason;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The wire contract every provider's client keeps, against a local fake of the provider: the
 * request it sends (method, path, authentication, body) and what it makes of success, 429, 5xx, a
 * timeout and malformed replies. Each provider's test says how its requests and replies look.
 */
abstract class SearchClientWireTestBase {

  static final String KEY = "sk-test-7d1f";
  static final String QUERY = "\"Acme\" company news, products and engineering";
  static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");

  /** Generous: a loaded build machine must not turn a success into a timeout. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** The timeout of the timeout test, far below how long its provider sleeps. */
  static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

  static final long SLEEP_MILLIS = 4_000;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static final List<Page> PAGES =
      List.of(
          new Page(
              "Acme launches payments API",
              "Acme launched a payments API for small online shops in Europe.",
              "https://news.example.com/acme-payments"),
          new Page(
              "Acme acquires Widgets Ltd",
              "Acme has acquired Widgets Ltd to strengthen its logistics platform.",
              "https://www.example.org/2026/11/acme-widgets"));

  /** The provider under test. */
  abstract Kind kind();

  /** Checks the provider's authentication header and body fields of one search request. */
  abstract void assertProviderRequest(Received request, String query, int max);

  private final List<FakeSearchProvider> servers = new ArrayList<>();
  final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stopServers() {
    servers.forEach(FakeSearchProvider::close);
  }

  FakeSearchProvider server(Reply otherwise) throws Exception {
    FakeSearchProvider server = new FakeSearchProvider(otherwise);
    servers.add(server);
    return server;
  }

  SearchClient client(FakeSearchProvider server, BreakerPolicy policy) {
    return client(server, policy, TIMEOUT);
  }

  SearchClient client(FakeSearchProvider server, BreakerPolicy policy, Duration timeout) {
    return new SearchClient(
        server.provider(kind(), KEY),
        HTTP,
        Json.newMapper(),
        timeout,
        policy,
        Clock.fixed(NOW, ZoneOffset.UTC),
        waits::add);
  }

  SearchClient client(FakeSearchProvider server) {
    return client(server, BreakerPolicy.DEFAULT);
  }

  String success() {
    return ProviderReplies.of(kind(), QUERY, PAGES);
  }

  @Test
  void sendsTheProvidersRequestAndReadsItsResults() throws Exception {
    FakeSearchProvider server = server(Reply.ok(success()));

    SearchClient.Result result = client(server).search(QUERY, 8);

    assertThat(result).isInstanceOf(Found.class);
    assertThat(((Found) result).snippets())
        .extracting(ResearchSnippet::title, ResearchSnippet::text, ResearchSnippet::url)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                PAGES.get(0).title(), PAGES.get(0).text(), PAGES.get(0).url()),
            org.assertj.core.groups.Tuple.tuple(
                PAGES.get(1).title(), PAGES.get(1).text(), PAGES.get(1).url()));
    assertThat(((Found) result).snippets())
        .allSatisfy(
            s -> {
              assertThat(s.provider()).isEqualTo(kind().id());
              assertThat(s.retrievedAt()).isEqualTo(NOW);
            });
    assertThat(server.requests()).hasSize(1);
    Received request = server.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/search");
    assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
    assertThat(request.body().isObject()).as("a JSON object body").isTrue();
    assertProviderRequest(request, QUERY, 8);
  }

  @Test
  void retriesOnceAfterA429AndWaitsWhatRetryAfterSays() throws Exception {
    FakeSearchProvider server =
        server(Reply.ok(success())).then(Reply.status(429).withHeader("Retry-After", "1"));

    SearchClient.Result result = client(server).search(QUERY, 8);

    assertThat(result).isInstanceOf(Found.class);
    assertThat(((Found) result).snippets()).hasSize(2);
    assertThat(server.requests()).hasSize(2);
    assertProviderRequest(server.requests().get(1), QUERY, 8);
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void aLongRetryAfterIsCapped() throws Exception {
    FakeSearchProvider server =
        server(Reply.ok(success())).then(Reply.status(429).withHeader("Retry-After", "3600"));

    assertThat(client(server).search(QUERY, 8)).isInstanceOf(Found.class);
    assertThat(waits).containsExactly(SearchClient.MAX_RETRY_WAIT);
  }

  @Test
  void failsAfterOneRetryWhenTheServerErrsTwice() throws Exception {
    FakeSearchProvider server = server(Reply.status(500));

    SearchClient.Result result = client(server).search(QUERY, 8);

    assertThat(result).isInstanceOf(Failed.class);
    assertThat(((Failed) result).reason()).isEqualTo(Reason.SERVER_ERROR);
    assertThat(server.requests()).hasSize(2);
    assertThat(waits).containsExactly(SearchClient.DEFAULT_RETRY_WAIT);
  }

  @Test
  void a429TwiceIsRateLimited() throws Exception {
    FakeSearchProvider server = server(Reply.status(429));

    SearchClient.Result result = client(server).search(QUERY, 8);

    assertThat(((Failed) result).reason()).isEqualTo(Reason.RATE_LIMITED);
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void aSlowProviderTimesOutWithoutARetry() throws Exception {
    FakeSearchProvider server = server(Reply.ok(success()).after(SLEEP_MILLIS));
    SearchClient client = client(server, BreakerPolicy.DEFAULT, SHORT_TIMEOUT);

    long start = System.nanoTime();
    SearchClient.Result result = client.search(QUERY, 8);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(result).isInstanceOf(Failed.class);
    assertThat(((Failed) result).reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(millis)
        .isGreaterThanOrEqualTo(SHORT_TIMEOUT.toMillis())
        .isLessThan(SLEEP_MILLIS / 2);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aReplyThatIsNotJsonIsMalformed() throws Exception {
    FakeSearchProvider server =
        server(Reply.raw("<html><body>502 Bad Gateway</body></html>", "text/html"));

    SearchClient.Result result = client(server).search(QUERY, 8);

    assertThat(((Failed) result).reason()).isEqualTo(Reason.MALFORMED_REPLY);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void truncatedJsonIsMalformed() throws Exception {
    String whole = success();
    FakeSearchProvider server = server(Reply.ok(whole.substring(0, whole.length() / 2)));

    assertThat(((Failed) client(server).search(QUERY, 8)).reason())
        .isEqualTo(Reason.MALFORMED_REPLY);
  }

  @Test
  void jsonOfAnotherShapeIsMalformed() throws Exception {
    FakeSearchProvider server = server(Reply.ok("{\"results\":\"none\",\"organic\":42}"));

    assertThat(((Failed) client(server).search(QUERY, 8)).reason())
        .isEqualTo(Reason.MALFORMED_REPLY);
  }

  @Test
  void aRejectedKeyIsNotRetried() throws Exception {
    FakeSearchProvider server = server(Reply.status(401));

    SearchClient.Result result = client(server).search(QUERY, 8);

    assertThat(((Failed) result).reason()).isEqualTo(Reason.REJECTED);
    assertThat(((Failed) result).detail()).doesNotContain(KEY);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void resultsWithoutAWebUrlOrTextAreDropped() throws Exception {
    FakeSearchProvider server =
        server(
            Reply.ok(
                ProviderReplies.of(
                    kind(),
                    QUERY,
                    List.of(
                        new Page("Click", "Acme launched a thing.", "javascript:alert(1)"),
                        new Page("Empty", "<p> </p>", "https://example.com/empty"),
                        PAGES.get(0)))));

    Found found = (Found) client(server).search(QUERY, 8);

    assertThat(found.snippets())
        .extracting(ResearchSnippet::url)
        .containsExactly(PAGES.get(0).url());
  }

  @Test
  void theBreakerOpensAfterRepeatedFailuresAndTheProviderIsNotCalled() throws Exception {
    FakeSearchProvider server = server(Reply.status(503));
    SearchClient client = client(server, new BreakerPolicy(10, 3, 50, Duration.ofMinutes(1)));

    for (int i = 0; i < 3; i++) {
      assertThat(((Failed) client.search(QUERY, 8)).reason()).isEqualTo(Reason.SERVER_ERROR);
    }
    int before = server.requests().size();
    SearchClient.Result skipped = client.search(QUERY, 8);

    assertThat(before).isEqualTo(6);
    assertThat(((Failed) skipped).reason()).isEqualTo(Reason.CIRCUIT_OPEN);
    assertThat(client.available()).isFalse();
    assertThat(server.requests()).hasSize(before);
  }

  /** The body's field {@code name}, which must be present. */
  static JsonNode field(Received request, String name) {
    JsonNode value = request.body().get(name);
    assertThat(value).as("body field %s", name).isNotNull();
    return value;
  }
}
