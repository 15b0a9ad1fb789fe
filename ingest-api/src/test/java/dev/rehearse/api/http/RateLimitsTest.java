package dev.rehearse.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.api.http.RateLimits.Decision;
import dev.rehearse.api.http.RateLimits.Kind;
import io.github.bucket4j.TimeMeter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

  private final AtomicLong now = new AtomicLong();
  private final RateLimits limits =
      new RateLimits(
          Map.of(Kind.INTERVIEW, 3, Kind.BATCH, 1, Kind.READ, 10),
          new TimeMeter() {
            @Override
            public long currentTimeNanos() {
              return now.get();
            }

            @Override
            public boolean isWallClockBased() {
              return false;
            }
          });

  @Test
  void aBurstUpToTheLimitPassesThenTheNextIsRefused() {
    assertThat(limits.take("u1", Kind.INTERVIEW).remaining()).isEqualTo(2);
    limits.take("u1", Kind.INTERVIEW);
    Decision third = limits.take("u1", Kind.INTERVIEW);
    Decision fourth = limits.take("u1", Kind.INTERVIEW);

    assertThat(third.allowed()).isTrue();
    assertThat(third.remaining()).isZero();
    assertThat(fourth.allowed()).isFalse();
    assertThat(fourth.limit()).isEqualTo(3);
    assertThat(fourth.resetSeconds()).isEqualTo(20); // one token every 20 s
  }

  @Test
  void tokensComeBackWithTime() {
    for (int i = 0; i < 3; i++) {
      limits.take("u1", Kind.INTERVIEW);
    }

    now.addAndGet(TimeUnit.SECONDS.toNanos(20));

    assertThat(limits.take("u1", Kind.INTERVIEW).allowed()).isTrue();
    assertThat(limits.take("u1", Kind.INTERVIEW).allowed()).isFalse();
  }

  @Test
  void usersAndKindsHaveSeparateBuckets() {
    limits.take("u1", Kind.BATCH);

    assertThat(limits.take("u1", Kind.BATCH).allowed()).isFalse();
    assertThat(limits.take("u2", Kind.BATCH).allowed()).isTrue();
    assertThat(limits.take("u1", Kind.READ).allowed()).isTrue();
  }

  @Test
  void endpointsAreClassifiedByMethodAndPath() {
    assertThat(RateLimits.kindOf("POST", "/ai-interview/sessions")).isEqualTo(Kind.INTERVIEW);
    assertThat(RateLimits.kindOf("POST", "/ai-interview/sessions/x/message"))
        .isEqualTo(Kind.INTERVIEW);
    assertThat(RateLimits.kindOf("POST", "/ai-interview/sessions/x/assess")).isEqualTo(Kind.BATCH);
    assertThat(RateLimits.kindOf("GET", "/ai-interview/sessions/x")).isEqualTo(Kind.READ);
  }
}
