package dev.rehearse.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets per user and class of endpoint, in memory (one API instance). Each class allows
 * {@code perMinute} requests a minute with bursts up to the same number; buckets of users not seen
 * for ten minutes are dropped.
 */
final class RateLimits {

  /** The classes of endpoint, each with its own limit. */
  enum Kind {
    /** Requests that drive the interviewer (start, answer, complete) or change data. */
    INTERVIEW,
    /** Requests that start batch work: assessments, cohort reports, erasure, re-indexing. */
    BATCH,
    /** Reads. */
    READ
  }

  /** The outcome of one request against its bucket. */
  record Decision(boolean allowed, long limit, long remaining, long resetSeconds) {}

  private final Map<Kind, Integer> perMinute;
  private final TimeMeter time;
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder()
          .expireAfterAccess(Duration.ofMinutes(10))
          .maximumSize(1_000_000)
          .build();

  RateLimits(Map<Kind, Integer> perMinute, TimeMeter time) {
    this.perMinute = Map.copyOf(perMinute);
    this.time = time;
  }

  /** Limits read from {@code REHEARSE_RATE_*_PER_MINUTE} (defaults 120, 10 and 600). */
  static RateLimits fromEnv(Map<String, String> env) {
    return new RateLimits(
        Map.of(
            Kind.INTERVIEW,
                Integer.parseInt(env.getOrDefault("REHEARSE_RATE_INTERVIEW_PER_MINUTE", "120")),
            Kind.BATCH, Integer.parseInt(env.getOrDefault("REHEARSE_RATE_BATCH_PER_MINUTE", "10")),
            Kind.READ, Integer.parseInt(env.getOrDefault("REHEARSE_RATE_READ_PER_MINUTE", "600"))),
        TimeMeter.SYSTEM_NANOTIME);
  }

  /** The class of an endpoint under {@code /ai-interview}. */
  static Kind kindOf(String method, String path) {
    if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
      return Kind.READ;
    }
    boolean batch =
        path.endsWith("/assess")
            || path.endsWith("/batches")
            || path.endsWith("/profile/index")
            || (method.equals("DELETE") && path.endsWith("/profile"));
    return batch ? Kind.BATCH : Kind.INTERVIEW;
  }

  /** Takes one token from the user's bucket of this kind, if there is one. */
  Decision take(String userId, Kind kind) {
    int limit = perMinute.get(kind);
    Bucket bucket =
        buckets.get(
            userId + '\u0000' + kind,
            k ->
                Bucket.builder()
                    .addLimit(l -> l.capacity(limit).refillGreedy(limit, Duration.ofMinutes(1)))
                    .withCustomTimePrecision(time)
                    .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    long perTokenNanos = TimeUnit.MINUTES.toNanos(1) / limit;
    long resetNanos =
        probe.isConsumed()
            ? perTokenNanos * (limit - probe.getRemainingTokens())
            : probe.getNanosToWaitForRefill();
    return new Decision(
        probe.isConsumed(),
        limit,
        probe.getRemainingTokens(),
        Math.max(1, TimeUnit.NANOSECONDS.toSeconds(resetNanos + 999_999_999)));
  }
}
