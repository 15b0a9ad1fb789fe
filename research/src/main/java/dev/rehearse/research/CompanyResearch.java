package dev.rehearse.research;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.json.Json;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The research step: what the web says about the candidate's target company, for the role they
 * want. The configured providers are asked in turn (Tavily, Exa, Serper): a provider that fails,
 * whose breaker is open, or that finds nothing usable hands over to the next. The first that finds
 * something gives at most {@link #MAX_SNIPPETS} snippets, each URL once.
 */
public final class CompanyResearch {

  /** The most snippets kept for one profile. */
  public static final int MAX_SNIPPETS = 8;

  /** Longest query sent, in characters. */
  static final int MAX_QUERY = 300;

  /** What one research is for. */
  public record Request(String company, String role, Optional<String> seniority) {}

  /**
   * Research done: for which company and role, when, and what was found ({@code snippets} is empty
   * when no provider found anything).
   */
  public record Research(
      String company, String role, Instant retrievedAt, List<ResearchSnippet> snippets) {}

  /** What happened to each provider, for logs and metrics. */
  public interface Listener {

    /** {@code provider} gave {@code snippets} snippets (0: the next is asked). */
    void found(String provider, int snippets);

    /** {@code provider} failed, or was skipped while its breaker is open. */
    void failed(String provider, SearchClient.Failed failure);
  }

  /** A listener that ignores everything. */
  public static final Listener SILENT =
      new Listener() {
        @Override
        public void found(String provider, int snippets) {}

        @Override
        public void failed(String provider, SearchClient.Failed failure) {}
      };

  private final List<SearchClient> clients;
  private final Clock clock;

  /** Research through {@code clients}, asked in their order. */
  public CompanyResearch(List<SearchClient> clients, Clock clock) {
    this.clients = List.copyOf(clients);
    this.clock = clock;
  }

  /** The clients of every provider {@code settings} configures, on one HTTP client. */
  public static CompanyResearch of(ResearchSettings settings) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    ObjectMapper mapper = Json.newMapper();
    return new CompanyResearch(
        settings.providers().stream()
            .map(p -> SearchClient.of(p, http, mapper, settings.timeout()))
            .toList(),
        Clock.systemUTC());
  }

  /** Whether any provider is configured. */
  public boolean enabled() {
    return !clients.isEmpty();
  }

  /**
   * Research for {@code request}: the snippets of the first provider that finds any, none when all
   * fail. Blocks for at most about two timeouts per provider; never throws for a provider's sake.
   */
  public Research research(Request request, Listener listener) {
    String query = query(request);
    for (SearchClient client : clients) {
      SearchClient.Result result = client.search(query, MAX_SNIPPETS);
      if (result instanceof SearchClient.Found found) {
        listener.found(client.name(), found.snippets().size());
        if (!found.snippets().isEmpty()) {
          return research(request, found.snippets());
        }
      } else if (result instanceof SearchClient.Failed failed) {
        listener.failed(client.name(), failed);
      }
    }
    return research(request, List.of());
  }

  /** {@link #research} on {@code executor}, for callers that must not block (Flink async I/O). */
  public CompletableFuture<Research> researchAsync(
      Request request, Listener listener, Executor executor) {
    return CompletableFuture.supplyAsync(() -> research(request, listener), executor);
  }

  private Research research(Request request, List<ResearchSnippet> snippets) {
    return new Research(request.company(), request.role(), clock.instant(), snippets);
  }

  /**
   * The search query: the company by name, news and products, and the role. Candidate text is
   * flattened to plain text; the query is bounded.
   */
  static String query(Request request) {
    String role =
        request
            .seniority()
            .map(s -> ResearchText.clean(s, 40) + " " + ResearchText.clean(request.role(), 100))
            .orElse(ResearchText.clean(request.role(), 100))
            .strip();
    String company = ResearchText.clean(request.company(), 120).replace("\"", "");
    String query =
        "\"" + company + "\" company news, products and engineering, for a " + role + " role";
    return query.length() > MAX_QUERY ? query.substring(0, MAX_QUERY) : query;
  }

  /**
   * Whether research for {@code company} and {@code role} must be fetched again: there is none, it
   * was for another company or role (compared without case or surrounding space), or it is older
   * than {@code ttl}.
   */
  public static boolean needsRefresh(
      Optional<Research> previous, String company, String role, Instant now, Duration ttl) {
    if (previous.isEmpty()) {
      return true;
    }
    Research research = previous.get();
    return !same(research.company(), company)
        || !same(research.role(), role)
        || !now.isBefore(research.retrievedAt().plus(ttl));
  }

  private static boolean same(String a, String b) {
    return a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
  }
}
