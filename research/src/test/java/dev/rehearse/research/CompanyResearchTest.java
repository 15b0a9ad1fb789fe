package dev.rehearse.research;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.json.Json;
import dev.rehearse.research.CompanyResearch.Request;
import dev.rehearse.research.CompanyResearch.Research;
import dev.rehearse.research.FakeSearchProvider.Reply;
import dev.rehearse.research.ProviderReplies.Page;
import dev.rehearse.research.ResearchSettings.Kind;
import dev.rehearse.research.SearchClient.BreakerPolicy;
import dev.rehearse.research.SearchClient.Reason;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CompanyResearchTest {

  private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Request REQUEST =
      new Request("Acme", "Backend Engineer", Optional.of("Senior"));

  private static final Page ACME_PAYMENTS =
      new Page(
          "Acme launches payments API",
          "Acme launched a payments API for small online shops.",
          "https://news.example.com/acme-payments");

  private FakeSearchProvider tavily;
  private FakeSearchProvider exa;
  private FakeSearchProvider serper;
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());
  private final CompanyResearch.Listener listener =
      new CompanyResearch.Listener() {
        @Override
        public void found(String provider, int snippets) {
          events.add(provider + " found " + snippets);
        }

        @Override
        public void failed(String provider, SearchClient.Failed failure) {
          events.add(provider + " " + failure.reason());
        }
      };

  @BeforeEach
  void startProviders() throws Exception {
    tavily = new FakeSearchProvider(Reply.ok(ProviderReplies.tavily("q", List.of(ACME_PAYMENTS))));
    exa = new FakeSearchProvider(Reply.ok(ProviderReplies.exa(List.of(ACME_PAYMENTS))));
    serper = new FakeSearchProvider(Reply.ok(ProviderReplies.serper("q", List.of(ACME_PAYMENTS))));
  }

  @AfterEach
  void stopProviders() {
    tavily.close();
    exa.close();
    serper.close();
  }

  private SearchClient client(FakeSearchProvider server, Kind kind) {
    return new SearchClient(
        server.provider(kind, "key-" + kind.id()),
        HTTP,
        Json.newMapper(),
        Duration.ofSeconds(5),
        new BreakerPolicy(10, 3, 50, Duration.ofMinutes(1)),
        CLOCK,
        d -> {});
  }

  private CompanyResearch research() {
    return new CompanyResearch(
        List.of(client(tavily, Kind.TAVILY), client(exa, Kind.EXA), client(serper, Kind.SERPER)),
        CLOCK);
  }

  @Test
  void tavilyAnswersFirstAndNoOtherProviderIsAsked() {
    Research research = research().research(REQUEST, listener);

    assertThat(research.snippets()).extracting(ResearchSnippet::provider).containsExactly("tavily");
    assertThat(research.company()).isEqualTo("Acme");
    assertThat(research.role()).isEqualTo("Backend Engineer");
    assertThat(research.retrievedAt()).isEqualTo(NOW);
    assertThat(exa.requests()).isEmpty();
    assertThat(serper.requests()).isEmpty();
    assertThat(tavily.requests().get(0).body().path("query").asText())
        .contains("Acme")
        .contains("Senior Backend Engineer");
  }

  @Test
  void whenTavilyFailsExaIsUsed() {
    tavily.otherwise(Reply.status(500));

    Research research = research().research(REQUEST, listener);

    assertThat(research.snippets()).extracting(ResearchSnippet::provider).containsExactly("exa");
    assertThat(tavily.requests()).hasSize(2);
    assertThat(exa.requests()).hasSize(1);
    assertThat(serper.requests()).isEmpty();
    assertThat(events).containsExactly("tavily SERVER_ERROR", "exa found 1");
  }

  @Test
  void whenTavilyFindsNothingExaIsUsed() {
    tavily.otherwise(Reply.ok(ProviderReplies.tavily("q", List.of())));

    Research research = research().research(REQUEST, listener);

    assertThat(research.snippets()).extracting(ResearchSnippet::provider).containsExactly("exa");
    assertThat(events).containsExactly("tavily found 0", "exa found 1");
  }

  @Test
  void serperIsTheLastResort() {
    tavily.otherwise(Reply.raw("not json", "text/plain"));
    exa.otherwise(Reply.status(401));

    Research research = research().research(REQUEST, listener);

    assertThat(research.snippets()).extracting(ResearchSnippet::provider).containsExactly("serper");
    assertThat(events).containsExactly("tavily MALFORMED_REPLY", "exa REJECTED", "serper found 1");
  }

  @Test
  void whenEveryProviderFailsTheResearchIsEmpty() {
    tavily.otherwise(Reply.status(500));
    exa.otherwise(Reply.status(429));
    serper.otherwise(Reply.status(502));

    Research research = research().research(REQUEST, listener);

    assertThat(research.snippets()).isEmpty();
    assertThat(research.retrievedAt()).isEqualTo(NOW);
    assertThat(events)
        .containsExactly("tavily SERVER_ERROR", "exa RATE_LIMITED", "serper SERVER_ERROR");
  }

  @Test
  void aProviderWhoseBreakerIsOpenIsSkippedWithoutACall() {
    tavily.otherwise(Reply.status(503));
    CompanyResearch research = research();
    for (int i = 0; i < 3; i++) {
      research.research(REQUEST, CompanyResearch.SILENT);
    }
    int tavilyCalls = tavily.requests().size();
    int exaCalls = exa.requests().size();

    Research next = research.research(REQUEST, listener);

    assertThat(tavilyCalls).isEqualTo(6);
    assertThat(tavily.requests()).hasSize(tavilyCalls);
    assertThat(exa.requests()).hasSize(exaCalls + 1);
    assertThat(next.snippets()).extracting(ResearchSnippet::provider).containsExactly("exa");
    assertThat(events).containsExactly("tavily " + Reason.CIRCUIT_OPEN, "exa found 1");
  }

  @Test
  void keepsAtMostEightSnippetsEachUrlOnce() {
    List<Page> pages = new ArrayList<>();
    pages.add(ACME_PAYMENTS);
    // the same page again: another fragment, a trailing slash, the host in capitals
    pages.add(new Page("Again", "Same page.", "https://news.example.com/acme-payments#top"));
    pages.add(new Page("Again", "Same page.", "https://NEWS.example.com/acme-payments/"));
    IntStream.rangeClosed(1, 10)
        .forEach(
            i ->
                pages.add(
                    new Page(
                        "Acme story " + i,
                        "Acme news number " + i + ".",
                        "https://example.com/acme/" + i)));
    tavily.otherwise(Reply.ok(ProviderReplies.tavily("q", pages)));

    Research research = research().research(REQUEST, listener);

    assertThat(research.snippets()).hasSize(CompanyResearch.MAX_SNIPPETS);
    assertThat(research.snippets())
        .extracting(ResearchSnippet::url)
        .startsWith(ACME_PAYMENTS.url(), "https://example.com/acme/1")
        .doesNotHaveDuplicates()
        .noneMatch(u -> u.contains("#top") || u.endsWith("/"));
    assertThat(tavily.requests().get(0).body().path("max_results").asInt())
        .isEqualTo(CompanyResearch.MAX_SNIPPETS);
  }

  @Test
  void withoutProvidersResearchIsDisabledAndFindsNothing() {
    CompanyResearch none = CompanyResearch.of(ResearchSettings.fromEnv(java.util.Map.of()));

    assertThat(none.enabled()).isFalse();
    assertThat(none.research(REQUEST, listener).snippets()).isEmpty();
    assertThat(events).isEmpty();
  }

  @Test
  void theAsyncFormGivesTheSameResearch() throws Exception {
    java.util.concurrent.ExecutorService executor =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      Research research =
          research()
              .researchAsync(REQUEST, listener, executor)
              .get(5, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(research.snippets())
          .extracting(ResearchSnippet::url)
          .containsExactly(ACME_PAYMENTS.url());
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void theQueryNamesTheCompanyAndTheRoleAsPlainBoundedText() {
    String query =
        CompanyResearch.query(
            new Request(
                "<b>Acme</b>\u0000 \"Labs\"",
                "Backend\nEngineer " + "x".repeat(500),
                Optional.empty()));

    assertThat(query).startsWith("\"Acme Labs\" company news").doesNotContain("<", "\n", "\u0000");
    assertThat(query.length()).isLessThanOrEqualTo(CompanyResearch.MAX_QUERY);
  }

  // needsRefresh

  private static Research done(String company, String role, Instant at) {
    return new Research(company, role, at, List.of());
  }

  private static final Duration WEEK = Duration.ofHours(168);

  @Test
  void researchIsFetchedWhenThereIsNone() {
    assertThat(
            CompanyResearch.needsRefresh(Optional.empty(), "Acme", "Backend Engineer", NOW, WEEK))
        .isTrue();
  }

  @Test
  void freshResearchForTheSameCompanyAndRoleIsKept() {
    Research previous = done("Acme", "Backend Engineer", NOW.minus(Duration.ofHours(167)));

    assertThat(
            CompanyResearch.needsRefresh(
                Optional.of(previous), " acme ", "backend engineer", NOW, WEEK))
        .isFalse();
  }

  @Test
  void anotherCompanyOrRoleIsResearchedAgain() {
    Research previous = done("Acme", "Backend Engineer", NOW.minus(Duration.ofHours(1)));

    assertThat(
            CompanyResearch.needsRefresh(
                Optional.of(previous), "Globex", "Backend Engineer", NOW, WEEK))
        .isTrue();
    assertThat(
            CompanyResearch.needsRefresh(
                Optional.of(previous), "Acme", "Product Manager", NOW, WEEK))
        .isTrue();
  }

  @Test
  void researchOlderThanTheTtlIsFetchedAgain() {
    Research previous = done("Acme", "Backend Engineer", NOW.minus(WEEK));

    assertThat(
            CompanyResearch.needsRefresh(
                Optional.of(previous), "Acme", "Backend Engineer", NOW, WEEK))
        .isTrue();
  }
}
