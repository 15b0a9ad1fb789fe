package dev.rehearse.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.events.BatchJob;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.events.BatchStatus;
import dev.rehearse.core.events.BatchStatus.State;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchRunnerTest {

  private final List<BatchStatus> statuses = new ArrayList<>();
  private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

  private static BatchRequest request(BatchJob job) {
    return new BatchRequest(
        BatchRequest.SCHEMA_VERSION,
        "b1",
        job,
        "operator",
        List.of(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        Map.of(),
        Instant.parse("2026-03-01T09:59:00Z"));
  }

  @Test
  void aJobReportsRunningWithItsStepsThenSucceededWithItsCount() {
    BatchRunner runner =
        new BatchRunner(
            Map.of(
                BatchJob.BENCHMARK,
                (request, progress) -> {
                  progress.step("percentiles", 0.5);
                  progress.step("overshoot", 1.7);
                  return 42;
                }),
            statuses::add,
            clock,
            OpenTelemetry.noop().getTracer("test"));

    BatchStatus end = runner.run(request(BatchJob.BENCHMARK));

    assertThat(statuses)
        .extracting(BatchStatus::state)
        .containsExactly(State.RUNNING, State.RUNNING, State.RUNNING, State.SUCCEEDED);
    assertThat(statuses.get(1).detail()).contains("percentiles");
    assertThat(statuses.get(1).progress()).contains(0.5);
    assertThat(statuses.get(2).progress()).contains(1.0);
    assertThat(end.processed()).contains(42L);
    assertThat(end.progress()).contains(1.0);
    assertThat(end.at()).isEqualTo(clock.instant());
  }

  @Test
  void aFailingOrUnknownJobEndsFailedWithAShortReasonAndNoStackTrace() {
    BatchRunner runner =
        new BatchRunner(
            Map.of(
                BatchJob.BENCHMARK,
                (request, progress) -> {
                  throw new IllegalStateException("no assessments in the lake yet");
                }),
            statuses::add,
            clock,
            OpenTelemetry.noop().getTracer("test"));

    BatchStatus failed = runner.run(request(BatchJob.BENCHMARK));
    BatchStatus unknown = runner.run(request(BatchJob.REINDEX));

    assertThat(failed.state()).isEqualTo(State.FAILED);
    assertThat(failed.detail()).contains("IllegalStateException: no assessments in the lake yet");
    assertThat(failed.detail().orElseThrow()).doesNotContain("\tat ");
    assertThat(unknown.detail().orElseThrow()).contains("no job reindex");
  }
}
