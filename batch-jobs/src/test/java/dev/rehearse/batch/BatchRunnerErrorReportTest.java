package dev.rehearse.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.events.BatchJob;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.events.BatchStatus;
import dev.rehearse.core.events.BatchStatus.State;
import dev.rehearse.observability.ErrorTracking;
import dev.rehearse.observability.UserIds;
import dev.rehearse.observability.testing.FakeSentry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A failed batch reaches a local fake Sentry as one event, tagged, its users only hashed. */
class BatchRunnerErrorReportTest {

  private static final String ANSWER = "I would shard the ledger by merchant and replay the events";

  private FakeSentry sentry;
  private final List<BatchStatus> statuses = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    sentry = new FakeSentry();
    ErrorTracking.start(
        ErrorTracking.Settings.fromEnv(
            Map.of("REHEARSE_SENTRY_DSN", sentry.dsn()), "batch-runner"));
  }

  @AfterEach
  void stop() {
    ErrorTracking.stop();
    sentry.close();
  }

  private static BatchRequest erasure(List<String> users) {
    return new BatchRequest(
        BatchRequest.SCHEMA_VERSION,
        "batch-77",
        BatchJob.ERASURE,
        "operator",
        List.of(),
        users,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        Map.of(),
        Instant.parse("2026-03-01T09:59:00Z"));
  }

  @Test
  void aFailedBatchIsOneTaggedEvent() throws Exception {
    BatchRunner runner =
        new BatchRunner(
            Map.of(
                BatchJob.ERASURE,
                (request, progress) -> {
                  throw new IllegalStateException(
                      "cannot rewrite the turns of "
                          + request.userIds()
                          + " (answer="
                          + ANSWER
                          + ")");
                }),
            statuses::add,
            Clock.systemUTC(),
            OpenTelemetry.noop().getTracer("test"));

    BatchStatus end = runner.run(erasure(List.of("user-alice-1", "user-bob-2")));
    ErrorTracking.flush(5000);

    assertThat(end.state()).isEqualTo(State.FAILED);
    List<FakeSentry.Envelope> events = sentry.awaitEvents(1, Duration.ofSeconds(10));
    assertThat(events).hasSize(1);
    assertThat(events.get(0).text())
        .contains("\"batch_id\":\"batch-77\"")
        .contains("\"batch_job\":\"erasure\"")
        .contains("\"job\":\"batch-runner\"")
        .contains("\"release\":\"" + ErrorTracking.release() + "\"")
        .contains("IllegalStateException")
        .contains(UserIds.hash("user-alice-1"))
        .contains(UserIds.hash("user-bob-2"))
        .doesNotContain("user-alice-1")
        .doesNotContain("user-bob-2")
        .doesNotContain("ledger")
        .doesNotContain("merchant");
  }

  @Test
  void aSucceededBatchIsNoEvent() throws Exception {
    BatchRunner runner =
        new BatchRunner(
            Map.of(BatchJob.ERASURE, (request, progress) -> 3),
            statuses::add,
            Clock.systemUTC(),
            OpenTelemetry.noop().getTracer("test"));

    runner.run(erasure(List.of("user-alice-1")));
    ErrorTracking.flush(2000);

    assertThat(sentry.awaitEvents(1, Duration.ofMillis(500))).isEmpty();
  }
}
