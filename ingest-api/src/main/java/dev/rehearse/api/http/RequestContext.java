package dev.rehearse.api.http;

import dev.rehearse.api.service.Caller;
import dev.rehearse.observability.ErrorTracking;
import dev.rehearse.observability.Tags;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What a request's log lines, traces and error reports say about it: its request id and session in
 * the MDC while it is handled (cleared when it ends, as the thread serves other requests next), a
 * server span current while it is handled (continuing the caller's W3C {@code traceparent} when it
 * sends one; the commands it publishes carry it on), one log line per request, and an error report
 * for each 5xx reply, tagged with the request id, the route template and the caller (hashed by the
 * scrubber).
 */
final class RequestContext {

  /** The request attribute the exception handler leaves the unhandled exception in. */
  static final String ERROR = "rehearse.error";

  private static final Logger LOG = LoggerFactory.getLogger("dev.rehearse.api.requests");
  private static final String STARTED = "rehearse.started";
  private static final String SPAN = "rehearse.span";
  private static final String SCOPE = "rehearse.span.scope";

  /** Reads a request's W3C trace context headers. */
  private static final TextMapGetter<Context> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Context ctx) {
          return ctx.headerMap().keySet();
        }

        @Override
        public String get(Context ctx, String key) {
          return ctx == null ? null : ctx.header(key);
        }
      };

  /** Probes and scrapes: their lines are debug, and a not-ready 503 is no error to report. */
  private static final java.util.Set<String> PROBES =
      java.util.Set.of("/health", "/ready", "/metrics");

  private RequestContext() {}

  /**
   * Registers the handlers; call after the handler that sets {@code X-Request-Id} on the reply.
   *
   * @param sessionPaths the paths whose {@code {id}} is a session
   */
  static void install(Javalin app, String callerAttribute, Tracer tracer, String... sessionPaths) {
    app.before(
        ctx -> {
          ctx.attribute(STARTED, System.nanoTime());
          MDC.remove(Tags.SESSION_ID);
          MDC.put(Tags.REQUEST_ID, requestId(ctx));
          start(ctx, tracer);
        });
    for (String path : sessionPaths) {
      app.before(path, ctx -> MDC.put(Tags.SESSION_ID, ctx.pathParam(Api.ID)));
    }
    app.after(
        ctx -> {
          try {
            finished(ctx, callerAttribute);
          } finally {
            end(ctx);
            MDC.remove(Tags.REQUEST_ID);
            MDC.remove(Tags.SESSION_ID);
          }
        });
  }

  /**
   * Starts the request's server span, current on this thread until {@link #end}; its name becomes
   * the route template once a route matched. Without a caller's {@code traceparent} the header
   * lookup is all it costs beyond the span (nothing, with tracing off).
   */
  private static void start(Context ctx, Tracer tracer) {
    io.opentelemetry.context.Context parent =
        ctx.header("traceparent") == null
            ? io.opentelemetry.context.Context.root()
            : W3CTraceContextPropagator.getInstance()
                .extract(io.opentelemetry.context.Context.root(), ctx, HEADERS);
    Span span =
        tracer
            .spanBuilder(ctx.method().name())
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", ctx.method().name())
            .startSpan();
    ctx.attribute(SPAN, span);
    ctx.attribute(SCOPE, span.makeCurrent());
  }

  private static void end(Context ctx) {
    Scope scope = ctx.attribute(SCOPE);
    Span span = ctx.attribute(SPAN);
    if (scope == null || span == null) {
      return;
    }
    scope.close();
    String route = route(ctx);
    span.updateName(ctx.method().name() + " " + route);
    span.setAttribute("http.route", route);
    span.setAttribute("http.response.status_code", (long) ctx.statusCode());
    if (ctx.statusCode() >= 500) {
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }

  private static void finished(Context ctx, String callerAttribute) {
    int status = ctx.statusCode();
    String route = route(ctx);
    Long started = ctx.attribute(STARTED);
    long millis = started == null ? -1 : (System.nanoTime() - started) / 1_000_000;
    if (PROBES.contains(route)) {
      LOG.debug("{} {} {} {} ms", ctx.method(), route, status, millis);
      return;
    }
    LOG.info("{} {} {} {} ms", ctx.method(), route, status, millis);
    if (status < 500) {
      return;
    }
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(Tags.REQUEST_ID, requestId(ctx));
    tags.put(Tags.ROUTE, route);
    tags.put(Tags.METHOD, ctx.method().name());
    tags.put(Tags.STATUS, String.valueOf(status));
    Optional.ofNullable(MDC.get(Tags.SESSION_ID)).ifPresent(s -> tags.put(Tags.SESSION_ID, s));
    Object caller = ctx.attribute(callerAttribute);
    if (caller instanceof Caller c) {
      tags.put(Tags.USER_ID, c.userId());
    }
    Exception error = ctx.attribute(ERROR);
    if (error != null) {
      ErrorTracking.capture(error, tags);
    } else {
      ErrorTracking.capture("HTTP " + status + " on " + ctx.method() + " " + route, tags);
    }
  }

  /**
   * The route template ({@code /ai-interview/sessions/{id}}); {@code unmatched} when none matched.
   */
  static String route(Context ctx) {
    try {
      return ctx.endpointHandlerPath();
    } catch (RuntimeException noEndpoint) {
      return "unmatched";
    }
  }

  private static String requestId(Context ctx) {
    return String.valueOf(ctx.res().getHeader("X-Request-Id"));
  }
}
