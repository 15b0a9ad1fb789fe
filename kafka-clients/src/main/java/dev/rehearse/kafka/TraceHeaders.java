package dev.rehearse.kafka;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The trace a Kafka record belongs to, in its headers as W3C trace context ({@code traceparent}):
 * the producer injects the current span, the consumer continues the trace from it. A record
 * produced without a span (tracing off) has no such header, and reading one then costs a header
 * lookup and nothing more.
 */
public final class TraceHeaders {

  /** The W3C header that names the trace and the parent span. */
  public static final String TRACEPARENT = "traceparent";

  private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

  /** Reads the one header a traceparent string stands for. */
  private static final TextMapGetter<String> TRACEPARENT_ONLY =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String traceparent) {
          return List.of(TRACEPARENT);
        }

        @Override
        public String get(String traceparent, String key) {
          return TRACEPARENT.equals(key) ? traceparent : null;
        }
      };

  private static final TextMapGetter<Headers> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
          List<String> keys = new java.util.ArrayList<>();
          headers.forEach(h -> keys.add(h.key()));
          return keys;
        }

        @Override
        public String get(Headers headers, String key) {
          Header header = headers == null ? null : headers.lastHeader(key);
          return header == null || header.value() == null
              ? null
              : new String(header.value(), StandardCharsets.UTF_8);
        }
      };

  private TraceHeaders() {}

  /** Adds the trace of {@code context}'s span to {@code headers}; nothing without a valid span. */
  public static void inject(Context context, Headers headers) {
    if (!Span.fromContext(context).getSpanContext().isValid()) {
      return;
    }
    W3C.inject(
        context,
        headers,
        (carrier, key, value) -> {
          carrier.remove(key);
          carrier.add(key, value.getBytes(StandardCharsets.UTF_8));
        });
  }

  /**
   * The trace context of a record's headers, as the parent of the consumer's span; the root context
   * when they carry none.
   */
  public static Context extract(Headers headers) {
    if (headers == null || headers.lastHeader(TRACEPARENT) == null) {
      return Context.root();
    }
    return W3C.extract(Context.root(), headers, HEADERS);
  }

  /** The record's {@code traceparent} as it came, to carry along with what is read from it. */
  public static Optional<String> traceparent(Headers headers) {
    return Optional.ofNullable(HEADERS.get(headers, TRACEPARENT));
  }

  /** The context a carried {@code traceparent} names; the root context without one. */
  public static Context context(Optional<String> traceparent) {
    return traceparent.isEmpty()
        ? Context.root()
        : W3C.extract(Context.root(), traceparent.get(), TRACEPARENT_ONLY);
  }

  /** The {@code traceparent} of {@code span}; empty for an invalid (no-op) span. */
  public static Optional<String> traceparent(Span span) {
    if (!span.getSpanContext().isValid()) {
      return Optional.empty();
    }
    String[] value = new String[1];
    W3C.inject(
        Context.root().with(span),
        null,
        (carrier, key, v) -> {
          if (TRACEPARENT.equals(key)) {
            value[0] = v;
          }
        });
    return Optional.ofNullable(value[0]);
  }
}
