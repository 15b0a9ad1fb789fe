package dev.rehearse.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TraceHeadersTest {

  private final Tracer tracer =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
                  .build())
          .build()
          .getTracer("test");

  @Test
  void aConsumerContinuesTheProducersTraceFromTheHeaders() {
    Span producer = tracer.spanBuilder("send").startSpan();
    RecordHeaders headers = new RecordHeaders();

    TraceHeaders.inject(Context.root().with(producer), headers);
    SpanContext parent = Span.fromContext(TraceHeaders.extract(headers)).getSpanContext();

    assertThat(parent.isValid()).isTrue();
    assertThat(parent.isRemote()).isTrue();
    assertThat(parent.getTraceId()).isEqualTo(producer.getSpanContext().getTraceId());
    assertThat(parent.getSpanId()).isEqualTo(producer.getSpanContext().getSpanId());
    assertThat(new String(headers.lastHeader("traceparent").value(), StandardCharsets.UTF_8))
        .startsWith(
            "00-"
                + producer.getSpanContext().getTraceId()
                + "-"
                + producer.getSpanContext().getSpanId()
                + "-");
  }

  @Test
  void aCarriedTraceparentNamesTheSameContextAsTheHeaders() {
    Span processing = tracer.spanBuilder("process").startSpan();

    Optional<String> carried = TraceHeaders.traceparent(processing);
    RecordHeaders headers = new RecordHeaders();
    headers.add("traceparent", carried.orElseThrow().getBytes(StandardCharsets.UTF_8));

    assertThat(TraceHeaders.traceparent(headers)).isEqualTo(carried);
    assertThat(Span.fromContext(TraceHeaders.context(carried)).getSpanContext().getSpanId())
        .isEqualTo(processing.getSpanContext().getSpanId());
  }

  @Test
  void injectingTwiceKeepsOneTraceparent() {
    RecordHeaders headers = new RecordHeaders();
    Span first = tracer.spanBuilder("first").startSpan();
    Span second = tracer.spanBuilder("second").startSpan();

    TraceHeaders.inject(Context.root().with(first), headers);
    TraceHeaders.inject(Context.root().with(second), headers);

    assertThat(headers.headers("traceparent")).hasSize(1);
    assertThat(Span.fromContext(TraceHeaders.extract(headers)).getSpanContext().getSpanId())
        .isEqualTo(second.getSpanContext().getSpanId());
  }

  @Test
  void withoutTracingNoHeaderIsWrittenAndNoneIsRead() {
    Tracer noop = OpenTelemetry.noop().getTracer("test");
    RecordHeaders headers = new RecordHeaders();
    Span span = noop.spanBuilder("send").startSpan();

    try (Scope ignored = span.makeCurrent()) {
      TraceHeaders.inject(Context.current(), headers);
    }

    assertThat(headers.toArray()).isEmpty();
    assertThat(TraceHeaders.traceparent(headers)).isEmpty();
    assertThat(TraceHeaders.traceparent(span)).isEmpty();
    assertThat(Span.fromContext(TraceHeaders.extract(headers)).getSpanContext().isValid())
        .isFalse();
    assertThat(Span.fromContext(TraceHeaders.context(Optional.empty())).getSpanContext().isValid())
        .isFalse();
  }

  @Test
  void aMalformedTraceparentStartsNoTrace() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("traceparent", "00-not-a-trace".getBytes(StandardCharsets.UTF_8));

    assertThat(Span.fromContext(TraceHeaders.extract(headers)).getSpanContext().isValid())
        .isFalse();
  }
}
