package dev.rehearse.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.events.BatchJob;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.events.BatchStatus;
import dev.rehearse.observability.Tags;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** A batch run is a span of its request's trace, current (and in the MDC) while its job runs. */
class BatchRunnerTracingTest {

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final Tracer tracer =
      SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(spans))
          .build()
          .get("test");
  private final List<BatchStatus> statuses = new ArrayList<>();

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
  void aBatchRunsInASpanOfItsRequestsTrace() {
    Span published = tracer.spanBuilder("send rehearse.batch-requests").startSpan();
    List<String> seen = new ArrayList<>();
    BatchRunner runner =
        new BatchRunner(
            Map.of(
                BatchJob.BENCHMARK,
                (request, progress) -> {
                  // what the job's LLM calls and log lines would see
                  Span current = Span.current();
                  tracer.spanBuilder("chat fake-model").startSpan().end();
                  seen.add(current.getSpanContext().getTraceId());
                  seen.add(MDC.get(Tags.TRACE_ID));
                  seen.add(MDC.get(Tags.SPAN_ID).equals(current.getSpanContext().getSpanId()) + "");
                  return 7;
                }),
            statuses::add,
            Clock.systemUTC(),
            tracer);

    runner.run(request(BatchJob.BENCHMARK), Context.root().with(published));
    published.end();

    String trace = published.getSpanContext().getTraceId();
    SpanData batch = named("batch benchmark");
    assertThat(batch.getTraceId()).isEqualTo(trace);
    assertThat(batch.getParentSpanId()).isEqualTo(published.getSpanContext().getSpanId());
    assertThat(batch.getAttributes().asMap().toString()).contains("b1").contains("processed");
    assertThat(named("chat fake-model").getParentSpanId()).isEqualTo(batch.getSpanId());
    assertThat(seen).containsExactly(trace, trace, "true");
    // the MDC is the thread's: nothing of the batch is left in it
    assertThat(MDC.get(Tags.TRACE_ID)).isNull();
  }

  @Test
  void aFailedBatchIsAnErrorSpan() {
    BatchRunner runner =
        new BatchRunner(
            Map.of(
                BatchJob.BENCHMARK,
                (request, progress) -> {
                  throw new IllegalStateException("no assessments in the lake yet");
                }),
            statuses::add,
            Clock.systemUTC(),
            tracer);

    runner.run(request(BatchJob.BENCHMARK));

    SpanData batch = named("batch benchmark");
    assertThat(batch.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(batch.getStatus().getDescription()).contains("no assessments");
    assertThat(batch.getParentSpanContext().isValid()).isFalse();
  }

  private SpanData named(String name) {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name));
  }
}
