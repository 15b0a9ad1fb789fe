package dev.rehearse.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.api.http.RateLimits.Kind;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two API instances sharing their rate limits through a real Redis ({@code redis-server}). */
class RedisRateLimitsTest {

  private static Process redis;
  private static int port;

  @BeforeAll
  static void startRedis() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try {
      redis =
          new ProcessBuilder(
                  "redis-server",
                  "--port",
                  String.valueOf(port),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "this test runs a real Redis: install redis-server (apt-get install redis-server)", e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline || !redis.isAlive()) {
          throw new IllegalStateException("redis-server did not start on port " + port);
        }
        Thread.sleep(50);
      }
    }
  }

  @AfterAll
  static void stopRedis() throws Exception {
    redis.destroy();
    redis.waitFor(5, TimeUnit.SECONDS);
  }

  private static RateLimits instance() {
    return new RateLimits(
        Map.of(Kind.INTERVIEW, 5, Kind.BATCH, 2, Kind.READ, 100),
        RedisBuckets.connect("redis://127.0.0.1:" + port));
  }

  @Test
  void instancesTakeFromTheSameBucketOfAUser() throws Exception {
    try (RateLimits a = instance();
        RateLimits b = instance()) {
      assertThat(a.take("shared-user", Kind.INTERVIEW).allowed()).isTrue();
      assertThat(b.take("shared-user", Kind.INTERVIEW).allowed()).isTrue();
      assertThat(a.take("shared-user", Kind.INTERVIEW).allowed()).isTrue();
      assertThat(b.take("shared-user", Kind.INTERVIEW).remaining()).isEqualTo(1);
      assertThat(a.take("shared-user", Kind.INTERVIEW).allowed()).isTrue();

      RateLimits.Decision refused = b.take("shared-user", Kind.INTERVIEW);
      assertThat(refused.allowed()).isFalse();
      assertThat(refused.resetSeconds()).isBetween(1L, 60L);
      assertThat(a.take("shared-user", Kind.INTERVIEW).allowed()).isFalse();
    }
  }

  @Test
  void usersAndKindsHaveTheirOwnBuckets() throws Exception {
    try (RateLimits a = instance();
        RateLimits b = instance()) {
      assertThat(a.take("user-1", Kind.BATCH).allowed()).isTrue();
      assertThat(b.take("user-1", Kind.BATCH).allowed()).isTrue();
      assertThat(a.take("user-1", Kind.BATCH).allowed()).isFalse();

      assertThat(b.take("user-2", Kind.BATCH).allowed()).isTrue();
      assertThat(b.take("user-1", Kind.READ).allowed()).isTrue();
    }
  }

  @Test
  void aLimiterThatCannotBeReachedLetsRequestsThrough() throws Exception {
    RateLimits.Buckets broken =
        (key, configuration) -> {
          throw new IllegalStateException("connection refused");
        };
    try (RateLimits limits =
        new RateLimits(Map.of(Kind.INTERVIEW, 1, Kind.BATCH, 1, Kind.READ, 1), broken)) {
      assertThat(limits.take("u", Kind.INTERVIEW).allowed()).isTrue();
      assertThat(limits.take("u", Kind.INTERVIEW).allowed()).isTrue();
    }
  }
}
