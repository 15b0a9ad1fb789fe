package dev.rehearse.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tracing of a process with OpenTelemetry. Each entry point reads its {@link Settings} once (the
 * standard {@code OTEL_*} variables) and builds one {@link OpenTelemetry} from them: an SDK that
 * exports spans over OTLP when an endpoint is set (any OpenTelemetry backend, LangSmith's OTLP
 * endpoint included), else the no-op one, whose spans cost next to nothing and carry no trace
 * context. The traces follow a request across processes in Kafka record headers ({@code
 * dev.rehearse.kafka.TraceHeaders}).
 */
public final class Telemetry {

  /** The instrumentation name of every span of ours. */
  public static final String INSTRUMENTATION = "dev.rehearse";

  /** One SDK per distinct settings, for the operators of a Flink job (see {@link #shared}). */
  private static final Map<Settings, OpenTelemetry> SHARED = new ConcurrentHashMap<>();

  private Telemetry() {}

  /**
   * What an entry point read.
   *
   * @param otel the {@code OTEL_*} variables, by name
   * @param service the service name spans carry unless {@code OTEL_SERVICE_NAME} says another
   */
  public record Settings(TreeMap<String, String> otel, String service) implements Serializable {

    private static final long serialVersionUID = 1L;

    public Settings {
      otel = new TreeMap<>(otel);
    }

    public static Settings fromEnv(Map<String, String> env, String service) {
      TreeMap<String, String> otel = new TreeMap<>();
      env.forEach(
          (name, value) -> {
            if (name.startsWith("OTEL_") && value != null && !value.isBlank()) {
              otel.put(name, value.strip());
            }
          });
      return new Settings(otel, service);
    }

    /** No tracing: the no-op OpenTelemetry. */
    public static Settings none(String service) {
      return new Settings(new TreeMap<>(), service);
    }

    /**
     * Whether spans are exported: an OTLP endpoint is set ({@code OTEL_EXPORTER_OTLP_ENDPOINT} or
     * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}), or an exporter is named ({@code
     * OTEL_TRACES_EXPORTER}), and {@code OTEL_SDK_DISABLED} is not {@code true}.
     */
    public boolean exports() {
      String exporter = otel.getOrDefault("OTEL_TRACES_EXPORTER", "");
      return !"true".equalsIgnoreCase(otel.getOrDefault("OTEL_SDK_DISABLED", ""))
          && !"none".equalsIgnoreCase(exporter)
          && (otel.containsKey("OTEL_EXPORTER_OTLP_ENDPOINT")
              || otel.containsKey("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
              || !exporter.isEmpty());
    }

    /** The settings as the SDK's configuration properties: {@code OTEL_A_B} is {@code otel.a.b}. */
    Map<String, String> properties() {
      Map<String, String> properties = new HashMap<>();
      properties.put("otel.service.name", service);
      // OTLP over HTTP (port 4318), which every backend takes, LangSmith's endpoint included
      properties.put("otel.exporter.otlp.protocol", "http/protobuf");
      // traces only: the services keep their metrics and logs where they are
      properties.put("otel.metrics.exporter", "none");
      properties.put("otel.logs.exporter", "none");
      otel.forEach(
          (name, value) -> properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value));
      return properties;
    }
  }

  /**
   * A new OpenTelemetry for {@code settings}: an SDK exporting spans when {@link Settings#exports},
   * else the no-op one. Call once per process, at its entry point; the SDK flushes at shutdown.
   */
  public static OpenTelemetry create(Settings settings) {
    if (!settings.exports()) {
      return OpenTelemetry.noop();
    }
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(settings::properties)
        .build()
        .getOpenTelemetrySdk();
  }

  /**
   * The OpenTelemetry of this JVM for {@code settings}, created at the first call: for the
   * operators of a Flink job, which are built from their settings in each task manager's JVM.
   */
  public static OpenTelemetry shared(Settings settings) {
    return SHARED.computeIfAbsent(settings, Telemetry::create);
  }

  /** Our tracer of {@code openTelemetry}. */
  public static Tracer tracer(OpenTelemetry openTelemetry) {
    return openTelemetry.getTracer(INSTRUMENTATION);
  }
}
