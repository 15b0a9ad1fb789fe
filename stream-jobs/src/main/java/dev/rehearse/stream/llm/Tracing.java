package dev.rehearse.stream.llm;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Map;

/**
 * Where LLM spans go: to the OTLP endpoint of the standard {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or
 * {@code _TRACES_ENDPOINT}) settings — any OpenTelemetry backend, LangSmith's OTLP endpoint with
 * its API key in {@code OTEL_EXPORTER_OTLP_HEADERS} included — and nowhere when neither is set.
 */
public final class Tracing {

  private static OpenTelemetry openTelemetry;

  private Tracing() {}

  /** One per JVM: the first caller's environment decides. */
  public static synchronized Tracer tracer(Map<String, String> env) {
    if (openTelemetry == null) {
      boolean configured =
          !env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "").isBlank()
              || !env.getOrDefault("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "").isBlank();
      openTelemetry =
          configured
              ? AutoConfiguredOpenTelemetrySdk.builder()
                  .addPropertiesSupplier(
                      () ->
                          Map.of(
                              "otel.service.name",
                              env.getOrDefault("OTEL_SERVICE_NAME", "rehearse-interviewer"),
                              "otel.metrics.exporter",
                              "none",
                              "otel.logs.exporter",
                              "none"))
                  .build()
                  .getOpenTelemetrySdk()
              : OpenTelemetry.noop();
    }
    return openTelemetry.getTracer("dev.rehearse.interviewer");
  }
}
