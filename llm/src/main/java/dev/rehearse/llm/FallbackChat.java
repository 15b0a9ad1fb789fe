package dev.rehearse.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.rehearse.observability.ErrorTracking;
import dev.rehearse.observability.Tags;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one way Rehearse asks an LLM: the providers in order, each call retried after a backoff as
 * the {@link Policy} says, the answer read and checked by the caller (output that fails the check
 * is never retried: the next provider is asked), and which provider answered reported back. Every
 * call is a span with the GenAI semantic conventions that OTLP backends read.
 */
public final class FallbackChat {

  /** What happened to one request, for logs and metrics. */
  public interface Listener {

    /** {@code provider} gave a valid answer after {@code millis}, retries included. */
    void answered(String provider, long millis);

    /** {@code provider} failed (an error, a timeout, invalid output, or its circuit is open). */
    void failed(String provider, String reason);
  }

  /** A listener that ignores everything. */
  public static final Listener SILENT =
      new Listener() {
        @Override
        public void answered(String provider, long millis) {}

        @Override
        public void failed(String provider, String reason) {}
      };

  /** A valid answer and the provider that gave it. */
  public record Answer<T>(T value, ChatProvider provider) {}

  /** Output that fails the caller's check; the caller's reader throws it (or any exception). */
  public static final class InvalidOutput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidOutput(String message) {
      super(message, null, false, false);
    }

    InvalidOutput(RuntimeException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  /**
   * How hard each provider is tried.
   *
   * @param attempts calls per provider and request, the first included
   * @param backoff the pause before the second call; it doubles for each further one
   * @param retryAnyError whether any failed call is retried, or only a 429 and a server error
   * @param skipFailingFor when present, a provider that failed half of its last 10 requests (3 at
   *     least) is skipped for this long
   * @param perMinute when present, requests a minute to all providers together; a request waits up
   *     to 2 minutes for its turn
   */
  public record Policy(
      int attempts,
      Duration backoff,
      boolean retryAnyError,
      Optional<Duration> skipFailingFor,
      OptionalInt perMinute) {

    /**
     * Someone waits for the answer: a 429 or a server error is tried once more after 100 ms; a
     * timeout moves on at once, since the next provider is faster than a second wait.
     */
    public static Policy interactive(Duration skipFailingFor) {
      return new Policy(
          2, Duration.ofMillis(100), false, Optional.of(skipFailingFor), OptionalInt.empty());
    }

    /**
     * Nobody waits: any failed call is tried twice more (after 200 and 400 ms), and requests keep
     * under the providers' rate limit.
     */
    public static Policy batch(int perMinute) {
      return new Policy(
          3, Duration.ofMillis(200), true, Optional.empty(), OptionalInt.of(perMinute));
    }
  }

  private record Provider(ChatProvider chat, Retry retry, Optional<CircuitBreaker> breaker) {}

  private final List<Provider> providers;
  private final Optional<RateLimiter> limiter;
  private final Tracer tracer;

  /** Without tracing. */
  public FallbackChat(List<ChatProvider> providers, Policy policy) {
    this(providers, policy, TracerProvider.noop().get("dev.rehearse.llm"));
  }

  public FallbackChat(List<ChatProvider> providers, Policy policy, Tracer tracer) {
    RetryConfig retry =
        RetryConfig.custom()
            .maxAttempts(policy.attempts())
            .intervalFunction(IntervalFunction.ofExponentialBackoff(policy.backoff(), 2))
            .retryOnException(
                e ->
                    !(e instanceof InvalidOutput)
                        && (policy.retryAnyError()
                            || e instanceof RateLimitException
                            || e instanceof InternalServerException))
            .build();
    Optional<CircuitBreakerConfig> breaker =
        policy
            .skipFailingFor()
            .map(
                openFor ->
                    CircuitBreakerConfig.custom()
                        .slidingWindowSize(10)
                        .minimumNumberOfCalls(3)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(openFor)
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .build());
    List<Provider> list = new ArrayList<>();
    for (ChatProvider p : providers) {
      list.add(
          new Provider(
              p,
              Retry.of("llm-" + p.name(), retry),
              breaker.map(config -> CircuitBreaker.of("llm-" + p.name(), config))));
    }
    this.providers = List.copyOf(list);
    this.limiter =
        policy.perMinute().isPresent()
            ? Optional.of(
                RateLimiter.of(
                    "llm",
                    RateLimiterConfig.custom()
                        .limitForPeriod(policy.perMinute().getAsInt())
                        .limitRefreshPeriod(Duration.ofMinutes(1))
                        .timeoutDuration(Duration.ofMinutes(2))
                        .build()))
            : Optional.empty();
    this.tracer = tracer;
  }

  /** Whether any provider is configured. */
  public boolean enabled() {
    return !providers.isEmpty();
  }

  /** The providers, in the order they are asked. */
  public List<ChatProvider> providers() {
    return providers.stream().map(Provider::chat).toList();
  }

  /** {@link #ask(List, Function, Attributes, Listener)} with no attributes of the caller's. */
  public <T> Optional<Answer<T>> ask(
      List<ChatMessage> prompt, Function<ChatResponse, T> read, Listener listener) {
    return ask(prompt, read, Attributes.empty(), listener);
  }

  /**
   * Asks the providers in turn until one gives an answer that {@code read} accepts.
   *
   * @param read reads and checks a response; any exception it throws marks the output invalid
   * @param attributes added to every call's span (e.g. the session it is for)
   * @return the first valid answer; empty when every provider failed
   */
  public <T> Optional<Answer<T>> ask(
      List<ChatMessage> prompt,
      Function<ChatResponse, T> read,
      Attributes attributes,
      Listener listener) {
    List<String> reasons = new ArrayList<>();
    for (Provider p : providers) {
      if (p.breaker().isPresent() && !p.breaker().get().tryAcquirePermission()) {
        listener.failed(p.chat().name(), "circuit open");
        reasons.add(p.chat().name() + ": circuit open");
        continue;
      }
      long start = System.nanoTime();
      try {
        limiter.ifPresent(RateLimiter::waitForPermission);
        T value =
            Retry.decorateSupplier(p.retry(), () -> call(p.chat(), prompt, read, attributes)).get();
        long nanos = System.nanoTime() - start;
        p.breaker().ifPresent(b -> b.onSuccess(nanos, TimeUnit.NANOSECONDS));
        listener.answered(p.chat().name(), nanos / 1_000_000);
        return Optional.of(new Answer<>(value, p.chat()));
      } catch (RuntimeException e) {
        long nanos = System.nanoTime() - start;
        p.breaker().ifPresent(b -> b.onError(nanos, TimeUnit.NANOSECONDS, e));
        listener.failed(p.chat().name(), reason(e));
        reasons.add(p.chat().name() + ": " + reason(e));
      }
    }
    if (!providers.isEmpty()) {
      report(reasons, attributes);
    }
    return Optional.empty();
  }

  /** Every provider failed: an error report (when error tracking is on) naming them. */
  private void report(List<String> reasons, Attributes attributes) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(
        Tags.PROVIDERS,
        providers.stream().map(p -> p.chat().name()).collect(Collectors.joining(",")));
    String session = attributes.get(AttributeKey.stringKey("rehearse.session.id"));
    if (session != null) {
      tags.put(Tags.SESSION_ID, session);
    }
    ErrorTracking.capture(new AllProvidersFailed(String.join("; ", reasons)), tags);
  }

  /** What an error report names when every provider failed: each provider and its reason. */
  public static final class AllProvidersFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AllProvidersFailed(String reasons) {
      super("every LLM provider failed: " + reasons);
    }
  }

  /** One call to one provider, in its own span. */
  private <T> T call(
      ChatProvider provider,
      List<ChatMessage> prompt,
      Function<ChatResponse, T> read,
      Attributes attributes) {
    String model = provider.settings().model();
    Span span =
        tracer
            .spanBuilder("chat " + model)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("gen_ai.operation.name", "chat")
            .setAttribute("gen_ai.system", provider.name())
            .setAttribute("gen_ai.request.model", model)
            .setAllAttributes(attributes)
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      ChatResponse response = provider.model().chat(prompt);
      if (response.tokenUsage() != null) {
        if (response.tokenUsage().inputTokenCount() != null) {
          span.setAttribute("gen_ai.usage.input_tokens", response.tokenUsage().inputTokenCount());
        }
        if (response.tokenUsage().outputTokenCount() != null) {
          span.setAttribute("gen_ai.usage.output_tokens", response.tokenUsage().outputTokenCount());
        }
      }
      if (response.modelName() != null) {
        span.setAttribute("gen_ai.response.model", response.modelName());
      }
      try {
        return read.apply(response);
      } catch (InvalidOutput e) {
        throw e;
      } catch (RuntimeException e) {
        throw new InvalidOutput(e);
      }
    } catch (RuntimeException e) {
      span.setStatus(StatusCode.ERROR, reason(e));
      span.recordException(e);
      throw e;
    } finally {
      span.end();
    }
  }

  private static String reason(RuntimeException e) {
    if (e instanceof InvalidOutput) {
      return e.getMessage();
    }
    String message = e.getMessage() == null ? "" : e.getMessage().strip();
    return "failed: "
        + e.getClass().getSimpleName()
        + (message.isEmpty()
            ? ""
            : " (" + (message.length() > 200 ? message.substring(0, 200) + "…" : message) + ")");
  }
}
