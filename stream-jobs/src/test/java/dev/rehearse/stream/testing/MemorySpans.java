package dev.rehearse.stream.testing;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The span exporter {@code OTEL_TRACES_EXPORTER=memory} names in tests: the spans a job's operators
 * export through the SDK {@link dev.rehearse.observability.Telemetry} configures, kept in memory.
 */
public final class MemorySpans implements ConfigurableSpanExporterProvider {

  /** Every span exported in this JVM by an SDK configured with the {@code memory} exporter. */
  public static final InMemorySpanExporter EXPORTED = InMemorySpanExporter.create();

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    return new SpanExporter() {
      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode export(
          java.util.Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
        return EXPORTED.export(spans);
      }

      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode flush() {
        return EXPORTED.flush();
      }

      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
        // the shared exporter outlives each SDK
        return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
      }
    };
  }

  @Override
  public String getName() {
    return "memory";
  }
}
