package dev.rehearse.stream.llm;

import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.interview.Interviewer.InterviewerException;
import dev.rehearse.core.interview.PlannedQuestion;
import dev.rehearse.core.interview.ProfileContext;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans with the LLM providers in order — Groq first, OpenAI on error, timeout, 429 or invalid
 * output — each with one retry after a short backoff for a 429 or a server error, and behind a
 * circuit breaker, so a provider that keeps failing is skipped for a while instead of slowing every
 * start down. Empty when none gives a valid plan: the offline interviewer plans instead.
 */
public final class LlmPlanner {

  private static final Logger LOG = LoggerFactory.getLogger(LlmPlanner.class);

  /** What happened to one planning request, for metrics. */
  public interface Listener {
    void planned(String provider, long millis);

    void failed(String provider, String reason);

    void fellBack();
  }

  private record Provider(ChatInterviewer interviewer, CircuitBreaker breaker, Retry retry) {}

  /** Attempts per provider and plan: a 429 or a server error is tried once more, after a pause. */
  static final int ATTEMPTS = 2;

  private final List<Provider> providers;
  private final Listener listener;

  public LlmPlanner(List<ChatInterviewer> interviewers, Listener listener) {
    this(interviewers, listener, Duration.ofSeconds(30));
  }

  /**
   * @param openFor how long a failing provider is skipped before it is tried again
   */
  public LlmPlanner(List<ChatInterviewer> interviewers, Listener listener, Duration openFor) {
    CircuitBreakerConfig config =
        CircuitBreakerConfig.custom()
            .slidingWindowSize(10)
            .minimumNumberOfCalls(3)
            .failureRateThreshold(50)
            .waitDurationInOpenState(openFor)
            .permittedNumberOfCallsInHalfOpenState(1)
            .build();
    List<Provider> list = new ArrayList<>();
    // a timeout or invalid output is not retried: the next provider is faster than a second wait
    RetryConfig retry =
        RetryConfig.custom()
            .maxAttempts(ATTEMPTS)
            .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(100), 2))
            .retryOnException(
                e ->
                    e.getCause() instanceof RateLimitException
                        || e.getCause() instanceof InternalServerException)
            .build();
    for (ChatInterviewer i : interviewers) {
      list.add(new Provider(i, CircuitBreaker.of(i.name(), config), Retry.of(i.name(), retry)));
    }
    this.providers = List.copyOf(list);
    this.listener = listener;
  }

  public boolean enabled() {
    return !providers.isEmpty();
  }

  public Optional<List<PlannedQuestion>> plan(
      String sessionId, InterviewSpec spec, ProfileContext context) {
    for (Provider p : providers) {
      if (!p.breaker().tryAcquirePermission()) {
        listener.failed(p.interviewer().name(), "circuit open");
        continue;
      }
      long start = System.nanoTime();
      try {
        List<PlannedQuestion> plan =
            Retry.decorateSupplier(p.retry(), () -> p.interviewer().plan(sessionId, spec, context))
                .get();
        long nanos = System.nanoTime() - start;
        p.breaker().onSuccess(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        listener.planned(p.interviewer().name(), nanos / 1_000_000);
        return Optional.of(plan);
      } catch (InterviewerException e) {
        p.breaker()
            .onError(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS, e);
        LOG.warn("session {}: {}", sessionId, e.getMessage());
        listener.failed(p.interviewer().name(), e.getMessage());
      }
    }
    if (enabled()) {
      listener.fellBack();
    }
    return Optional.empty();
  }
}
