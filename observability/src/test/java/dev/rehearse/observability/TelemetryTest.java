package dev.rehearse.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryTest {

  @Test
  void withoutAnEndpointNothingIsExportedAndSpansCarryNoTrace() {
    Telemetry.Settings settings =
        Telemetry.Settings.fromEnv(Map.of("OTEL_SERVICE_NAME", "x", "PATH", "/bin"), "api");
    OpenTelemetry otel = Telemetry.create(settings);

    assertThat(settings.exports()).isFalse();
    assertThat(otel).isSameAs(OpenTelemetry.noop());
    Span span = Telemetry.tracer(otel).spanBuilder("request").startSpan();
    assertThat(span.getSpanContext().isValid()).isFalse();
  }

  @Test
  void anEndpointTurnsExportOnUnlessTheSdkOrTheExporterIsOff() {
    Map<String, String> endpoint = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318");

    assertThat(Telemetry.Settings.fromEnv(endpoint, "api").exports()).isTrue();
    assertThat(
            Telemetry.Settings.fromEnv(
                    Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://x/otel/v1/traces"), "api")
                .exports())
        .isTrue();
    assertThat(
            Telemetry.Settings.fromEnv(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318",
                        "OTEL_TRACES_EXPORTER", "none"),
                    "api")
                .exports())
        .isFalse();
    assertThat(
            Telemetry.Settings.fromEnv(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318",
                        "OTEL_SDK_DISABLED", "true"),
                    "api")
                .exports())
        .isFalse();
    assertThat(
            Telemetry.Settings.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "), "api").exports())
        .isFalse();
  }

  @Test
  void theSettingsBecomeTheSdksPropertiesWithTheServiceNameAsDefault() {
    Map<String, String> properties =
        Telemetry.Settings.fromEnv(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "https://api.smith.langchain.com/otel",
                    "OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=k,Langsmith-Project=rehearse"),
                "rehearse-api")
            .properties();

    assertThat(properties)
        .containsEntry("otel.exporter.otlp.endpoint", "https://api.smith.langchain.com/otel")
        .containsEntry("otel.exporter.otlp.headers", "x-api-key=k,Langsmith-Project=rehearse")
        .containsEntry("otel.service.name", "rehearse-api")
        .containsEntry("otel.exporter.otlp.protocol", "http/protobuf")
        .containsEntry("otel.metrics.exporter", "none")
        .containsEntry("otel.logs.exporter", "none");
    assertThat(
            Telemetry.Settings.fromEnv(Map.of("OTEL_SERVICE_NAME", "mine"), "rehearse-api")
                .properties())
        .containsEntry("otel.service.name", "mine");
  }

  @Test
  void anEndpointGivesAnSdkWhoseSpansHaveATrace() {
    Telemetry.Settings settings =
        Telemetry.Settings.fromEnv(
            Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9"), "rehearse-test");
    OpenTelemetry otel = Telemetry.create(settings);
    try {
      assertThat(otel).isInstanceOf(OpenTelemetrySdk.class);
      Span span = Telemetry.tracer(otel).spanBuilder("request").startSpan();
      assertThat(span.getSpanContext().isValid()).isTrue();
      span.end();
      assertThat(Telemetry.shared(settings)).isSameAs(Telemetry.shared(settings));
    } finally {
      ((OpenTelemetrySdk) otel).shutdown();
      ((OpenTelemetrySdk) Telemetry.shared(settings)).shutdown();
    }
  }
}
