package dev.rehearse.research;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.research.ResearchSettings.Provider;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One web-search provider's client. A search is one request, retried once after a 429 or a server
 * error (after the reply's {@code Retry-After} when it gives one, at most {@link #MAX_RETRY_WAIT});
 * each request has the configured timeout, and a reply is read up to {@link #MAX_REPLY_BYTES}.
 * Every failure comes back as a {@link Failed} of a {@link Reason}, never as an exception. The
 * provider sits behind a circuit breaker: once half of its recent searches failed, it is not called
 * for a while.
 *
 * <p>Thread-safe; create one per provider and process, on one shared {@link HttpClient}.
 */
public final class SearchClient {

  /** The longest pause before the retry, whatever the provider's {@code Retry-After} says. */
  public static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(2);

  /** The pause before the retry when the reply does not say. */
  static final Duration DEFAULT_RETRY_WAIT = Duration.ofMillis(200);

  /** The largest reply read; a longer one is a malformed reply. */
  public static final int MAX_REPLY_BYTES = 1 << 20;

  /** Why a search failed. */
  public enum Reason {
    /** No reply within the timeout. */
    TIMEOUT,
    /** 429 twice. */
    RATE_LIMITED,
    /** 5xx twice. */
    SERVER_ERROR,
    /** Any other status than 200 (a bad key, say): not retried. */
    REJECTED,
    /** A 200 whose body is not JSON, not of the provider's shape, or too long. */
    MALFORMED_REPLY,
    /** The connection failed. */
    NETWORK,
    /** The circuit breaker is open: the provider was not called. */
    CIRCUIT_OPEN
  }

  /** What a search gave. */
  public sealed interface Result permits Found, Failed {}

  /** The provider answered; {@code snippets} (sanitised, at most as many as asked) may be empty. */
  public record Found(List<ResearchSnippet> snippets) implements Result {}

  /** The provider gave nothing usable. {@code detail} never holds the key or the reply's text. */
  public record Failed(Reason reason, String detail) implements Result {}

  /**
   * When the breaker opens: {@code failureRatePercent} of the last {@code window} searches (at
   * least {@code minimumCalls} of them) failed. It then stays open for {@code openFor}, and lets
   * one trial search through.
   */
  public record BreakerPolicy(
      int window, int minimumCalls, float failureRatePercent, Duration openFor) {

    /** Half of the last 10 searches, 3 at least, failed: the provider is skipped for a minute. */
    public static final BreakerPolicy DEFAULT = new BreakerPolicy(10, 3, 50, Duration.ofMinutes(1));
  }

  /** Waits between the first request and the retry; tests record instead. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Provider provider;
  private final WireFormat format;
  private final HttpClient http;
  private final ObjectMapper mapper;
  private final Duration timeout;
  private final CircuitBreaker breaker;
  private final Clock clock;
  private final Sleeper sleeper;

  SearchClient(
      Provider provider,
      HttpClient http,
      ObjectMapper mapper,
      Duration timeout,
      BreakerPolicy policy,
      Clock clock,
      Sleeper sleeper) {
    this.provider = provider;
    this.format =
        switch (provider.kind()) {
          case TAVILY -> new Tavily();
          case EXA -> new Exa();
          case SERPER -> new Serper();
        };
    this.http = http;
    this.mapper = mapper;
    this.timeout = timeout;
    this.breaker =
        CircuitBreaker.of(
            "research-" + provider.kind().id(),
            CircuitBreakerConfig.custom()
                .slidingWindowSize(policy.window())
                .minimumNumberOfCalls(policy.minimumCalls())
                .failureRateThreshold(policy.failureRatePercent())
                .waitDurationInOpenState(policy.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** The client of {@code provider}, with the default breaker policy. */
  public static SearchClient of(
      Provider provider, HttpClient http, ObjectMapper mapper, Duration timeout) {
    return new SearchClient(
        provider,
        http,
        mapper,
        timeout,
        BreakerPolicy.DEFAULT,
        Clock.systemUTC(),
        d -> Thread.sleep(d.toMillis()));
  }

  /** {@code tavily}, {@code exa} or {@code serper}. */
  public String name() {
    return provider.kind().id();
  }

  /** Whether the breaker lets a search through now (it is closed, or half open for a trial). */
  public boolean available() {
    return breaker.getState() != CircuitBreaker.State.OPEN
        && breaker.getState() != CircuitBreaker.State.FORCED_OPEN;
  }

  /**
   * At most {@code max} snippets for {@code query}, sanitised, each URL once.
   *
   * @return {@link Found} when the provider answered, else {@link Failed}
   */
  public Result search(String query, int max) {
    if (!breaker.tryAcquirePermission()) {
      return new Failed(Reason.CIRCUIT_OPEN, name() + " is skipped after repeated failures");
    }
    long start = System.nanoTime();
    Result result;
    try {
      result = searchOnce(query, max);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = new Failed(Reason.NETWORK, "interrupted");
    } catch (RuntimeException e) {
      // the HTTP client refusing a request, say; the breaker must hear of it all the same
      result = new Failed(Reason.NETWORK, "request failed: " + e.getClass().getSimpleName());
    }
    long nanos = System.nanoTime() - start;
    if (result instanceof Failed failed) {
      breaker.onError(nanos, TimeUnit.NANOSECONDS, new IOException(failed.detail()));
    } else {
      breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    }
    return result;
  }

  private Result searchOnce(String query, int max) throws InterruptedException {
    byte[] body;
    try {
      body = mapper.writeValueAsBytes(format.body(mapper.createObjectNode(), query, max));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a search request", e);
    }
    HttpRequest request =
        format
            .authorize(
                HttpRequest.newBuilder(provider.searchUri())
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                provider.apiKey())
            .build();
    Exchange first = exchange(request);
    Exchange last = first;
    if (first.retryable()) {
      sleeper.sleep(retryWait(first.response()));
      last = exchange(request);
    }
    return last.result() != null ? last.result() : read(last.response(), max);
  }

  /** One request: a response, or the failure it ended in. */
  private record Exchange(HttpResponse<byte[]> response, Failed result) {
    boolean retryable() {
      return response != null && (response.statusCode() == 429 || response.statusCode() >= 500);
    }
  }

  private Exchange exchange(HttpRequest request) throws InterruptedException {
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(request, info -> new BoundedBody(MAX_REPLY_BYTES));
    try {
      // the request timeout covers the headers; this covers the body as well
      return new Exchange(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS), null);
    } catch (TimeoutException e) {
      future.cancel(true);
      return failure(Reason.TIMEOUT, "no reply within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        return failure(Reason.TIMEOUT, "no reply within " + timeout.toMillis() + " ms");
      }
      if (cause instanceof BoundedBody.TooLong) {
        return failure(Reason.MALFORMED_REPLY, cause.getMessage());
      }
      return failure(
          Reason.NETWORK,
          cause == null ? "failed" : cause.getClass().getSimpleName() + " " + cause.getMessage());
    }
  }

  private static Exchange failure(Reason reason, String detail) {
    return new Exchange(null, new Failed(reason, detail));
  }

  private Result read(HttpResponse<byte[]> response, int max) {
    int status = response.statusCode();
    if (status == 429) {
      return new Failed(Reason.RATE_LIMITED, "HTTP 429 twice");
    }
    if (status >= 500) {
      return new Failed(Reason.SERVER_ERROR, "HTTP " + status + " twice");
    }
    if (status != 200) {
      return new Failed(Reason.REJECTED, "HTTP " + status);
    }
    List<SearchHit> hits;
    try {
      JsonNode reply = mapper.readTree(response.body());
      if (reply == null || !reply.isObject()) {
        return new Failed(Reason.MALFORMED_REPLY, "the reply is not a JSON object");
      }
      hits = format.hits(reply);
    } catch (JacksonException e) {
      return new Failed(Reason.MALFORMED_REPLY, "the reply is not JSON");
    } catch (IOException e) {
      return new Failed(Reason.MALFORMED_REPLY, "the reply cannot be read");
    } catch (WireFormat.MalformedReply e) {
      return new Failed(Reason.MALFORMED_REPLY, e.getMessage());
    }
    Instant now = clock.instant();
    List<ResearchSnippet> snippets = new ArrayList<>();
    Set<String> urls = new HashSet<>();
    for (SearchHit hit : hits) {
      Optional<ResearchSnippet> snippet = ResearchText.snippet(hit, name(), now);
      if (snippet.isPresent() && urls.add(ResearchText.urlKey(snippet.get().url()))) {
        snippets.add(snippet.get());
        if (snippets.size() == max) {
          break;
        }
      }
    }
    return new Found(List.copyOf(snippets));
  }

  /**
   * The pause before the retry: the reply's {@code Retry-After} (seconds or an HTTP date) when it
   * has one, at most {@link #MAX_RETRY_WAIT}; {@link #DEFAULT_RETRY_WAIT} otherwise.
   */
  Duration retryWait(HttpResponse<?> response) {
    return retryWait(response.headers().firstValue("Retry-After"), clock.instant());
  }

  static Duration retryWait(Optional<String> retryAfter, Instant now) {
    if (retryAfter.isEmpty()) {
      return DEFAULT_RETRY_WAIT;
    }
    String value = retryAfter.get().strip();
    Duration wait;
    try {
      wait = Duration.ofSeconds(Long.parseLong(value));
    } catch (NumberFormatException notSeconds) {
      try {
        wait =
            Duration.between(
                now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      } catch (DateTimeParseException notADate) {
        return DEFAULT_RETRY_WAIT;
      }
    }
    if (wait.isNegative()) {
      return Duration.ZERO;
    }
    return wait.compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : wait;
  }
}
