package dev.rehearse.api.http;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;

/**
 * Rate-limit buckets in Redis, so every API instance takes from the same bucket of a user. Each
 * bucket expires once it would be full again, so idle users cost nothing.
 */
final class RedisBuckets implements RateLimits.Buckets {

  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final LettuceBasedProxyManager<String> buckets;

  private RedisBuckets(RedisClient client) {
    this.client = client;
    this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    this.buckets =
        Bucket4jLettuce.casBasedBuilder(connection)
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                    Duration.ofSeconds(10)))
            .build();
  }

  /** Connects to {@code url} ({@code redis://host:port}); fails if Redis cannot be reached. */
  static RedisBuckets connect(String url) {
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(Duration.ofSeconds(2));
    return new RedisBuckets(RedisClient.create(uri));
  }

  @Override
  public Bucket get(String key, BucketConfiguration configuration) {
    return buckets.builder().build(key, () -> configuration);
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
