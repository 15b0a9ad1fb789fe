package dev.rehearse.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.observability.testing.FakeSentry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorTrackingTest {

  private FakeSentry sentry;

  @AfterEach
  void stop() {
    ErrorTracking.stop();
    if (sentry != null) {
      sentry.close();
    }
  }

  @Test
  void withoutDsnNothingStarts() {
    ErrorTracking.Settings settings = ErrorTracking.Settings.fromEnv(Map.of(), "api");

    assertThat(settings.dsn()).isEmpty();
    assertThat(ErrorTracking.start(settings)).isFalse();
    assertThat(ErrorTracking.enabled()).isFalse();
    ErrorTracking.capture(new IllegalStateException("x"), Map.of());
  }

  @Test
  void settingsFallBackToSentryDsn() {
    ErrorTracking.Settings settings =
        ErrorTracking.Settings.fromEnv(
            Map.of("SENTRY_DSN", "http://k@h/1", "REHEARSE_SENTRY_ENVIRONMENT", "staging"), "api");

    assertThat(settings.dsn()).contains("http://k@h/1");
    assertThat(settings.environment()).isEqualTo("staging");
    assertThat(settings.release()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(
            ErrorTracking.Settings.fromEnv(
                    Map.of("SENTRY_DSN", "http://k@h/1", "REHEARSE_SENTRY_DSN", "http://k@h/2"),
                    "api")
                .dsn())
        .contains("http://k@h/2");
  }

  @Test
  void anEventReachesSentryTaggedAndScrubbed() throws Exception {
    sentry = new FakeSentry();
    ErrorTracking.start(
        ErrorTracking.Settings.fromEnv(Map.of("REHEARSE_SENTRY_DSN", sentry.dsn()), "api"));

    ErrorTracking.capture(
        new IllegalStateException("lost the answer I would rather not share with anyone"),
        Map.of(Tags.REQUEST_ID, "req-9", Tags.USER_ID, "candidate-7", "answer", "secret words"));
    ErrorTracking.flush(5000);

    List<FakeSentry.Envelope> events = sentry.awaitEvents(1, Duration.ofSeconds(10));
    assertThat(events).hasSize(1);
    FakeSentry.Envelope event = events.get(0);
    assertThat(event.path()).isEqualTo(FakeSentry.envelopePath());
    assertThat(event.auth()).contains("sentry_key=publickey");
    assertThat(event.text())
        .contains("\"request_id\":\"req-9\"")
        .contains("\"job\":\"api\"")
        .contains("\"release\":\"" + ErrorTracking.release() + "\"")
        .contains(UserIds.hash("candidate-7"))
        .contains("IllegalStateException")
        .doesNotContain("candidate-7")
        .doesNotContain("rather not share")
        .doesNotContain("secret words");
  }
}
