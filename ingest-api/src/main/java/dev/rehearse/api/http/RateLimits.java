package dev.rehearse.api.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets per user and class of endpoint. Each class allows {@code perMinute} requests a
 * minute with bursts up to the same number. The buckets live in memory (one API instance; those of
 * users not seen for ten minutes are dropped) or in Redis, shared by every instance.
 */
public final class RateLimits implements AutoCloseable {

  /** The classes of endpoint, each with its own limit. */
  public enum Kind {
    /** Requests that drive the interviewer (start, answer, complete) or change data. */
    INTERVIEW,
    /** Requests that start batch work: assessments, cohort reports, erasure, re-indexing. */
    BATCH,
    /** Reads. */
    READ
  }

  /** The outcome of one request against its bucket. */
  public record Decision(boolean allowed, long limit, long remaining, long resetSeconds) {}

  /** Where buckets live: gives the bucket of a key, made from a configuration when new. */
  public interface Buckets extends AutoCloseable {
    Bucket get(String key, BucketConfiguration configuration);

    @Override
    default void close() {}
  }

  /** Buckets in this instance's memory, timed by {@code time}. */
  public static Buckets inMemory(TimeMeter time) {
    Cache<String, Bucket> buckets =
        Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(1_000_000)
            .build();
    return (key, configuration) ->
        buckets.get(
            key,
            k ->
                Bucket.builder()
                    .addLimit(configuration.getBandwidths()[0])
                    .withCustomTimePrecision(time)
                    .build());
  }

  private static final Logger LOG = LoggerFactory.getLogger(RateLimits.class);

  private final Map<Kind, Integer> perMinute;
  private final Buckets buckets;

  public RateLimits(Map<Kind, Integer> perMinute, TimeMeter time) {
    this(perMinute, inMemory(time));
  }

  public RateLimits(Map<Kind, Integer> perMinute, Buckets buckets) {
    this.perMinute = Map.copyOf(perMinute);
    this.buckets = buckets;
  }

  /**
   * Limits read from {@code REHEARSE_RATE_*_PER_MINUTE} (defaults 120, 10 and 600); shared through
   * Redis when {@code REHEARSE_REDIS_URL} is set (for example {@code redis://127.0.0.1:6379}).
   */
  public static RateLimits fromEnv(Map<String, String> env) {
    Map<Kind, Integer> limits =
        Map.of(
            Kind.INTERVIEW,
                Integer.parseInt(env.getOrDefault("REHEARSE_RATE_INTERVIEW_PER_MINUTE", "120")),
            Kind.BATCH, Integer.parseInt(env.getOrDefault("REHEARSE_RATE_BATCH_PER_MINUTE", "10")),
            Kind.READ, Integer.parseInt(env.getOrDefault("REHEARSE_RATE_READ_PER_MINUTE", "600")));
    String redis = env.getOrDefault("REHEARSE_REDIS_URL", "");
    return redis.isEmpty()
        ? new RateLimits(limits, TimeMeter.SYSTEM_NANOTIME)
        : new RateLimits(limits, RedisBuckets.connect(redis));
  }

  /** The class of an endpoint under {@code /ai-interview}. */
  public static Kind kindOf(String method, String path) {
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
  public Decision take(String userId, Kind kind) {
    int limit = perMinute.get(kind);
    BucketConfiguration configuration =
        BucketConfiguration.builder()
            .addLimit(l -> l.capacity(limit).refillGreedy(limit, Duration.ofMinutes(1)))
            .build();
    ConsumptionProbe probe;
    try {
      probe =
          buckets
              .get("rehearse:rate:" + kind.name().toLowerCase() + ":" + userId, configuration)
              .tryConsumeAndReturnRemaining(1);
    } catch (RuntimeException e) {
      // a limiter that cannot be reached must not take the API down: let the request through
      LOG.warn("rate limits unavailable, request let through: {}", e.toString());
      return new Decision(true, limit, limit, 60);
    }
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

  @Override
  public void close() throws Exception {
    buckets.close();
  }
}
