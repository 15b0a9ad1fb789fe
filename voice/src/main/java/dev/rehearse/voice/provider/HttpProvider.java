package dev.rehearse.voice.provider;

import dev.rehearse.voice.provider.ProviderException.Reason;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How Rehearse calls one paid HTTP provider (a transcription or speech service): each request has
 * the configured timeout, covering the whole reply body, which is read up to a limit; a 429 or a
 * 5xx is retried once, after the reply's {@code Retry-After} (in seconds, at most {@link
 * #MAX_RETRY_WAIT}) or {@link #DEFAULT_RETRY_WAIT}; and the provider sits behind a circuit breaker,
 * so one that keeps failing is skipped for a while instead of holding every caller up to its
 * timeout. Every failure is a {@link ProviderException} of a {@link Reason}.
 *
 * <p>Thread-safe; one per provider and process, on one shared {@link HttpClient}.
 */
public final class HttpProvider {

  /** The longest pause before the retry, whatever the provider's {@code Retry-After} says. */
  public static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(2);

  /** The pause before the retry when the reply does not give one. */
  public static final Duration DEFAULT_RETRY_WAIT = Duration.ofMillis(200);

  /** Waits before the retry; tests record the wait instead. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** Reads a reply of status 200 into a result; throws {@link ProviderException} when it cannot. */
  public interface ReplyReader<T> {
    T read(HttpResponse<byte[]> reply);
  }

  private final String name;
  private final HttpClient http;
  private final Duration timeout;
  private final int maxReplyBytes;
  private final CircuitBreaker breaker;
  private final Sleeper sleeper;

  public HttpProvider(
      String name,
      HttpClient http,
      Duration timeout,
      int maxReplyBytes,
      BreakerPolicy policy,
      Sleeper sleeper) {
    this.name = name;
    this.http = http;
    this.timeout = timeout;
    this.maxReplyBytes = maxReplyBytes;
    this.breaker =
        CircuitBreaker.of(
            "voice-" + name,
            CircuitBreakerConfig.custom()
                .slidingWindowSize(policy.window())
                .minimumNumberOfCalls(policy.minimumCalls())
                .failureRateThreshold(policy.failureRatePercent())
                .waitDurationInOpenState(policy.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
    this.sleeper = sleeper;
  }

  /** With the default breaker policy, sleeping for real before a retry. */
  public static HttpProvider of(String name, HttpClient http, Duration timeout, int maxReplyBytes) {
    return new HttpProvider(
        name, http, timeout, maxReplyBytes, BreakerPolicy.DEFAULT, d -> Thread.sleep(d.toMillis()));
  }

  public String name() {
    return name;
  }

  public Duration timeout() {
    return timeout;
  }

  /** Whether the breaker lets a call through now (closed, or half open for a trial call). */
  public boolean available() {
    CircuitBreaker.State state = breaker.getState();
    return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
  }

  /**
   * Sends {@code request} (its timeout is set here), retried once after a 429 or 5xx, and reads a
   * 200 reply with {@code reader}. The breaker counts the call as failed when it throws, except for
   * {@link Reason#UNSUPPORTED}, which says nothing about the provider's health.
   *
   * @throws ProviderException for every failure, {@link Reason#CIRCUIT_OPEN} without calling
   */
  public <T> T call(HttpRequest.Builder request, ReplyReader<T> reader) {
    if (!breaker.tryAcquirePermission()) {
      throw new ProviderException(name, Reason.CIRCUIT_OPEN, "skipped after repeated failures");
    }
    long start = System.nanoTime();
    try {
      T result = attempt(request.timeout(timeout).build(), reader);
      breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return result;
    } catch (ProviderException e) {
      if (e.reason() == Reason.UNSUPPORTED) {
        breaker.releasePermission();
      } else {
        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      }
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ProviderException failure = new ProviderException(name, Reason.NETWORK, "interrupted");
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
      throw failure;
    } catch (RuntimeException e) {
      // the HTTP client refusing a request, say: the breaker hears of it all the same
      ProviderException failure =
          new ProviderException(
              name, Reason.NETWORK, "request failed: " + e.getClass().getSimpleName());
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
      throw failure;
    }
  }

  /**
   * One GET of {@code uri} with the same timeout and size limit, not retried (for a reply that
   * points at its audio by URL). Call it from inside a {@link ReplyReader}, so the breaker counts
   * its failure.
   */
  public byte[] get(URI uri) {
    try {
      HttpResponse<byte[]> reply =
          exchange(HttpRequest.newBuilder(uri).timeout(timeout).GET().build());
      if (reply.statusCode() != 200) {
        throw new ProviderException(
            name,
            reply.statusCode() == 429 || reply.statusCode() >= 500
                ? Reason.SERVER_ERROR
                : Reason.REJECTED,
            "fetching the audio answered HTTP " + reply.statusCode());
      }
      return reply.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(name, Reason.NETWORK, "interrupted");
    }
  }

  private <T> T attempt(HttpRequest request, ReplyReader<T> reader) throws InterruptedException {
    HttpResponse<byte[]> reply = exchange(request);
    if (retryable(reply.statusCode())) {
      sleeper.sleep(retryWait(reply.headers().firstValue("Retry-After")));
      reply = exchange(request);
    }
    int status = reply.statusCode();
    if (status == 429) {
      throw new ProviderException(name, Reason.RATE_LIMITED, "HTTP 429 twice");
    }
    if (status >= 500) {
      throw new ProviderException(name, Reason.SERVER_ERROR, "HTTP " + status + " twice");
    }
    if (status != 200) {
      throw new ProviderException(name, Reason.REJECTED, "HTTP " + status);
    }
    return reader.read(reply);
  }

  private static boolean retryable(int status) {
    return status == 429 || status >= 500;
  }

  private HttpResponse<byte[]> exchange(HttpRequest request) throws InterruptedException {
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(request, info -> new LimitedBody(maxReplyBytes));
    try {
      // the request's own timeout stops at the headers; this bounds the body as well
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new ProviderException(
          name, Reason.TIMEOUT, "no reply within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw new ProviderException(
            name, Reason.TIMEOUT, "no reply within " + timeout.toMillis() + " ms");
      }
      if (cause instanceof LimitedBody.TooLong
          || cause instanceof IOException && cause.getCause() instanceof LimitedBody.TooLong) {
        throw new ProviderException(
            name, Reason.MALFORMED_REPLY, "the reply is longer than " + maxReplyBytes + " bytes");
      }
      throw new ProviderException(
          name,
          Reason.NETWORK,
          cause == null ? "failed" : cause.getClass().getSimpleName() + " " + cause.getMessage());
    }
  }

  /** {@code Retry-After} in whole seconds, at most {@link #MAX_RETRY_WAIT}; else the default. */
  static Duration retryWait(Optional<String> retryAfter) {
    if (retryAfter.isEmpty()) {
      return DEFAULT_RETRY_WAIT;
    }
    long seconds;
    try {
      seconds = Long.parseLong(retryAfter.get().strip());
    } catch (NumberFormatException notSeconds) {
      return DEFAULT_RETRY_WAIT;
    }
    if (seconds <= 0) {
      return Duration.ZERO;
    }
    return seconds >= MAX_RETRY_WAIT.toSeconds() ? MAX_RETRY_WAIT : Duration.ofSeconds(seconds);
  }
}
