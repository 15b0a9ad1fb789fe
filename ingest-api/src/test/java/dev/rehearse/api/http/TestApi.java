package dev.rehearse.api.http;

import dev.rehearse.api.ApiConfig;
import dev.rehearse.api.http.RateLimits.Kind;
import dev.rehearse.core.config.Connections;
import dev.rehearse.core.json.Json;
import dev.rehearse.voice.tts.Synthesizers;
import io.github.bucket4j.TimeMeter;
import io.javalin.Javalin;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API as the HTTP tests start it: on a free local port, tokens signed with a test secret by
 * issuer {@value #ISSUER} for audience {@value #AUDIENCE}, JSON bodies of up to 64 KiB, no LiveKit,
 * a minimum group of 5, always ready.
 */
final class TestApi {

  static final String ISSUER = "rehearse";
  static final String AUDIENCE = "rehearse-api";

  private TestApi() {}

  /** The configuration with {@code secret}, the reply timeout, CORS origins and speech given. */
  static ApiConfig config(
      String secret,
      Duration replyTimeout,
      List<String> corsOrigins,
      Synthesizers.Settings speech) {
    return new ApiConfig(
        0,
        "127.0.0.1",
        Connections.fromEnv(Map.of()),
        Optional.of(secret),
        Optional.empty(),
        ISSUER,
        AUDIENCE,
        replyTimeout,
        64 * 1024,
        corsOrigins,
        Optional.empty(),
        5,
        speech,
        "0");
  }

  /** Rate limits of so many requests of each kind. */
  static RateLimits limits(int interview, int batch, int read) {
    return new RateLimits(
        Map.of(Kind.INTERVIEW, interview, Kind.BATCH, batch, Kind.READ, read),
        TimeMeter.SYSTEM_NANOTIME);
  }

  /** The API over {@code services}, started, tracing nowhere. */
  static Javalin start(Api.Services services, ApiConfig config, RateLimits limits) {
    return start(services, config, limits, OpenTelemetry.noop().getTracer("test"));
  }

  /** The API over {@code services}, started, its spans going to {@code tracer}. */
  static Javalin start(Api.Services services, ApiConfig config, RateLimits limits, Tracer tracer) {
    return Api.create(
            services,
            new TokenVerifier(config.jwtSecret().orElseThrow(), ISSUER, AUDIENCE),
            Json.newMapper(),
            config,
            () -> true,
            new HttpMetrics(),
            ApiDocs.load(),
            limits,
            tracer)
        .start("127.0.0.1", 0);
  }
}
